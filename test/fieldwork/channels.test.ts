// The channel register as researchers and partners meet it: /onderzoek/kanalen over HTTP (CSRF, roles, the
// reserved names, per channel its link, QR codes, flyer PDF, guide and messages in five languages), a response
// that arrives by a channel's link carrying the channel, and `perspectief channels add|list|materials`.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { fieldworkDeps } from '../../src/fieldwork/deps.ts';
import { createCatalog } from '../../src/i18n/catalog.ts';
import { responses } from '../../src/storage/schema.ts';
import { createUser } from '../../src/storage/users.ts';
import { createApp } from '../../src/web/app.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue } from '../support/http.ts';
import { run } from '../support/reference-tools.ts';
import { cli, fieldworkFolder, pdfText, qrCodesOf } from './support.ts';

const BASE = 'https://perspectief.example.org';
const env = { PERSPECTIEF_BASE_URL: BASE, PERSPECTIEF_CONTACT: 'onderzoek@example.org' };

describe('channel register over HTTP', () => {
  const folder = fieldworkFolder();
  let t: TestDatabase;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    t = await openTestDatabase(folder.studyDir);
    app = createApp({
      db: t.db,
      study: t.study,
      catalog: createCatalog(),
      contactEmail: 'onderzoek@example.org',
      secureCookies: false,
      fieldwork: fieldworkDeps(folder.studyDir, env),
    });
    await createUser(t.db, { username: 'anna', passwordHash: await hashPassword('correct horse'), role: 'researcher' });
    await createUser(t.db, { username: 'partner', passwordHash: await hashPassword('correct horse'), role: 'partner' });
  });
  after(async () => {
    await t.close();
    rmSync(folder.dir, { recursive: true, force: true });
  });

  const login = async (username: string) => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    await browser.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username, password: 'correct horse' } });
    const page = await (await browser.request('/onderzoek/kanalen')).text();
    return { browser, csrf: page.includes('name="_csrf"') ? hiddenValue(page, '_csrf') : '' };
  };
  const channel = { name: 'Taalschool Noord', kind: 'language-school', municipality: 'Leeuwarden', slug: '' };

  it('refuses a post without the CSRF token, and partners altogether', async () => {
    const { browser } = await login('anna');
    assert.equal((await browser.request('/onderzoek/kanalen', { form: channel })).status, 403);
    const partner = await login('partner');
    assert.equal((await partner.browser.request('/onderzoek/kanalen')).status, 403);
    assert.equal((await partner.browser.request('/onderzoek/kanalen/x/qr.svg')).status, 403);
  });

  it('refuses the reserved demo-* and sessie-* names and an unknown kind, naming the field, and stores nothing', async () => {
    const { browser, csrf } = await login('anna');
    for (const [form, field] of [
      [{ ...channel, slug: 'sessie-abc' }, 'slug'],
      [{ ...channel, slug: 'demo-leeuwarden' }, 'slug'],
      [{ ...channel, kind: 'whatsapp' }, 'kind'],
    ] as const) {
      const res = await browser.request('/onderzoek/kanalen', { form: { ...form, _csrf: csrf } });
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, new RegExp(`id="${field}-error"`));
      assert.match(html, /Het kanaal is niet toegevoegd/);
    }
    assert.match(await (await browser.request('/onderzoek/kanalen')).text(), /Er zijn nog geen kanalen/);
  });

  it('adds a channel and shows its link, QR code, downloads and the message in five languages', async () => {
    const { browser, csrf } = await login('anna');
    const res = await browser.request('/onderzoek/kanalen', { form: { ...channel, _csrf: csrf } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/onderzoek/kanalen/taalschool-noord-leeuwarden');
    const html = await (await browser.request('/onderzoek/kanalen/taalschool-noord-leeuwarden')).text();
    assert.ok(html.includes(`${BASE}/?kanaal=taalschool-noord-leeuwarden`));
    assert.ok(html.includes('Taalschool'), 'the kind is shown by its Dutch label');
    for (const word of ['Doe mee', 'Take part', 'شارك', 'katılın', 'ተሳተፉ']) assert.ok(html.includes(word), `message contains ${word}`);
    const again = await browser.request('/onderzoek/kanalen', { form: { ...channel, _csrf: csrf } });
    assert.equal(again.status, 422);
    assert.match(await again.text(), /al in gebruik/);
  });

  it('serves QR codes (SVG and PNG) that decode to the link, and a flyer PDF with its QR code and Arabic text', async () => {
    const { browser } = await login('anna');
    const here = '/onderzoek/kanalen/taalschool-noord-leeuwarden';
    const svg = await browser.request(`${here}/qr.svg`);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.match(await svg.text(), /^<svg /);
    const png = await browser.request(`${here}/qr.png`);
    assert.equal(png.headers.get('content-type'), 'image/png');
    writeFileSync(join(folder.dir, 'qr.png'), new Uint8Array(await png.arrayBuffer()));
    assert.equal(run('zbarimg', ['--quiet', '--raw', join(folder.dir, 'qr.png')]).trim(), `${BASE}/?kanaal=taalschool-noord-leeuwarden`);
    const flyer = await browser.request(`${here}/flyer.pdf`);
    assert.equal(flyer.status, 200);
    assert.equal(flyer.headers.get('content-type'), 'application/pdf');
    writeFileSync(join(folder.dir, 'flyer.pdf'), new Uint8Array(await flyer.arrayBuffer()));
    assert.deepEqual(qrCodesOf(join(folder.dir, 'flyer.pdf'), folder.dir), [[`${BASE}/?kanaal=taalschool-noord-leeuwarden`]]);
    assert.ok(pdfText(join(folder.dir, 'flyer.pdf')).replace(/\s+/g, '').includes('الاندماج'));
    const guide = await (await browser.request(`${here}/gids.html?taal=ar`)).text();
    assert.match(guide, /<html lang="ar" dir="rtl">/);
    assert.ok(guide.includes('perspectief.example.org/?kanaal=taalschool-noord-leeuwarden'));
  });

  it("gives a response that arrives by the channel's link that channel (language choice, start page, new response)", async () => {
    const respondent = new Browser(app);
    const choice = await (await respondent.request('/?kanaal=taalschool-noord-leeuwarden')).text();
    assert.ok(choice.includes('href="/tr?kanaal=taalschool-noord-leeuwarden"'), 'the language links keep the channel');
    const start = await (await respondent.request('/tr?kanaal=taalschool-noord-leeuwarden')).text();
    assert.ok(start.includes('/tr/start?kanaal=taalschool-noord-leeuwarden'));
    const first = await respondent.submit('/tr/start?kanaal=taalschool-noord-leeuwarden', { questionnaire: 'kort' });
    assert.equal(first.status, 200);
    const rows = await t.db
      .select({ channel: responses.channel, language: responses.language })
      .from(responses)
      .where(eq(responses.channel, 'taalschool-noord-leeuwarden'));
    assert.deepEqual(rows, [{ channel: 'taalschool-noord-leeuwarden', language: 'tr' }]);
    const reserved = await (await new Browser(app).request('/?kanaal=sessie-abcdef')).text();
    assert.ok(!reserved.includes('kanaal=sessie'), 'a link cannot claim a reserved channel');
  });
});

describe('perspectief channels', () => {
  const folder = fieldworkFolder();
  after(() => rmSync(folder.dir, { recursive: true, force: true }));

  it('adds channels, refusing bad input with the field named, and lists them with their links', async () => {
    const bad = await cli(
      folder,
      ['channels', 'add', '--name', 'X', '--kind', 'whatsapp', '--municipality', 'Breda', '--slug', 'sessie-1'],
      env,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /kind must be one of municipality, language-school/);
    assert.match(bad.stderr, /channel name "sessie-1" may not start with demo- or sessie-/);
    const added = await cli(
      folder,
      ['channels', 'add', '--name', 'Vluchtelingenwerk', '--kind', 'social-organisation', '--municipality', 'Breda'],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, `vluchtelingenwerk-breda\t${BASE}/?kanaal=vluchtelingenwerk-breda\n`);
    const listed = await cli(folder, ['channels', 'list', '--json'], env);
    const channels = JSON.parse(listed.stdout) as { slug: string; kind: string; municipality: string; link: string }[];
    assert.deepEqual(
      channels.map(({ slug, kind, municipality, link }) => ({ slug, kind, municipality, link })),
      [
        {
          slug: 'vluchtelingenwerk-breda',
          kind: 'social-organisation',
          municipality: 'Breda',
          link: `${BASE}/?kanaal=vluchtelingenwerk-breda`,
        },
      ],
    );
  });

  it("writes a channel's materials: QR codes of its link, flyer and guide PDFs, and the message in five languages", async () => {
    const run1 = await cli(folder, ['channels', 'materials', 'vluchtelingenwerk-breda', '--out', 'breda', '--lang', 'ti'], env);
    assert.equal(run1.code, 0, run1.stderr);
    const dir = join(folder.dir, 'breda');
    const link = `${BASE}/?kanaal=vluchtelingenwerk-breda`;
    assert.equal(run('zbarimg', ['--quiet', '--raw', join(dir, 'qr.png')]).trim(), link);
    assert.deepEqual(qrCodesOf(join(dir, 'flyer.pdf'), folder.dir), [[link]]);
    assert.ok(pdfText(join(dir, 'guide.pdf')).replace(/\s+/g, '').includes('መምርሒ'), 'the guide is in Tigrinya');
    const messages = readFileSync(join(dir, 'messages.txt'), 'utf8');
    assert.equal(messages.split(link).length - 1, 5, 'the link is in each of the five messages');
    const again = await cli(folder, ['channels', 'materials', 'vluchtelingenwerk-breda', '--out', 'breda'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /qr\.svg already exists; choose another name or add --force/);
    const unknown = await cli(folder, ['channels', 'materials', 'nope', '--out', 'x'], env);
    assert.match(unknown.stderr, /no channel "nope"/);
  });
});
