// Code guessing: an address that keeps trying codes that do not exist is refused for a while, also for a
// code that exists; other addresses and other pages are not affected, and the window passes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { codeGuessGuard } from '../../src/web/respondent/guard.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, testApp } from '../support/http.ts';

describe('limit on code guessing', () => {
  it('refuses an address after its misses, for the rest of the window, and forgets it afterwards', async () => {
    let clock = 0;
    const app = new Hono();
    app.use(
      '*',
      codeGuessGuard({ maxMisses: 3, windowMs: 1000, trustProxy: true, now: () => clock, refuse: (c) => c.text('slow down', 429) }),
    );
    app.get('/s/:code', (c) => (c.req.param('code') === 'good' ? c.text('ok') : c.text('no', 404)));
    app.get('/nl', (c) => c.text('landing'));
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `${address}, 10.0.0.1` } });
    for (let i = 0; i < 3; i++) assert.equal((await app.request('/s/bad', from('192.0.2.1'))).status, 404);
    assert.equal((await app.request('/s/good', from('192.0.2.1'))).status, 429, 'a real code is refused too: no oracle');
    assert.equal((await app.request('/nl', from('192.0.2.1'))).status, 200, 'other pages stay open');
    assert.equal((await app.request('/s/good', from('192.0.2.2'))).status, 200, 'another address is not affected');
    clock = 1001;
    assert.equal((await app.request('/s/good', from('192.0.2.1'))).status, 200, 'the window passed');
  });

  describe('in the app', () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase();
    });
    after(async () => t.close());

    it("answers the 61st unknown code from one address with 429 and a page in the person's language", async () => {
      const browser = new Browser(testApp(t));
      for (let i = 0; i < 60; i++) {
        const res = await browser.request('/ar/hervat', { form: { code: 'AAAA-AAAA-AA' } });
        assert.equal(res.status, 404);
      }
      const refused = await browser.request('/ar/hervat', { form: { code: 'AAAA-AAAA-AA' } });
      assert.equal(refused.status, 429);
      const html = await refused.text();
      assert.match(html, /dir="rtl"/);
      assert.ok(html.includes('انتظر عشر دقائق'));
    });
  });
});
