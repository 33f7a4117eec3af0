// The researcher's workspace over HTTP (issue 15): the tables explorer (a table, its chi-square, weighted
// views with the effective N and Rao-Scott, every view at its own address, downloads), the scales and models
// pages, the export page's zip, one navigation in the remembered language, and roles. Reference values from
// R (r-base-core) on the same answers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { insertChannel } from '../../src/storage/channels.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';
import { requireTool, run } from '../support/reference-tools.ts';
import { storeFixture, writeFixtureCsv } from '../support/workspace-fixture.ts';

const PASSWORD = 'correct horse battery staple';
const nl = (x: number, digits: number): string =>
  new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
/** The page's text without tags, whitespace collapsed. */
const text = (html: string): string =>
  html
    .replace(/<style>[^]*?<\/style>/g, '')
    .replace(/<select[^]*?<\/select>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('researcher workspace: tables, scales, models, export (HTTP)', () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let dir: string;
  /** R's reference values on the fixture's answers. */
  const r = new Map<string, number>();

  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    app = testApp(t, {}, (line) => console.error(line));
    await storeFixture(t.db, 'inburgeraars:2024');
    for (const [slug, municipality] of [
      ['gemeente-utrecht', 'Utrecht'],
      ['gemeente-breda', 'Breda'],
    ] as const)
      await insertChannel(t.db, { slug, name: `Gemeente ${municipality}`, kind: 'municipality', municipality, createdBy: null });
    for (const [username, role] of [
      ['anna', 'researcher'],
      ['piet', 'partner'],
    ] as const)
      await createUser(t.db, { username, passwordHash: await hashPassword(PASSWORD), role });
    dir = mkdtempSync(join(tmpdir(), 'perspectief-ws-'));
    const csv = join(dir, 'fixture.csv');
    writeFixtureCsv(csv);
    requireTool('Rscript', 'r-base-core');
    const script = [
      `d <- read.csv('${csv}')`,
      `k <- d[!is.na(d$gender), ]`,
      `x <- chisq.test(table(k$q301, k$gender), correct = FALSE)`,
      `cat('chisq', x$statistic, '\\n'); cat('df', x$parameter, '\\n'); cat('p', x$p.value, '\\n')`,
      `cat('men_agree', 100 * mean(k$q301[k$gender == 1] == 5), '\\n')`,
      `u <- d[d$channel == 'gemeente-utrecht', ]; cat('utrecht_n', nrow(u), '\\n'); cat('utrecht_agree', 100 * mean(u$q301 == 5), '\\n')`,
      `cat('breda_n', sum(d$channel == 'gemeente-breda'), '\\n')`,
      `s <- d[, c('q301', 'q302')]`,
      `cat('alpha', 2 * (1 - (var(s$q301) + var(s$q302)) / var(s$q301 + s$q302)), '\\n')`,
      `a <- d[d$questionnaire == 'wi2021-asiel', c('q301', 'q302')]`,
      `cat('alpha_asiel', 2 * (1 - (var(a$q301) + var(a$q302)) / var(a$q301 + a$q302)), '\\n')`,
      // "beleidsdoelen" (Q3.03-Q3.06) on complete cases: alpha, alpha without each item, item-rest, inter-item.
      `alpha <- function(x) { k <- ncol(x); k / (k - 1) * (1 - sum(apply(x, 2, var)) / var(rowSums(x))) }`,
      `b <- na.omit(d[, c('q303', 'q304', 'q305', 'q306')])`,
      `cat('b_n', nrow(b), '\\n'); cat('b_alpha', alpha(b), '\\n')`,
      `for (j in 1:4) { cat(paste0('b_drop', j), alpha(b[, -j]), '\\n'); cat(paste0('b_rest', j), cor(b[, j], rowSums(b[, -j])), '\\n') }`,
      `r <- cor(b); cat('b_r12', r[1, 2], '\\n'); cat('b_r34', r[3, 4], '\\n')`,
      `g <- na.omit(d[d$questionnaire == 'wi2021-gezin', c('q303', 'q304', 'q305', 'q306')])`,
      `cat('b_gezin_n', nrow(g), '\\n'); cat('b_gezin_alpha', alpha(g), '\\n'); cat('b_gezin_drop3', alpha(g[, -3]), '\\n')`,
      `m <- lm(q301 ~ relevel(factor(gender), ref = '2') + age, data = d)`,
      `cat('B_gender1', coef(m)[[2]], '\\n'); cat('B_age', coef(m)[[3]], '\\n'); cat('n_model', nobs(m), '\\n')`,
    ].join('\n');
    for (const line of run('Rscript', ['-e', script]).trim().split('\n')) {
      const [key, value] = line.trim().split(/\s+/);
      r.set(key!, Number(value));
    }
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = async (username = 'anna'): Promise<Browser> => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username, password: PASSWORD } });
    assert.equal(res.status, 303);
    return browser;
  };
  /** The rows of a raw query (PGlite and pg both answer { rows }). */
  const rowsOf = <Row>(result: unknown): Row[] => (result as { rows: Row[] }).rows;
  const exports = async (): Promise<Record<string, unknown>[]> =>
    rowsOf<{ detail: Record<string, unknown> }>(
      await t.db.execute(sql`select detail from audit_log where action = 'export' order by id`),
    ).map((row) => row.detail);

  it('keeps visitors without a session out of every workspace page, and partners out of the analysis pages', async () => {
    for (const path of ['/onderzoek/tabellen', '/onderzoek/schalen', '/onderzoek/modellen', '/onderzoek/export', '/onderzoek/tabellen.csv'])
      assert.equal((await new Browser(app).request(path)).status, 303, path);
    const partner = await login('piet');
    for (const path of ['/onderzoek/tabellen?vraag=Q3.01', '/onderzoek/schalen', '/onderzoek/modellen', '/onderzoek/export/bestand'])
      assert.equal((await partner.request(path)).status, 403, path);
    assert.doesNotMatch(
      await (await partner.request('/onderzoek/sessies')).text(),
      /href="\/onderzoek\/tabellen"/,
      'no link a partner cannot open',
    );
  });

  it('shows an item by a breakdown as the report prints it, with the chi-square R computes and the source of its numbers', async () => {
    const browser = await login();
    const html = await (await browser.request('/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=gender')).text();
    const page = text(html);
    // 40 men and 32 women answered (8 said "Dat wil ik niet zeggen" and are in no gender column).
    assert.match(page, /Antwoord Man Vrouw Anders, namelijk\.\.\. Totaal/);
    assert.match(page, /N 40 32 0 80/);
    assert.match(page, new RegExp(`Helemaal eens ${nl(r.get('men_agree')!, 0)}%`));
    assert.match(
      page,
      new RegExp(`χ² = ${nl(r.get('chisq')!, 2)}, df = ${r.get('df')}, p = ${nl(r.get('p')!, 3).replace(/\./g, '\\.')}`),
      'Pearson as R chisq.test',
    );
    assert.match(
      page,
      /Bron: Meting 2 \(oktober-november 2024\) \(inburgeraars:2024\); vragenlijst: alle; afgeronde responses; ongewogen; 80 responses/,
    );
    // Its own address: the form shows the view's choices selected.
    assert.match(html, /<option value="Q3\.01" selected="">/);
    assert.match(html, /<option value="gender" selected="">/);
    assert.match(html, /href="\/onderzoek\/tabellen\.xlsx\?meting=2024&amp;vraag=Q3\.01&amp;uitsplitsing=gender"/);
  });

  it('weights a view to the population margins as raking in R does: percentages, effective N per column and per group', async () => {
    const browser = await login();
    // R rakes the same rows itself (base R, iterative proportional fitting per type inburgeraar to the wave's
    // gender, route and age-band margins; an unknown level keeps its sample share; margins scaled to the
    // group's size), from the CSV the export page writes and the study's population file.
    const zipped = await browser.request('/onderzoek/export/bestand?verstuurd=1&formaat=csv&meting=2024&afgerond=1');
    const zip = await JSZip.loadAsync(await zipped.arrayBuffer());
    const csvName = Object.keys(zip.files).find((f) => f.endsWith('.csv'))!;
    const data = join(dir, 'weighted.csv');
    writeFileSync(data, (await zip.file(csvName)!.async('string')).replace(/^\ufeff/, ''));
    const population = t.study.waves.find((w) => w.key === '2024')!.population!;
    const margins = join(dir, 'margins.csv');
    const dims = population.dimensions as Record<string, string>;
    const lines = ['group,variable,level,count'];
    for (const c of population.cells as readonly Record<string, number | undefined>[]) {
      if (c['group'] === undefined) continue;
      const dim = ['gender', 'route', 'ageBand'].find((d) => c[d] !== undefined);
      lines.push(dim ? `${c['group']},${dims[dim]},${c[dim]},${c['count']}` : `${c['group']},,,${c['count']}`);
    }
    writeFileSync(margins, `${lines.join('\n')}\n`);
    const script = [
      `d <- read.csv('${data}', check.names = FALSE); m <- read.csv('${margins}')`,
      `d$w <- NA`,
      `eff <- function(w) sum(w)^2 / sum(w^2)`,
      `for (g in unique(m$group)) {`,
      `  rows <- which(d$type_inburgeraar == g); if (length(rows) == 0) next`,
      `  size <- m$count[m$group == g & is.na(m$level)]; x <- d[rows, ]; w <- rep(1, length(rows)); targets <- list()`,
      `  for (v in unique(m$variable[m$group == g & !is.na(m$level)])) {`,
      `    mm <- m[m$group == g & !is.na(m$level) & m$variable == v, ]; val <- x[[v]]`,
      `    cat <- ifelse(!is.na(val) & val %in% mm$level, val, -1); kept <- mm[mm$level %in% cat, ]`,
      `    unknown <- mean(cat == -1); t <- size * (1 - unknown) * kept$count / sum(kept$count); names(t) <- kept$level`,
      `    if (unknown > 0) t <- c(t, '-1' = size * unknown); targets[[v]] <- list(cat = cat, t = t) }`,
      `  for (it in 1:1000) { change <- 0; for (v in names(targets)) { k <- targets[[v]]`,
      `    for (l in names(k$t)) { s <- k$cat == as.numeric(l); f <- k$t[[l]] / sum(w[s]); change <- max(change, abs(f - 1)); w[s] <- w[s] * f } }`,
      `    if (change < 1e-12) break }`,
      `  d$w[rows] <- w`,
      `  cat(paste0('group', g, '_eff'), eff(w), '\\n'); cat(paste0('group', g, '_deff'), length(w) / eff(w), '\\n') }`,
      // Raked weights sum to each group's population; scaled to a mean of 1 over everyone weighted.
      `d$w <- d$w / mean(d$w, na.rm = TRUE); v <- d[!is.na(d[['Q3.01']]) & !is.na(d$w), ]`,
      `for (r in 1:3) { s <- v[which(v[['Q2.09']] == r), ]`,
      `  cat(paste0('route', r, '_agree'), 100 * sum(s$w[s[['Q3.01']] == 5]) / sum(s$w), '\\n'); cat(paste0('route', r, '_eff'), eff(s$w), '\\n') }`,
      `cat('total_agree', 100 * sum(v$w[v[['Q3.01']] == 5]) / sum(v$w), '\\n'); cat('total_eff', eff(v$w), '\\n')`,
    ].join('\n');
    const w = new Map<string, number>();
    for (const line of run('Rscript', ['-e', script]).trim().split('\n')) {
      const [key, value] = line.trim().split(/\s+/);
      w.set(key!, Number(value));
    }
    const page = text(await (await browser.request('/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=route&gewogen=1')).text());
    assert.match(page, /gewogen naar de populatie/);
    // The fourth route ("Ik volg nog geen leerroute") has no respondent in the fixture: N 0, no percentages.
    const [e1, e2, e3, et] = ['route1_eff', 'route2_eff', 'route3_eff', 'total_eff'].map((k) => nl(w.get(k)!, 0));
    const eff = `${e1} ${e2} ${e3} 0 ${et}`;
    assert.match(page, new RegExp(`Effectieve N \\(gewogen\\) ${eff}`), `effective N per column as R: ${eff}`);
    const agree = /Helemaal eens (\d+)% (\d+)% (\d+)% – (\d+)%/.exec(page)?.slice(1).map(Number);
    assert.ok(agree, 'the weighted "Helemaal eens" row');
    ['route1_agree', 'route2_agree', 'route3_agree', 'total_agree'].forEach((k, c) => {
      // Printed whole, the column adding up to 100 (largest remainder): within one point of R's exact share.
      assert.ok(Math.abs(agree[c]! - w.get(k)!) <= 1, `${k}: page ${agree[c]}%, R ${w.get(k)}`);
    });
    assert.match(
      page,
      new RegExp(
        `Wi2021-asiel: 60 respondenten, effectieve N ${nl(w.get('group1_eff')!, 0)}, design effect ${nl(w.get('group1_deff')!, 2)}`,
      ),
    );
    assert.match(
      page,
      new RegExp(
        `Wi2021-gezin: 20 respondenten, effectieve N ${nl(w.get('group2_eff')!, 0)}, design effect ${nl(w.get('group2_deff')!, 2)}`,
      ),
    );
    assert.match(page, /Chi-kwadraattoets met Rao-Scott-correctie \(gewogen\): F = [\d,]+, df = [\d,]+ en [\d.]+, p = [\d,<]/);
  });

  it('compares waves, splits by the municipality of the channel, and counts a scale by its mean', async () => {
    const browser = await login();
    const town = text(await (await browser.request('/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=municipality')).text());
    assert.match(town, /Antwoord Breda Utrecht Geen gemeente \(DUO-brief, groepssessie of directe link\) Totaal/);
    assert.match(town, new RegExp(`N ${r.get('breda_n')} ${r.get('utrecht_n')} ${80 - r.get('utrecht_n')! - r.get('breda_n')!} 80`));
    assert.match(town, new RegExp(`Helemaal eens \\d+% ${nl(r.get('utrecht_agree')!, 0)}%`));
    const waves = text(await (await browser.request('/onderzoek/tabellen?vraag=Q3.01&uitsplitsing=wave')).text());
    assert.match(waves, /Meting 2023 Meting 2024/);
    assert.match(waves, /N 0 80/, 'no responses in 2023');
    const scale = text(await (await browser.request('/onderzoek/tabellen?vraag=maatschappelijk_doel&uitsplitsing=none')).text());
    assert.match(scale, /Gemiddelde [\d,]+ Standaardafwijking [\d,]+ N 80/);
  });

  it("splits by the municipality type of the channel (municipalities.json), the DUO route in a column 'Unknown', as R counts the export", async () => {
    const browser = await login();
    // R reads the CSV the export page writes: its gemeentetype column against the channel's place looked up by
    // hand (Utrecht is G4 = 1, Breda G40 = 2; every other channel has none), N per type and a share.
    const zipped = await browser.request('/onderzoek/export/bestand?verstuurd=1&formaat=csv&meting=2024&afgerond=1');
    const zip = await JSZip.loadAsync(await zipped.arrayBuffer());
    const csv = join(dir, 'municipality-type.csv');
    writeFileSync(csv, (await zip.file(Object.keys(zip.files).find((f) => f.endsWith('.csv'))!)!.async('string')).replace(/^\ufeff/, ''));
    const script = [
      `d <- read.csv('${csv}', check.names = FALSE)`,
      `byHand <- ifelse(d$channel == 'gemeente-utrecht', 1, ifelse(d$channel == 'gemeente-breda', 2, NA))`,
      `cat('mismatches', sum(is.na(byHand) != is.na(d$gemeentetype)) + sum(byHand != d$gemeentetype, na.rm = TRUE), '\\n')`,
      `for (k in 1:3) cat(paste0('n', k), sum(d$gemeentetype == k, na.rm = TRUE), '\\n')`,
      `cat('unknown', sum(is.na(d$gemeentetype)), '\\n')`,
      `g40 <- d[which(d$gemeentetype == 2), ]; cat('g40_agree', 100 * mean(g40[['Q3.01']] == 5), '\\n')`,
      `u <- d[is.na(d$gemeentetype), ]; cat('unknown_agree', 100 * mean(u[['Q3.01']] == 5), '\\n')`,
    ].join('\n');
    const m = new Map<string, number>();
    for (const line of run('Rscript', ['-e', script]).trim().split('\n')) {
      const [key, value] = line.trim().split(/\s+/);
      m.set(key!, Number(value));
    }
    assert.equal(m.get('mismatches'), 0, "the export's gemeentetype is the channel's place looked up by hand");
    assert.ok(m.get('n1')! > 0 && m.get('n2')! > 0 && m.get('unknown')! > 0, 'the fixture has each kind');
    const address = '/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=municipalityType';
    const dutch = text(await (await browser.request(address)).text());
    assert.match(
      dutch,
      /Antwoord G4 G40 Overige gemeenten Onbekend: geen gemeente bekend \(DUO-brief, groepssessie of directe link\) Totaal/,
    );
    assert.match(dutch, new RegExp(`N ${m.get('n1')} ${m.get('n2')} ${m.get('n3')} ${m.get('unknown')} 80`));
    assert.equal(m.get('n3'), 0, 'no channel of the fixture recruits outside the G4 and G40');
    assert.match(dutch, new RegExp(`Helemaal eens \\d+% ${nl(m.get('g40_agree')!, 0)}% – ${nl(m.get('unknown_agree')!, 0)}%`));
    assert.match(
      dutch,
      /Gemeentetype \(G4, G40, Overige gemeenten\): .* bijhoudt in municipalities\.json in de studiemap\. .*staat in de kolom ‘Onbekend’\./,
    );
    assert.match(dutch, /<option value="municipalityType" selected="">|Gemeentetype \(van het wervingskanaal\)/);
    const english = text(await (await browser.request(`${address}&taal=en`)).text());
    assert.match(
      english,
      /Answer G4 \(four largest cities\) G40 \(city network\) Other municipalities Unknown: no municipality known \(DUO letter, group session or direct link\) Total/,
    );
    assert.match(english, /in the column ‘Unknown’\./);
    await browser.request('/onderzoek/tabellen?taal=nl');
  });

  it('answers an address it does not understand with 400 and a page that names the field', async () => {
    const browser = await login();
    const cases: [string, RegExp][] = [
      ['/onderzoek/tabellen?vraag=bestaat-niet&uitsplitsing=kleur', /kent: uitsplitsing=kleur, vraag=bestaat-niet\./],
      ['/onderzoek/tabellen?meting=1999&vraag=Q3.01', /kent: meting=1999\./],
      ['/onderzoek/tabellen?vraag=Q3.01&gewogen=ja', /kent: gewogen=ja\./],
      ['/onderzoek/tabellen?vraag=Q3.01&vragenlijst=wi2099', /kent: vragenlijst=wi2099\./],
      ['/onderzoek/schalen?groep=kleur', /kent: groep=kleur\./],
      ['/onderzoek/modellen?y=Q3.01&x1=Q2.01&a1=soms', /kent: a1=soms\./],
      ['/onderzoek/modellen?y=Q3.01&x1=Q2.01&a1=categorie&r1=abc', /kent: r1=abc\./],
    ];
    for (const [path, message] of cases) {
      const res = await browser.request(path);
      assert.equal(res.status, 400, path);
      const page = text(await res.text());
      assert.match(page, message, path);
      assert.doesNotMatch(page, /at \w+ \(|Error:/, `${path}: no stack trace`);
      assert.match(page, /Kies hieronder opnieuw/, `${path}: the form is there to choose again`);
    }
    const download = await browser.request('/onderzoek/tabellen.csv?vraag=Q3.01&uitsplitsing=kleur');
    assert.equal(download.status, 400);
    assert.match(await download.text(), /uitsplitsing=kleur/);
  });

  it('downloads the view as CSV, XLSX, SVG and PNG with the same numbers, and writes each download to the audit log', async () => {
    const browser = await login();
    const before = (await exports()).length;
    const csv = await browser.request('/onderzoek/tabellen.csv?meting=2024&vraag=Q3.01&uitsplitsing=gender');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="tabel-2024-Q3\.01-gender\.csv"/);
    const lines = (await csv.text()).replace(/^\ufeff/, '').split('\r\n');
    assert.equal(lines[1], ',Man,Vrouw,"Anders, namelijk...",Totaal');
    assert.match(lines[2]!, new RegExp(`^Helemaal eens,${nl(r.get('men_agree')!, 0)}%,`));
    const xlsx = await browser.request('/onderzoek/tabellen.xlsx?meting=2024&vraag=Q3.01&uitsplitsing=gender');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getCell('B3').value, 'Man');
    assert.equal(sheet.getCell('A4').value, 'Helemaal eens');
    assert.equal(sheet.getCell('B4').value, Math.round(r.get('men_agree')!) / 100);
    // The chart: the report's figure code, a bar per column with its N, segments labelled as the table prints them.
    const svgRes = await browser.request('/onderzoek/tabellen.svg?meting=2024&vraag=Q3.01&uitsplitsing=gender');
    assert.equal(svgRes.status, 200);
    assert.match(svgRes.headers.get('content-type')!, /^image\/svg\+xml/);
    const svg = await svgRes.text();
    assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const caption of ['Man (N = 40)', 'Vrouw (N = 32)', 'Totaal (N = 80)']) assert.ok(svg.includes(`>${caption}<`), caption);
    assert.ok(svg.includes(`>${Math.round(r.get('men_agree')!)}%<`), 'the men\'s "Helemaal eens" segment is labelled as R counts it');
    const png = await browser.request('/onderzoek/tabellen.png?meting=2024&vraag=Q3.01&uitsplitsing=gender');
    assert.equal(png.status, 200);
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG file');
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    assert.equal(bytes.readUInt32BE(16), 2 * width, 'the PNG (its IHDR width) is the SVG at twice its size');
    const after = await exports();
    assert.deepEqual(
      after.slice(before).map((d) => [d['format'], d['view']]),
      [
        ['table-csv', 'meting=2024&vraag=Q3.01&uitsplitsing=gender'],
        ['table-xlsx', 'meting=2024&vraag=Q3.01&uitsplitsing=gender'],
        ['table-svg', 'meting=2024&vraag=Q3.01&uitsplitsing=gender'],
        ['table-png', 'meting=2024&vraag=Q3.01&uitsplitsing=gender'],
      ],
    );
    // A scale's mean has no chart, so no chart download.
    assert.equal((await browser.request('/onderzoek/tabellen.svg?vraag=maatschappelijk_doel&uitsplitsing=none')).status, 404);
  });

  it("shows each scale's alpha, alpha without each item, item-rest and inter-item correlations as R computes them, per group", async () => {
    const browser = await login();
    const html = await (await browser.request('/onderzoek/schalen?meting=2024&groep=type')).text();
    const page = text(html);
    assert.match(page, new RegExp(`Totaal 80 ${nl(r.get('alpha')!, 2)}`));
    assert.match(page, new RegExp(`Wi2021-asiel 60 ${nl(r.get('alpha_asiel')!, 2)}`));
    // A scale of four items, one answered by fewer: complete cases only, each statistic as R has it.
    const start = html.indexOf('<section aria-labelledby="scale-beleidsdoelen">');
    assert.ok(start > 0, 'the scale "beleidsdoelen" has its section');
    const section = text(html.slice(start, html.indexOf('</section>', start)));
    assert.match(section, new RegExp(`Totaal ${r.get('b_n')} ${nl(r.get('b_alpha')!, 2)}`));
    assert.match(section, new RegExp(`Wi2021-gezin ${r.get('b_gezin_n')} ${nl(r.get('b_gezin_alpha')!, 2)}`));
    const totals = section.slice(0, section.indexOf('Items en correlaties: Wi2021-asiel'));
    ['Q3.03', 'Q3.04', 'Q3.05', 'Q3.06'].forEach((item, j) => {
      const drop = nl(r.get(`b_drop${j + 1}`)!, 2);
      const rest = nl(r.get(`b_rest${j + 1}`)!, 2);
      assert.match(
        totals,
        new RegExp(`${item.replace('.', '\\.')} · [^·]*? ${drop} ${rest} `),
        `${item}: alpha without it ${drop}, item-rest ${rest}`,
      );
    });
    assert.match(totals, new RegExp(`Q3\\.03 1,00 ${nl(r.get('b_r12')!, 2)} `), 'inter-item correlations, first row');
    assert.match(totals, new RegExp(`Q3\\.05 [-−\\d,]+ [-−\\d,]+ 1,00 ${nl(r.get('b_r34')!, 2).replace('-', '[-−]')} `));
    const gezin = section.slice(section.indexOf('Items (Wi2021-gezin)'));
    assert.match(gezin, new RegExp(`Q3\\.05 · [^·]*? ${nl(r.get('b_gezin_drop3')!, 2)} `));
  });

  it("recomputes the report's models and fits a model of one's own with a chosen reference category, as R's lm", async () => {
    const browser = await login();
    const page = text(
      await (await browser.request('/onderzoek/modellen?meting=2024&y=Q3.01&x1=Q2.01&a1=categorie&r1=2&x2=Q2.02&a2=getal')).text(),
    );
    assert.match(page, new RegExp(`\\(N = ${r.get('n_model')}\\)`));
    assert.match(page, new RegExp(`Man ${nl(r.get('B_gender1')!, 3)}`), 'the dummy of men against the reference women');
    assert.match(page, new RegExp(`Hoe oud bent u\\? ${nl(r.get('B_age')!, 3)}`));
    assert.match(page, /Modellen van het rapport, opnieuw berekend/);
    const wrong = await browser.request('/onderzoek/modellen?meting=2024&y=Q3.01&x1=Q2.01&a1=categorie&r1=7');
    assert.equal(wrong.status, 400);
    assert.match(text(await wrong.text()), /Dit model kan niet \(r1\): 7 is geen categorie van ‘Q2\.01’ \(categorieën: 1, 2, 3\)/);
    const twice = text(await (await browser.request('/onderzoek/modellen?meting=2024&y=Q3.01&x1=Q3.01')).text());
    assert.match(twice, /Dit model kan niet \(x1\): ‘Q3\.01’ is twee keer gekozen/);
  });

  it('exports a zip with the data file, its codebook and read-me, refuses combinations that cannot be, and audits it', async () => {
    const browser = await login();
    const res = await browser.request('/onderzoek/export/bestand?verstuurd=1&formaat=csv&meting=2024&vragenlijst=wi2021-gezin&afgerond=1');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    assert.deepEqual(Object.keys(zip.files).sort(), [
      'perspectief-2024-wi2021-gezin.README.txt',
      'perspectief-2024-wi2021-gezin.codebook.json',
      'perspectief-2024-wi2021-gezin.csv',
    ]);
    const csv = await zip.file('perspectief-2024-wi2021-gezin.csv')!.async('string');
    assert.equal(
      csv
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n').length,
      1 + 20,
      'header and the 20 wi2021-gezin responses',
    );
    const readme = await zip.file('perspectief-2024-wi2021-gezin.README.txt')!.async('string');
    assert.match(readme, /Made .* by anna \(workspace \/onderzoek\/export\)\./);
    assert.match(readme, /Filters: wave inburgeraars:2024; questionnaire wi2021-gezin; channel all; completed responses only\./);
    assert.match(readme, /Synthetic data: none/);
    const audited = (await exports()).length;
    const last = (await exports()).at(-1)!;
    assert.deepEqual([last['format'], last['questionnaire'], last['rows'], last['via']], ['csv', 'wi2021-gezin', 20, 'workspace']);
    const refused = await browser.request('/onderzoek/export/bestand?verstuurd=1&formaat=csv&meting=alle&tabellen=1');
    assert.equal(refused.status, 400);
    assert.match(
      text(await refused.text()),
      /Deze export kan zo niet: tabellen van het rapport kunnen alleen in een XLSX-bestand, tabellen van het rapport horen bij één meting/,
    );
    for (const [path, field] of [
      ['/onderzoek/export?formaat=pdf', 'formaat=pdf'],
      ['/onderzoek/export/bestand?verstuurd=1&formaat=csv&meting=1999', 'meting=1999'],
      ['/onderzoek/export/bestand?verstuurd=1&formaat=csv&kanaal=nergens', 'kanaal=nergens'],
      ['/onderzoek/export/bestand?verstuurd=1&formaat=sav&afgerond=ja', 'afgerond=ja'],
    ] as const) {
      const res = await browser.request(path);
      assert.equal(res.status, 400, path);
      assert.match(text(await res.text()), new RegExp(`Deze export kan zo niet: [^<]*${field}`), path);
    }
    assert.equal((await exports()).length, audited, 'nothing refused is audited');
  });

  it('has one navigation, in the language the researcher chose, remembered across pages', async () => {
    const browser = await login();
    const dutch = await (await browser.request('/onderzoek/schalen')).text();
    assert.match(dutch, /<a href="\/onderzoek\/schalen" aria-current="page">Schalen<\/a>/);
    for (const href of [
      '/onderzoek',
      '/onderzoek/tabellen',
      '/onderzoek/modellen',
      '/onderzoek/export',
      '/onderzoek/sessies',
      '/onderzoek/audio',
    ])
      assert.ok(dutch.includes(`href="${href}"`), href);
    const chosen = await browser.request('/onderzoek/tabellen?taal=en');
    assert.match(await chosen.text(), /<h1>Explore tables<\/h1>/);
    const later = await (await browser.request('/onderzoek/modellen')).text();
    assert.match(later, /<html lang="en"/);
    assert.match(later, /<h1>Models<\/h1>/);
    assert.match(await (await browser.request('/onderzoek')).text(), /Workspace language/);
  });
});
