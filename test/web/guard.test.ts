// Code guessing: every answer that tells whether a code exists counts, on every path, in the database, so
// the allowance holds across serving processes. An address over its allowance is refused for the rest of
// the window, for codes that exist too; a page posted to a response that exists is still stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createCatalog } from '../../src/i18n/catalog.ts';
import { createGroupSession } from '../../src/storage/group-sessions.ts';
import { findResponseBySecret, loadAnswers } from '../../src/storage/responses.ts';
import { clientAddress, limiter } from '../../src/web/limits.ts';
import { codeGuessGuard, type RespondentEnv } from '../../src/web/respondent/guard.ts';
import { CODE_MISSES } from '../../src/web/respondent/routes.tsx';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, testApp } from '../support/http.ts';

const LANDING_STUDY = fileURLToPath(new URL('../fixtures/study-landing', import.meta.url));
/** Codes nobody has, as an address writes them (canonical) and as people type them. */
const UNKNOWN = { resume: 'AAAAAAAAAAAA', letter: 'AAAAAAAAAA', group: 'AAA-AAA', typed: 'aaaa-aaaa-aaaa' } as const;
let nextAddress = 1;
/** A fresh client address (documentation range), as the one trusted proxy reports it. */
const address = () => ({ 'x-forwarded-for': `198.51.100.77, 192.0.2.${nextAddress++}` });

describe(`limit on code guessing on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
  });
  after(async () => t.close());

  it('refuses an address after its misses, for the rest of the window, and forgets it afterwards', async () => {
    let clock = Date.parse('2026-12-01T10:00:00Z');
    const app = new Hono<RespondentEnv>();
    app.use(
      '*',
      codeGuessGuard({
        limiter: limiter(t.db, { scope: 'test-guard', max: 3, windowMs: 1000 }, () => clock),
        keyOf: async (c) => clientAddress(c, 1),
        refuse: (c) => c.text('slow down', 429),
      }),
    );
    app.get('/s/:code', (c) => (c.req.param('code') === 'good' ? c.text('ok') : c.text('no', 404)));
    app.get('/nl', (c) => c.text('landing'));
    // One trusted proxy: the rightmost entry is the client; what the client wrote before it counts for nothing.
    const from = (a: string) => ({ headers: { 'x-forwarded-for': `203.0.113.9, ${a}` } });
    for (let i = 0; i < 3; i++) assert.equal((await app.request('/s/bad', from('192.0.2.1'))).status, 404);
    assert.equal((await app.request('/s/good', from('192.0.2.1'))).status, 429, 'a real code is refused too: no oracle');
    assert.equal((await app.request('/nl', from('192.0.2.1'))).status, 200, 'other pages stay open');
    assert.equal((await app.request('/s/good', from('192.0.2.2'))).status, 200, 'another address is not affected');
    clock += 1001;
    assert.equal((await app.request('/s/good', from('192.0.2.1'))).status, 200, 'the window passed');
  });

  it("answers the 61st unknown code from one address with 429 and a page in the person's language", async () => {
    const browser = new Browser(testApp(t));
    for (let i = 0; i < CODE_MISSES.max; i++) {
      const res = await browser.request('/ar/hervat', { form: { code: UNKNOWN.typed } });
      assert.equal(res.status, 404);
    }
    const refused = await browser.request('/ar/hervat', { form: { code: UNKNOWN.typed } });
    assert.equal(refused.status, 429);
    const html = await refused.text();
    assert.match(html, /dir="rtl"/);
    // The Arabic message, however a reviewer words it (the catalogue's text, not today's draft copied here).
    assert.ok(html.includes(createCatalog().t('ar', 'error.tooManyCodes')));
  });

  // Each path on its own: 60 misses through it alone block the address, and then a real code is refused too.
  const PATHS: readonly { name: string; miss: (b: Browser) => Promise<Response> }[] = [
    { name: 'GET /s/CODE', miss: (b) => b.request(`/s/${UNKNOWN.resume}`) },
    { name: 'GET /s/CODE/intrekken', miss: (b) => b.request(`/s/${UNKNOWN.resume}/intrekken`) },
    { name: 'POST /s/CODE/intrekken', miss: (b) => b.request(`/s/${UNKNOWN.resume}/intrekken`, { form: { confirm: 'yes' } }) },
    { name: 'POST /s/CODE (a page save)', miss: (b) => b.request(`/s/${UNKNOWN.resume}`, { form: { _page: 'over_u' } }) },
    { name: 'GET /i/CODE', miss: (b) => b.request(`/i/${UNKNOWN.letter}`) },
    { name: 'GET /i/CODE/intrekken', miss: (b) => b.request(`/i/${UNKNOWN.letter}/intrekken`) },
    { name: 'POST /nl/hervat', miss: (b) => b.request('/nl/hervat', { form: { code: UNKNOWN.letter } }) },
  ];
  for (const path of PATHS) {
    it(`counts every unknown code on ${path.name} and then refuses a real code from the same address`, async () => {
      const app = testApp(t, { proxyHops: 1 });
      const real = (await new Browser(app, address()).submit('/nl/start', { questionnaire: 'kort' })).path;
      const guesser = new Browser(app, address());
      for (let i = 0; i < CODE_MISSES.max; i++) assert.equal((await path.miss(guesser)).status, 404, `miss ${i + 1}`);
      assert.equal((await path.miss(guesser)).status, 429, 'one miss too many');
      assert.equal((await guesser.request(real)).status, 429, 'a real response is refused to the blocked address');
      assert.equal((await new Browser(app, address()).request(real)).status, 200, 'and shown to another address');
    });
  }

  it('counts the misses of all serving processes together (two apps on one database)', async () => {
    const from = address();
    const [one, two] = [new Browser(testApp(t, { proxyHops: 1 }), from), new Browser(testApp(t, { proxyHops: 1 }), from)];
    for (let i = 0; i < CODE_MISSES.max; i++) {
      assert.equal((await (i % 2 ? one : two).request(`/s/${UNKNOWN.resume}`)).status, 404);
    }
    assert.equal((await one.request(`/s/${UNKNOWN.resume}`)).status, 429);
    assert.equal((await two.request('/nl/hervat', { form: { code: UNKNOWN.resume } })).status, 429);
  });

  it('stores a page posted to a response that exists from a blocked address, and answers it as any other code', async () => {
    const app = testApp(t, { proxyHops: 1 });
    const from = address();
    const respondent = new Browser(app, from);
    const path = (await respondent.submit('/nl/start', { questionnaire: 'kort' })).path;
    for (let i = 0; i <= CODE_MISSES.max; i++) await new Browser(app, from).request('/nl/hervat', { form: { code: UNKNOWN.resume } });
    const saved = await respondent.request(path, { form: { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '41' } });
    const unknown = await respondent.request(`/s/${UNKNOWN.resume}`, { form: { _page: 'over_u', _action: 'next', 'Q2.01': '2' } });
    assert.equal(saved.status, 429);
    assert.equal(unknown.status, 429);
    assert.equal(await saved.text(), await unknown.text(), 'the same page: nothing tells the codes apart');
    const response = await findResponseBySecret(t.db, path.slice(3));
    assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response!.id)), { 'Q2.01': 2, 'Q2.02': 41 });
    assert.equal(response!.currentPage, 'taalcursus');
  });

  describe('codes carried by the filter questions', () => {
    let landing: TestDatabase;
    before(async () => {
      landing = await openTestDatabase(LANDING_STUDY);
    });
    after(async () => landing.close());

    it('counts an unknown group or letter code posted as _code to /nl/vragen, and refuses an open session once blocked', async () => {
      const app = testApp(landing, { proxyHops: 1 });
      const guesser = new Browser(app, address());
      const post = (code: string) => guesser.request('/nl/vragen', { form: { _page: 'wet', _kanaal: 'web', _code: code, F1: '1' } });
      for (let i = 0; i < CODE_MISSES.max; i++) {
        const res = await post(i % 2 ? UNKNOWN.group : UNKNOWN.letter);
        assert.ok(res.status >= 400 && res.status < 429, `miss ${i + 1}: ${res.status}`);
      }
      assert.equal((await post(UNKNOWN.group)).status, 429);
      const open = await createGroupSession(landing.db, { waveId: 'inburgeraars:2024', label: 'groep', createdBy: null, hours: 2 });
      assert.equal((await post(open.code)).status, 429, 'an open session is refused too');
      const other = new Browser(app, address());
      const res = await other.request('/nl/vragen', { form: { _page: 'wet', _kanaal: 'web', _code: open.code, F1: '1' } });
      assert.equal(res.status, 200, 'another address joins the session');
    });
  });
});
