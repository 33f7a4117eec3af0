// `perspectief report build` as a researcher runs it, through the real executable on an embedded database that
// gets the synthetic demo on first use: the PDF read back with poppler (pdfinfo, pdftotext, pdftohtml), the HTML
// opened in Chromium and checked by axe-core, report.json against the published report's captions, figure Ns
// and quoted percentages (test/fixtures/report/, from ../shared/research; test/support/figure-quotes.ts) and
// against its own printed numbers;
// a weighted build, an English one, and one without Chromium; the audit log. Expected values come from the
// published report and from poppler/axe, never from the code under test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/storage/db.ts';
import { auditLog } from '../../src/storage/schema.ts';
import { launchChromium } from '../support/chromium.ts';
import { requireTool, run } from '../support/reference-tools.ts';
import { axeViolations } from '../support/axe.ts';
import { CONTRADICTED_N, figureNMisses, PUBLISHED_FIGURE_COUNT, quoteAgreement } from '../support/figure-quotes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PUBLISHED = JSON.parse(readFileSync(new URL('../fixtures/report/published-captions.json', import.meta.url), 'utf8')) as {
  tables: { id: string; caption: string; N: number | null }[];
  figures: { id: string; caption: string; N: number; meanN: boolean }[];
};

type Cell = number | '<1' | null;
interface ReportJson {
  synthetic: boolean;
  wave: string;
  weighted: boolean;
  lang: string;
  earlier?: string;
  weighting?: { groups: { label: string; n: number; effectiveN: number; designEffect: number }[]; notes: string[] };
  figures: Record<
    string,
    {
      title: string;
      N: number;
      categories: string[];
      bars: { label: string; group?: string; N: number; percent: Cell[] }[];
      findings: string[];
    }
  >;
  tables: Record<
    string,
    {
      kind: string;
      title: string;
      N?: number;
      columns?: { label: string; N: number }[];
      rows?: { label: string; values?: Cell[] }[];
      findings?: string[];
      comparison?: { earlier: string; rows: { earlier: Cell[]; difference: (number | null)[]; marked: boolean[] }[] };
    }
  >;
}

/** A caption without its N ("(N = 2.782)", "(N=45)", "(gemiddelde N = 734)") and emphasis, spaces collapsed. */
const captionText = (caption: string): string =>
  caption
    .replace(/\*/g, '')
    .replace(/\s*\((?:gemiddelde )?N ?= ?[\d.]+\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const value = (cell: Cell | undefined): number => (cell === '<1' ? 0 : (cell ?? 0));

describe('perspectief report build on the demo wave', { timeout: 900_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-report-build-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data');
  // The built-in study and the demo, whatever the calling shell has set.
  const { PERSPECTIEF_STUDY_DIR: _study, PERSPECTIEF_DEMO: _demo, ...baseEnv } = process.env;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['bin/perspectief.js', ...args], {
      cwd: ROOT,
      env: { ...baseEnv, PERSPECTIEF_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
  const out = join(dir, 'rapport');
  let build: ReturnType<typeof cli>;
  let report: ReportJson;
  let pdfText: string;
  let pages: string[];

  // Three builds, one after the other on one database (the first loads the demo): the default with its PDF; a
  // weighted one and an English one without Chromium (HTML and report.json only).
  const weightedOut = join(dir, 'gewogen');
  const englishOut = join(dir, 'english');
  let weightedBuild: ReturnType<typeof cli>;
  let englishBuild: ReturnType<typeof cli>;

  before(() => {
    requireTool('pdfinfo', 'poppler-utils');
    requireTool('pdftohtml', 'poppler-utils');
    build = cli(['report', 'build', '--out', out]);
    assert.equal(build.status, 0, build.stderr);
    weightedBuild = cli(['report', 'build', '--out', weightedOut, '--weighted'], { PERSPECTIEF_CHROMIUM: '/nonexistent' });
    englishBuild = cli(['report', 'build', '--out', englishOut, '--lang', 'en'], { PERSPECTIEF_CHROMIUM: '/nonexistent' });
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson;
    pdfText = run('pdftotext', [join(out, 'rapport.pdf'), '-']);
    pages = pdfText.split('\f');
  });

  it('writes rapport.html, rapport.pdf, report.json and every figure as figuren/<number>.svg, and says the data are synthetic', () => {
    for (const file of ['rapport.html', 'rapport.pdf', 'report.json']) assert.ok(existsSync(join(out, file)), file);
    const svgs = readdirSync(join(out, 'figuren')).sort();
    assert.equal(svgs.length, 79);
    assert.deepEqual(svgs, PUBLISHED.figures.map((f) => `${f.id}.svg`).sort());
    assert.match(build.stderr, /79\/79 figures/);
    assert.match(build.stderr, /SYNTHETIC/);
    assert.deepEqual([report.synthetic, report.wave, report.weighted, report.lang], [true, '2024', false, 'nl']);
  });

  it('prints a tagged A4 PDF with an outline, page numbers in the footer of every page', () => {
    const info = run('pdfinfo', [join(out, 'rapport.pdf')]);
    assert.match(info, /^Tagged:\s+yes$/m);
    assert.match(info, /^Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)$/m);
    const total = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    assert.ok(total >= 100, `${total} pages`);
    pages.slice(0, total).forEach((page, i) => assert.match(page, new RegExp(`\\b${i + 1} / ${total}\\b`), `footer of page ${i + 1}`));
    const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-l', '1', join(out, 'rapport.pdf')]);
    const outline = [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => [Number(m[1]), m[2] ?? ''] as const);
    for (const heading of ['1 Inleiding', '4.4 Dualiteit', 'B.4 Aanvullende tabellen paragraaf 4.5 (kwaliteit)'])
      assert.ok(
        outline.some(([, text]) => text === heading),
        `outline has "${heading}"`,
      );
    // An outline entry points at the page where its heading is printed.
    for (const [page, text] of outline.filter(([, t]) => /^\d\.\d /.test(t)))
      // (pdftohtml drops the space where a heading wraps: compare without spaces)
      assert.ok((pages[page - 1] ?? '').replace(/\s+/g, '').includes(text.replace(/\s+/g, '')), `"${text}" on page ${page}`);
  });

  it('has every table and figure caption of the published report in the PDF, Tables 2.7 and 2.8 included', () => {
    const text = flat(pdfText);
    const missing = [...PUBLISHED.tables, ...PUBLISHED.figures].map((x) => captionText(x.caption)).filter((c) => !text.includes(c));
    assert.deepEqual(missing, []);
    assert.equal(PUBLISHED.tables.length, 81);
  });

  it('lists tables and figures in the contents with the page their caption is printed on', () => {
    const layout = run('pdftotext', ['-layout', '-f', '2', '-l', '8', join(out, 'rapport.pdf'), '-']);
    const entries = [
      ...layout.matchAll(/^\s*((?:Tabel|Figuur) [A-Z0-9][0-9.a-z]*) [^\n]*?(?:\n(?![^\n]*(?:Tabel|Figuur) )[^\n]*?)*?\s(\d+)\s*$/gm),
    ];
    const checked = new Map(entries.map((m) => [m[1]!, Number(m[2])]));
    assert.ok(checked.size >= 150, `${checked.size} entries read from the contents`);
    for (const [label, page] of checked) {
      const own = pages[page - 1] ?? '';
      assert.ok(new RegExp(`^${label.replace(/\./g, '\\.')} `, 'm').test(own), `${label} is on page ${page}`);
    }
  });

  it('keeps each figure on one page: its caption and every bar with its N', () => {
    for (const [id, figure] of Object.entries(report.figures)) {
      // The list of figures comes first: the figure itself is the last page that starts a line with its caption.
      const page = pages.findLastIndex((p) => new RegExp(`^Figuur ${id.replace(/\./g, '\\.')} `, 'm').test(p));
      assert.ok(page >= 0, `figure ${id} has a caption`);
      for (const bar of figure.bars) {
        const n = new Intl.NumberFormat('nl-NL').format(bar.N);
        assert.ok(flat(pages[page] ?? '').includes(`(N = ${n})`), `figure ${id}: a bar with N = ${n} on page ${page + 1}`);
      }
    }
  });

  it("gives every figure the N of the published report's caption, but for the 9 Ns the tables or the routing contradict", () => {
    // The contradicted Ns (test/support/figure-quotes.ts says why for each) are all that may differ, and all differ.
    const wrong = figureNMisses(report.figures).map((m) => m.slice(0, m.indexOf(':')));
    assert.deepEqual(wrong, Object.keys(CONTRADICTED_N), figureNMisses(report.figures).join('\n'));
    assert.equal(PUBLISHED_FIGURE_COUNT - wrong.length, 70);
  });

  it("gives the percentages the report's text quotes for its figures within 1 point, for at least 95% of them", () => {
    const { within, total, misses } = quoteAgreement(report.figures);
    assert.equal(total, 198);
    assert.ok(within >= 0.95 * total, `${within} of ${total} within 1 point; first misses:\n${misses.slice(0, 20).join('\n')}`);
  });

  it('lists under every table and figure the differences of 8 points or more, as report.json does', () => {
    let checked = 0;
    const html = readFileSync(join(out, 'rapport.html'), 'utf8');
    for (const [id, t] of Object.entries(report.tables)) {
      if (t.kind !== 'frequency' || !t.columns || !t.rows || !t.findings) continue;
      for (const row of t.rows)
        t.columns.forEach((a, i) =>
          t.columns!.forEach((b, j) => {
            if (j <= i) return;
            const d = Math.abs(value(row.values?.[i]) - value(row.values?.[j]));
            const listed = t.findings!.some(
              (f) => f.startsWith(`${row.label}: `) && f.includes(` ${a.label} `) && f.includes(` ${b.label} `),
            );
            // Printed percentages are rounded: 10 points apart is 8 or more before rounding, 6 is less.
            if (d >= 10) assert.ok(listed, `table ${id}, ${row.label}: ${a.label} and ${b.label} are ${d} points apart`);
            if (d <= 6) assert.ok(!listed, `table ${id}, ${row.label}: ${a.label} and ${b.label} are only ${d} points apart`);
            checked++;
          }),
        );
      for (const finding of t.findings.slice(0, 10))
        assert.ok(html.includes(finding.replace(/'/g, '&#39;')), `table ${id}: "${finding}" under it`);
    }
    assert.ok(checked > 1000, `${checked} pairs checked`);
    const figure = report.figures['2.2']!;
    assert.match(figure.findings[0] ?? '', /^(Man|Vrouw): Wi20\d\d-\w+ \d+% tegenover Wi20\d\d-\w+ \d+% \(\d+ procentpunt\)$/);
  });

  it('sets the earlier wave beside the current one, marking changes of 8 points or more', () => {
    assert.equal(report.earlier, '2023');
    const compared = Object.values(report.tables).filter((t) => t.comparison);
    assert.ok(compared.length >= 30, `${compared.length} tables compared`);
    for (const t of compared)
      t.comparison!.rows.forEach((row, r) =>
        row.marked.forEach((marked, c) => {
          const d = row.difference[c];
          if (marked) assert.ok(d !== null && d !== undefined && Math.abs(d) >= 7, `${t.title}: marked ${d}`);
          const now = t.rows?.[r]?.values?.[c];
          if (d !== null && d !== undefined && now !== null && now !== undefined && row.earlier[c] !== null)
            assert.ok(Math.abs(value(now) - value(row.earlier[c] ?? null) - d) <= 1, `${t.title}: difference ${d}`);
        }),
      );
  });

  describe('the HTML in Chromium', () => {
    let browser: Browser;
    before(async () => {
      browser = await launchChromium();
    });
    after(async () => browser.close());

    it('is one self-contained file: no address outside it', () => {
      const html = readFileSync(join(out, 'rapport.html'), 'utf8');
      assert.doesNotMatch(html, /<(?:link|script|img)\b[^>]*\b(?:href|src)="(?!#|data:)/);
      assert.doesNotMatch(html, /url\((?!['"]?data:)/);
      assert.ok((html.match(/<svg /g) ?? []).length >= 79);
    });

    it('passes axe-core with 0 WCAG 2.1 AA violations, links every contents entry to its place', async () => {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      await page.goto(`file://${join(out, 'rapport.html')}`);
      assert.deepEqual(await axeViolations(page, 'rapport.html'), []);
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll('nav a[href^="#"]')]
          .map((a) => a.getAttribute('href')!.slice(1))
          .filter((id) => document.getElementById(id) === null),
      );
      assert.deepEqual(broken, []);
      const figure = await page.evaluate(() => document.querySelector('#figuur-4\\.1 [role="img"]')?.getAttribute('aria-label') ?? '');
      assert.match(figure, /^Figuur 4\.1 .*Wi2021-asiel \(N = [\d.]+\): Heel goed \d+%, Goed \d+%/);
      await context.close();
    });
  });

  describe('options', () => {
    it('--weighted rakes each group to its population, says so on every table and in the method section', () => {
      assert.equal(weightedBuild.status, 0, weightedBuild.stderr);
      const w = JSON.parse(readFileSync(join(weightedOut, 'report.json'), 'utf8')) as ReportJson;
      assert.equal(w.weighted, true);
      const groups = w.weighting!.groups;
      assert.deepEqual(
        groups.map((g) => g.label),
        ['Wi2021-asiel', 'Wi2021-gezin', 'Wi2013-asiel', 'Wi2013-gezin'],
      );
      for (const g of groups) assert.ok(g.designEffect > 1 && g.effectiveN < g.n, `${g.label}: deff ${g.designEffect}`);
      // DUO's gender margins of Wi2021-asiel add up to 34.481, the group to 34.482 (Tabel 2.10): rescaled, said so.
      assert.ok(
        w.weighting!.notes.includes(
          'Wi2021-asiel: de marges naar geslacht tellen op tot 34.481, de groep tot 34.482; herschaald naar 34.482.',
        ),
        w.weighting!.notes.join('\n'),
      );
      // The same N, other percentages.
      const changed = Object.entries(w.tables).filter(
        ([id, t]) => t.kind === 'frequency' && JSON.stringify(t.rows) !== JSON.stringify(report.tables[id]?.rows),
      );
      assert.ok(changed.length > 30, `${changed.length} tables changed by weighting`);
      assert.equal(w.tables['3.2']?.N, report.tables['3.2']?.N);
      const html = readFileSync(join(weightedOut, 'rapport.html'), 'utf8');
      assert.match(html, /Gewogen naar de populatie/);
      assert.match(html, /Design-effect/);
      const captions = html.match(/<b>Tabel [^<]+<\/b>[^<]*/g) ?? [];
      const frequency = Object.values(w.tables).filter((t) => t.kind === 'frequency').length;
      assert.ok(captions.filter((c) => /gewogen\)$/.test(c)).length >= frequency, 'every frequency table says "gewogen"');
    });

    it('without Chromium writes the HTML and names the package to install for the PDF', () => {
      for (const [run, folder] of [
        [weightedBuild, weightedOut],
        [englishBuild, englishOut],
      ] as const) {
        assert.equal(run.status, 0, run.stderr);
        assert.ok(existsSync(join(folder, 'rapport.html')));
        assert.ok(existsSync(join(folder, 'report.json')));
        assert.equal(readdirSync(join(folder, 'figuren')).length, 79);
        assert.ok(!existsSync(join(folder, 'rapport.pdf')));
        assert.match(run.stderr, /no PDF: .*install Debian's package "chromium"/);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
      }
    });

    it('--lang en builds the report with English captions, item and option texts', () => {
      const en = JSON.parse(readFileSync(join(englishOut, 'report.json'), 'utf8')) as ReportJson;
      assert.equal(en.lang, 'en');
      assert.equal(en.figures['4.1']?.title, 'How well do you feel your story was listened to during the broad intake?');
      assert.deepEqual(en.figures['4.1'].categories.slice(0, 2), ['Very good', 'Good']);
      assert.equal(
        en.tables['3.2']?.title,
        "'Because of civic integration I have a better chance of finding work at my own level', by type of migrant",
      );
      assert.deepEqual(
        en.tables['4.7']?.rows?.slice(1, 3).map((r) => r.label),
        ['Age', 'Gender (woman)'],
      );
      assert.equal(en.tables['3.2'].rows?.[0]?.label, 'Strongly agree');
      assert.deepEqual(
        en.figures['4.1'].bars.map((b) => b.N),
        report.figures['4.1']?.bars.map((b) => b.N),
      );
      const html = readFileSync(join(englishOut, 'rapport.html'), 'utf8');
      assert.match(html, /<html lang="en"/);
      assert.match(html, /<b>Table 3\.2<\/b>/);
      assert.match(html, /<b>Figure 4\.1<\/b>/);
      assert.match(html, /\(N = 5,173\)|5,173/);
    });

    it('refuses a bad language or a missing --out without a stack trace', () => {
      const lang = cli(['report', 'build', '--out', join(dir, 'x'), '--lang', 'ar']);
      assert.equal(lang.status, 2);
      assert.match(lang.stderr, /--lang must be nl or en, not "ar"/);
      const noOut = cli(['report', 'build']);
      assert.equal(noOut.status, 2);
      assert.match(noOut.stderr, /"report build" needs --out DIR/);
      for (const r of [lang, noOut]) assert.doesNotMatch(r.stderr, /\n\s+at /);
    });

    it('writes every build to the audit log: wave, options, files', async () => {
      const database = await openDatabase({ dataDir });
      try {
        const rows = await database.db.select().from(auditLog).where(eq(auditLog.action, 'report-build')).orderBy(desc(auditLog.id));
        const details = rows.map((r) => r.detail as Record<string, unknown>);
        assert.equal(details.length, 3);
        assert.deepEqual(details.map((d) => [d['wave'], d['weighted'], d['lang'], d['pdf'], d['figures']]).reverse(), [
          ['2024', false, 'nl', true, 79],
          ['2024', true, 'nl', false, 79],
          ['2024', false, 'en', false, 79],
        ]);
        assert.ok(details.every((d) => typeof d['osUser'] === 'string' && d['via'] === 'cli'));
      } finally {
        await database.close();
      }
    });
  });
});
