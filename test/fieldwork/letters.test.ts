// The DUO route's letters as a user makes them: `perspectief invitations letters` prints PDFs whose every QR
// code decodes (zbar-tools) to the landing URL with a code that starts exactly one response and afterwards
// only resumes it (over HTTP); the Arabic paragraph extracts as Arabic text (poppler-utils); reminders go only
// to the codes not yet used. And `invitations create` never overwrites a codes file unless asked.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createCatalog } from '../../src/i18n/catalog.ts';
import { openDatabase, type Database } from '../../src/storage/db.ts';
import { findInvitation } from '../../src/storage/invitations.ts';
import { responses as responsesTable } from '../../src/storage/schema.ts';
import { loadStudy } from '../../src/study/load.ts';
import { createApp } from '../../src/web/app.ts';
import { Browser } from '../support/http.ts';
import { cli, fieldworkFolder, pdfFonts, pdfPages, pdfText, qrCodesOf } from './support.ts';

const BASE = 'https://perspectief.example.org';
const env = { PERSPECTIEF_BASE_URL: BASE, PERSPECTIEF_CONTACT: 'onderzoek@example.org' };
const CODE_URL = /^https:\/\/perspectief\.example\.org\/c\/([ACDEFHJKMNPRTUVWXY3479]{10})$/;

describe('invitations letters and reminders', () => {
  const folder = fieldworkFolder();
  const out = join(folder.dir, 'mailing');
  /** The manifest's rows (file, page, code) and the QR codes found on each page of each file. */
  let manifest: [file: string, page: string, code: string][] = [];
  const qr = new Map<string, string[][]>();
  /** The first QR code of each letter, in the manifest's order. */
  let decoded: string[] = [];
  before(async () => {
    const run = await cli(folder, ['invitations', 'letters', '--count', '3', '--batch-size', '2', '--out', 'mailing'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /PERSPECTIEF_BASE_URL is not set/);
    assert.match(run.stderr, /\] 3\/3 letters, 2\/2 files/, 'the progress bar reaches the end');
    assert.match(run.stderr, /wrote 3 letters in 2 PDF files to .*manifest\.csv says which code is in which file/);
    // Decoded once here, so each test has the codes whether or not the others ran.
    manifest = readFileSync(join(out, 'manifest.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => row.split(',') as [string, string, string]);
    for (const file of ['letters-0001.pdf', 'letters-0002.pdf']) qr.set(file, qrCodesOf(join(out, file), folder.dir));
    decoded = manifest.map(([file, page]) => qr.get(file)?.[Number(page) - 1]?.[0] ?? '');
  });
  /** The app on the folder's database, closed again after `use` (the CLI opens the same embedded database). */
  const withApp = async (use: (app: ReturnType<typeof createApp>, database: Database) => Promise<void>) => {
    const database = await openDatabase({ dataDir: folder.dataDir });
    try {
      const app = createApp({
        db: database.db,
        study: loadStudy(folder.studyDir),
        catalog: createCatalog(),
        contactEmail: 'x@example.org',
        secureCookies: false,
      });
      await use(app, database);
    } finally {
      await database.close();
    }
  };
  /** A respondent types a letter's code: the first use starts its response, a later one resumes it. */
  const typeCode = (app: ReturnType<typeof createApp>, code: string) => new Browser(app).request('/nl/hervat', { form: { code } });
  after(() => rmSync(folder.dir, { recursive: true, force: true }));

  it('writes batches of at most --batch-size letters, one A4 page each, and a manifest of which code is in which file', () => {
    assert.deepEqual(readdirSync(out).sort(), ['codes.csv', 'letters-0001.pdf', 'letters-0002.pdf', 'manifest.csv']);
    assert.equal(pdfPages(join(out, 'letters-0001.pdf')), 2);
    assert.equal(pdfPages(join(out, 'letters-0002.pdf')), 1);
    const codes = readFileSync(join(out, 'codes.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    const manifest = readFileSync(join(out, 'manifest.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    assert.deepEqual(manifest, [
      'file,page,code',
      `letters-0001.pdf,1,${codes[0]}`,
      `letters-0001.pdf,2,${codes[1]}`,
      `letters-0002.pdf,1,${codes[2]}`,
    ]);
  });

  it("prints on every page a QR code of the landing URL with that page's code, and the code in print", () => {
    assert.equal(manifest.length, 3);
    for (const [file, page, code] of manifest) {
      const onPage = qr.get(file)![Number(page) - 1]!;
      assert.equal(onPage.length, 1, `${file} page ${page} has one QR code`);
      const match = CODE_URL.exec(onPage[0]!);
      assert.ok(match, `${onPage[0]} is the landing URL with a code`);
      assert.equal(match[1], code.replace('-', ''), `${file} page ${page}: the QR code carries the manifest's code`);
      assert.ok(pdfText(join(out, file), { first: Number(page), last: Number(page) }).includes(code), 'the code is printed');
    }
    assert.equal(new Set(decoded).size, 3);
  });

  it('has the Arabic and Tigrinya paragraphs as text in their scripts, the contact address, and only embedded Noto fonts', () => {
    const text = pdfText(join(out, 'letters-0002.pdf')).replace(/\s+/g, '');
    // Arabic words as stored in materials.json (pdftotext may split a word where glyphs join; spaces are ignored)
    for (const word of ['الاندماج', 'استبيان', 'طوعية']) assert.ok(text.includes(word), `Arabic "${word}" extracts as text`);
    assert.ok(text.includes('ምውህሃድ'), 'Tigrinya extracts in Ethiopic script');
    assert.ok(text.includes('onderzoek@example.org'), 'PERSPECTIEF_CONTACT is printed');
    assert.ok(text.includes('perspectief.example.org'), 'the site is printed for typing');
    const fonts = pdfFonts(join(out, 'letters-0002.pdf'));
    assert.ok(fonts.length > 0);
    for (const f of fonts) {
      assert.ok(f.embedded, `${f.name} is embedded`);
      assert.match(f.name, /NotoSans(Arabic|Ethiopic)-(Regular|Bold)$/, `${f.name} is one of the shipped fonts`);
    }
  });

  it('sends each decoded URL to a code that starts exactly one response and afterwards only resumes it (HTTP)', async () => {
    await withApp(async (app, database) => {
      const responses = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(responsesTable))[0]!.n;
      for (const url of decoded.slice(0, 2)) {
        const path = new URL(url).pathname;
        const code = path.slice(3);
        const browser = new Browser(app);
        const landing = await browser.request(path);
        assert.equal(landing.status, 200);
        assert.ok((await landing.text()).includes(`/nl/c/${code}`), 'the landing page offers the languages with the code');
        const filled = await browser.request(`/nl/c/${code}`);
        assert.equal(filled.status, 200);
        const unused = (await findInvitation(database.db, code))?.responseId === null;
        const before = await responses();
        for (let attempt = 0; attempt < 2; attempt++) {
          const started = await browser.request('/nl/hervat', { form: { code } });
          assert.equal(started.status, 303);
          assert.equal(started.headers.get('location'), `/i/${code}`);
          assert.equal(
            await responses(),
            before + (unused ? 1 : 0),
            attempt === 0 ? 'the first use starts one response' : 'a later use only resumes it',
          );
        }
        assert.notEqual((await findInvitation(database.db, code))?.responseId, null, 'the code holds its response');
        assert.equal((await browser.request(`/i/${code}`)).status, 200);
      }
    });
  });

  it("prints reminders only for the codes not yet used, from the first run's codes file", async () => {
    // the first two letters' codes were typed in (as in the test above): two started, one unused
    await withApp(async (app) => {
      for (const url of decoded.slice(0, 2)) assert.equal((await typeCode(app, new URL(url).pathname.slice(3))).status, 303);
    });
    const run = await cli(folder, ['invitations', 'reminders', '--codes', 'mailing/codes.csv', '--out', 'reminders'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /3 codes: 1 not used, 2 started, 0 completed, 0 withdrawn/);
    const manifest = readFileSync(join(folder.dir, 'reminders', 'manifest.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const unused = decoded[2]!.slice(-10);
    assert.deepEqual(manifest, ['file,page,code', `reminders-0001.pdf,1,${unused.slice(0, 5)}-${unused.slice(5)}`]);
    assert.ok(pdfText(join(folder.dir, 'reminders', 'reminders-0001.pdf')).includes('Herinnering'));
    const all = await cli(
      folder,
      ['invitations', 'reminders', '--codes', 'mailing/codes.csv', '--out', 'reminders-2', '--include-unfinished'],
      env,
    );
    assert.equal(all.code, 0, all.stderr);
    assert.equal(pdfPages(join(folder.dir, 'reminders-2', 'reminders-0001.pdf')), 3);
  });

  it("refuses a codes file with unknown or malformed codes, naming the lines, and an earlier run's folder without --force", async () => {
    writeFileSync(join(folder.dir, 'bad.csv'), 'code,link\r\nACDEF-HJKMN,x\r\nnot-a-code,x\r\n');
    const malformed = await cli(folder, ['invitations', 'letters', '--codes', 'bad.csv', '--out', 'x'], env);
    assert.equal(malformed.code, 1);
    assert.match(malformed.stderr, /bad\.csv: line 3: "not-a-code" is not an invitation code/);
    writeFileSync(join(folder.dir, 'unknown.csv'), 'code,link\r\nACDEF-HJKMN,x\r\n');
    const unknown = await cli(folder, ['invitations', 'letters', '--codes', 'unknown.csv', '--out', 'x'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /1 code is not invitations of wave inburgeraars:2024 \(line 2\)/);
    const again = await cli(folder, ['invitations', 'letters', '--codes', 'mailing/codes.csv', '--out', 'mailing'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds .*from an earlier run; choose another folder or add --force/);
    for (const run of [malformed, unknown, again]) assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('prints the address column of a codes file in the envelope window, and stores no address', async () => {
    const code = readFileSync(join(out, 'codes.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n')[1]!
      .split(',')[0]!;
    writeFileSync(join(folder.dir, 'addressed.csv'), `code,address\r\n${code},"Dhr. A. Voorbeeld\nStationsstraat 1\n1234 AB  Utrecht"\r\n`);
    const run = await cli(folder, ['invitations', 'letters', '--codes', 'addressed.csv', '--out', 'addressed'], env);
    assert.equal(run.code, 0, run.stderr);
    const text = pdfText(join(folder.dir, 'addressed', 'letters-0001.pdf'));
    assert.match(text, /Dhr\. A\. Voorbeeld\s+Stationsstraat 1\s+1234 AB\s+Utrecht/);
    assert.ok(text.includes(code));
  });

  it('fails without Chromium naming the Debian package, before making any code', async () => {
    const before = await cli(folder, ['invitations', 'count'], env);
    const run = await cli(folder, ['invitations', 'letters', '--count', '5', '--out', 'none'], {
      ...env,
      PERSPECTIEF_CHROMIUM: join(folder.dir, 'no-chromium'),
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Chromium is not at .*no-chromium; .*install Debian's package "chromium"/);
    assert.equal((await cli(folder, ['invitations', 'count'], env)).stdout, before.stdout, 'no codes were stored');
    assert.equal(existsSync(join(folder.dir, 'none')), false);
  });
});

describe('invitations create', () => {
  const folder = fieldworkFolder();
  after(() => rmSync(folder.dir, { recursive: true, force: true }));

  it('refuses to overwrite an existing codes file unless --force, leaving it and the database unchanged', async () => {
    const first = await cli(folder, ['invitations', 'create', '--count', '2', '--out', 'codes.csv'], env);
    assert.equal(first.code, 0, first.stderr);
    const kept = readFileSync(join(folder.dir, 'codes.csv'), 'utf8');
    const refused = await cli(folder, ['invitations', 'create', '--count', '4', '--out', 'codes.csv'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /codes\.csv already exists; choose another name or add --force to replace it/);
    assert.equal(readFileSync(join(folder.dir, 'codes.csv'), 'utf8'), kept);
    assert.match((await cli(folder, ['invitations', 'count'], env)).stdout, /: 2 invitations, 0 used/);
    const forced = await cli(folder, ['invitations', 'create', '--count', '4', '--out', 'codes.csv', '--force'], env);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(join(folder.dir, 'codes.csv'), 'utf8').trim().split('\r\n').length, 5);
    assert.deepEqual(
      readdirSync(folder.dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file is left',
    );
  });

  it('warns that links point at localhost when PERSPECTIEF_BASE_URL is unset, and not when it is set', async () => {
    const local = await cli(folder, ['invitations', 'create', '--count', '1', '--out', 'local.csv']);
    assert.equal(local.code, 0, local.stderr);
    assert.match(local.stderr, /warning: PERSPECTIEF_BASE_URL is not set, so the links and QR codes point at http:\/\/localhost:3000/);
    assert.match(readFileSync(join(folder.dir, 'local.csv'), 'utf8'), /http:\/\/localhost:3000\/c\//);
    const set = await cli(folder, ['invitations', 'create', '--count', '1', '--out', 'public.csv'], env);
    assert.doesNotMatch(set.stderr, /PERSPECTIEF_BASE_URL/);
    assert.match(readFileSync(join(folder.dir, 'public.csv'), 'utf8'), /https:\/\/perspectief\.example\.org\/c\//);
  });
});
