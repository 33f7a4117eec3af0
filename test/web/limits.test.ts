// Who a client is for the rate limits (the proxy hop count), and the limit on anonymous new responses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { main } from '../../src/cli/main.ts';
import { clientAddress } from '../../src/web/limits.ts';
import { NEW_RESPONSES } from '../../src/web/respondent/routes.tsx';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, testApp } from '../support/http.ts';

describe('the client address behind reverse proxies', () => {
  const app = new Hono();
  app.get('/:hops', (c) => c.text(clientAddress(c, Number(c.req.param('hops')))));
  const seen = async (hops: number, forwarded: string) =>
    (await app.request(`/${hops}`, { headers: { 'x-forwarded-for': forwarded } })).text();

  it('takes the entry the trusted proxy added (the rightmost for one proxy), not what the client wrote', async () => {
    assert.equal(await seen(1, '192.0.2.66'), '192.0.2.66');
    assert.equal(await seen(1, '10.9.9.9, 192.0.2.66'), '192.0.2.66', 'a forged entry before it changes nothing');
    assert.equal(await seen(1, '1.1.1.1, 2.2.2.2,192.0.2.66'), '192.0.2.66');
  });

  it('counts proxies from the right: with two, the entry the outer proxy added', async () => {
    assert.equal(await seen(2, '10.9.9.9, 192.0.2.66, 172.16.0.5'), '192.0.2.66');
    assert.equal(await seen(2, '192.0.2.66'), '192.0.2.66', 'fewer entries than proxies: the farthest one');
  });

  it('ignores X-Forwarded-For without proxies', async () => {
    assert.equal(await seen(0, '192.0.2.66'), 'unknown', 'in-process requests have no socket');
  });

  it('refuses a PERSPECTIEF_TRUST_PROXY that is not a count, naming it', async () => {
    let err = '';
    const code = await main(['serve', '--port', '0'], {
      stdout: () => {},
      stderr: (s) => (err += s),
      env: { PERSPECTIEF_TRUST_PROXY: 'yes' },
      cwd: process.cwd(),
    });
    assert.equal(code, 2);
    assert.match(err, /PERSPECTIEF_TRUST_PROXY must be the number of reverse proxies in front, 0 to 9, not "yes"/);
  });
});

describe(`new responses per address on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
  });
  after(async () => t.close());

  const count = async () =>
    ((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from responses`)) as { rows: { n: number }[] }).rows[0]!.n;

  it(`starts ${NEW_RESPONSES.max} responses from one address in ten minutes, then answers 429 and starts none`, async () => {
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const app = testApp(t, { proxyHops: 1, clock: () => clock });
    const one = new Browser(app, { 'x-forwarded-for': '192.0.2.10' });
    const before = await count();
    for (let i = 0; i < NEW_RESPONSES.max; i++)
      assert.equal((await one.request('/nl/start', { form: { questionnaire: 'kort' } })).status, 303);
    const refused = await one.request('/nl/start', { form: { questionnaire: 'kort' } });
    assert.equal(refused.status, 429);
    assert.match(await refused.text(), /heel veel vragenlijsten begonnen/);
    assert.equal(await count(), before + NEW_RESPONSES.max, 'the refused start created nothing');
    const other = new Browser(app, { 'x-forwarded-for': '192.0.2.11' });
    assert.equal((await other.request('/nl/start', { form: { questionnaire: 'kort' } })).status, 303, 'another address starts');
    clock += NEW_RESPONSES.windowMs + 1;
    assert.equal((await one.request('/nl/start', { form: { questionnaire: 'kort' } })).status, 303, 'the window passed');
  });
});
