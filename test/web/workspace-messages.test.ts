// The analysis engine's reasons on the workspace's Dutch and English pages (issue 15): a model with a dummy
// without cases and a model whose reference category is empty (stats.fitOls's typed reasons), and an export
// the SPSS writer refuses (ExportDataError's typed problem), each said in the page's language from the
// message catalogues, never the engine's English. The study is the shipped one with four missing codes on
// Q2.01 that no SPSS file can hold (92, 94, 96, 98); the complete cases are counted by R.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { QuestionnaireFile } from '../../src/questionnaire/schema.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';
import { requireTool, run } from '../support/reference-tools.ts';
import { storeFixture, writeFixtureCsv } from '../support/workspace-fixture.ts';

const PASSWORD = 'correct horse battery staple';
/** The page's text without tags, whitespace collapsed. */
const text = (html: string): string =>
  html
    .replace(/<style>[^]*?<\/style>/g, '')
    .replace(/<select[^]*?<\/select>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe("the engine's reasons in the workspace's language (HTTP)", () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let dir: string;
  /** Complete cases of Q3.01 by gender, as R counts them. */
  let complete = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perspectief-ws-messages-'));
    const study = join(dir, 'study');
    cpSync(DEFAULT_STUDY_DIR, study, { recursive: true });
    const file = join(study, 'questionnaires', 'wi2021-asiel.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as QuestionnaireFile;
    const gender = json.pages.flatMap((p) => p.items).find((i) => i.id === 'Q2.01');
    assert.ok(gender?.kind === 'single');
    for (const code of [92, 94, 96]) {
      const words = `Onbekend (${code})`;
      gender.options.push({ code, text: { nl: words, en: `Unknown (${code})`, ar: words, tr: words, ti: words }, missing: true });
    }
    writeFileSync(file, JSON.stringify(json));
    t = await openTestDatabase(study);
    app = testApp(t, {}, (line) => console.error(line));
    await storeFixture(t.db, 'inburgeraars:2024');
    await createUser(t.db, { username: 'anna', passwordHash: await hashPassword(PASSWORD), role: 'researcher' });
    const csv = join(dir, 'fixture.csv');
    writeFixtureCsv(csv);
    requireTool('Rscript', 'r-base-core');
    complete = Number(run('Rscript', ['-e', `d <- read.csv('${csv}'); cat(sum(!is.na(d$gender) & !is.na(d$q301)))`]).trim());
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = async (): Promise<Browser> => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', {
      form: { _csrf: hiddenValue(form, '_csrf'), username: 'anna', password: PASSWORD },
    });
    assert.equal(res.status, 303);
    return browser;
  };
  const page = async (browser: Browser, path: string): Promise<{ status: number; text: string }> => {
    const res = await browser.request(path);
    return { status: res.status, text: text(await res.text()) };
  };
  /** Exports written to the audit log (PGlite and pg both answer { rows }). */
  const exports = async (): Promise<number> => {
    const result: unknown = await t.db.execute(sql`select count(*)::int as n from audit_log where action = 'export'`);
    return (result as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  };

  it('says why a dummy has no estimate and why a model cannot be estimated, in Dutch and in English', async () => {
    const browser = await login();
    assert.ok(complete > 0);
    // Reference "Vrouw": the dummy "Anders, namelijk..." has no cases among the complete cases.
    const dummy = '/onderzoek/modellen?meting=2024&y=Q3.01&x1=Q2.01&a1=categorie&r1=2';
    const nl = await page(browser, `${dummy}&taal=nl`);
    assert.equal(nl.status, 200);
    assert.match(nl.text, /Anders, namelijk\.\.\. – – – geen waarnemingen in deze categorie onder de volledige waarnemingen/);
    const en = await page(browser, `${dummy}&taal=en`);
    assert.match(en.text, /Other, namely\.\.\. – – – no cases in this category among the complete cases/);
    // Reference "Anders, namelijk...": no model at all, said once above the table.
    const empty = '/onderzoek/modellen?meting=2024&y=Q3.01&x1=Q2.01&a1=categorie&r1=3';
    const nlEmpty = await page(browser, `${empty}&taal=nl`);
    assert.match(
      nlEmpty.text,
      new RegExp(
        `Niet te schatten: de referentiecategorie 3 \\(Anders, namelijk\\.\\.\\.\\) van ‘Q2\\.01’ komt niet voor onder de ${complete} volledige waarnemingen; kies een andere referentiecategorie`,
      ),
    );
    const enEmpty = await page(browser, `${empty}&taal=en`);
    assert.match(
      enEmpty.text,
      new RegExp(
        `Cannot be estimated: the reference category 3 \\(Other, namely\\.\\.\\.\\) of ‘Q2\\.01’ does not occur among the ${complete} complete cases; choose another reference category`,
      ),
    );
    for (const p of [nl, en, nlEmpty, enEmpty])
      assert.doesNotMatch(p.text, /complete cases among|has no cases among|ols:/, "not the engine's English");
  });

  it('says why the SPSS file cannot be made, in Dutch and in English, and audits nothing', async () => {
    const browser = await login();
    const audited = await exports();
    const sav = '/onderzoek/export/bestand?verstuurd=1&formaat=sav&meting=2024&afgerond=1';
    const nl = await page(browser, `${sav}&taal=nl`);
    assert.equal(nl.status, 400);
    assert.match(
      nl.text,
      /Het bestand kon niet worden gemaakt: variabele ‘Q2\.01’: SPSS bewaart ten hoogste drie ontbrekende-waardecodes, of één reeks opeenvolgende gehele getallen plus één code; 92, 94, 96, 98 passen in geen van beide\. Er is niets geëxporteerd/,
    );
    assert.doesNotMatch(nl.text, /SPSS holds|fit neither/);
    const en = await page(browser, `${sav}&taal=en`);
    assert.equal(en.status, 400);
    assert.match(
      en.text,
      /The file could not be made: variable ‘Q2\.01’: SPSS holds at most three missing-value codes, or one range of consecutive whole numbers plus one code; 92, 94, 96, 98 fit neither\. Nothing was exported/,
    );
    assert.equal(await exports(), audited, 'nothing refused is audited');
    // The same data as CSV: no SPSS limit, so the file is made.
    const csv = await browser.request('/onderzoek/export/bestand?verstuurd=1&formaat=csv&meting=2024&afgerond=1');
    assert.equal(csv.status, 200);
  });
});
