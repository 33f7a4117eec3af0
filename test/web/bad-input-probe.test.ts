// The bad-input corpus, grown by every request of the outside probe (issue 13): each is answered without a
// 5xx, quickly (the slowest, the 40,000 repeated fields, in milliseconds: node:test's timeout stops a
// quadratic parser), with Cache-Control: no-store (item 5), without a line in the server's log (so no code
// in it, item 6), and leaves every stored answer as it was. Each probe names the item of issue 13 it comes
// from. The slow-header and slow-body connections are in http-server.test.ts, floods of logins and new
// responses in accounts-http.test.ts and limits.test.ts, code guessing to its limit in guard.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createGroupSession } from '../../src/storage/group-sessions.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

interface Probe {
  /** The item of issue 13 the request comes from. */
  readonly item: number;
  readonly name: string;
  readonly method?: 'GET' | 'POST';
  /** The path; RESPONSE stands for the stored response's address (/s/CODE). */
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** The status it must get, when one is certain. */
  readonly status?: number;
}

/** The study with filter questions, so codes carried to /nl/vragen are looked up (it has kort too). */
const LANDING_STUDY = fileURLToPath(new URL('../fixtures/study-landing', import.meta.url));
const repeat = (field: string, n: number) => Array.from({ length: n }, () => field).join('&');
const multipart = 'multipart/form-data; boundary=b';
const brokenMultipart = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end';

const PROBES: readonly Probe[] = [
  { item: 1, name: '40,000 repeats of a= (120 KB) to a page', path: 'RESPONSE', body: repeat('a=', 40_000), status: 413 },
  { item: 1, name: '15,000 repeats of a= (45 KB) to /nl/hervat', path: '/nl/hervat', body: repeat('a=', 15_000), status: 413 },
  { item: 1, name: '15,000 repeats to the filter questions', path: '/nl/vragen', body: repeat('_prev.F1=1', 15_000), status: 413 },
  { item: 1, name: '40,000 repeats to the researcher login', path: '/onderzoek/login', body: repeat('a=', 40_000) },
  { item: 2, name: 'an unknown code on the withdrawal page', method: 'GET', path: '/s/AAAAAAAAAAAA/intrekken', status: 404 },
  { item: 2, name: 'an unknown letter code', method: 'GET', path: '/i/AAAAAAAAAA', status: 404 },
  { item: 2, name: 'a page posted to an unknown letter code', path: '/i/AAAAAAAAAA', body: 'SAME', status: 404 },
  { item: 2, name: "withdrawing someone else's response by guessing", path: '/s/AAAAAAAAAAAA/intrekken', body: 'confirm=yes', status: 404 },
  {
    item: 2,
    name: 'an unknown group code as _code to the filter questions',
    path: '/nl/vragen',
    body: '_page=wet&_kanaal=web&_code=AAA-AAA&F1=1',
    status: 400,
  },
  {
    item: 2,
    name: 'an unknown letter code as _code to the filter questions',
    path: '/nl/vragen',
    body: '_page=wet&_code=AAAAAAAAAA&F1=1',
    status: 400,
  },
  {
    item: 3,
    name: 'a forged X-Forwarded-For',
    method: 'GET',
    path: 'RESPONSE',
    headers: { 'x-forwarded-for': '127.0.0.1, ::1, <script>' },
  },
  {
    item: 4,
    name: 'a 50 MB login claimed by Content-Length',
    path: '/onderzoek/login',
    body: 'x',
    headers: { 'content-length': '52428800' },
    status: 413,
  },
  { item: 4, name: 'a 1 MB login', path: '/onderzoek/login', body: `username=a&password=${'p'.repeat(1024 * 1024)}`, status: 413 },
  { item: 8, name: 'a page posted to its address with an encoded CR LF', path: 'RESPONSE%0D%0A', body: 'SAME', status: 303 },
  { item: 8, name: 'a page viewed at its address with an encoded CR LF', method: 'GET', path: 'RESPONSE%0d%0a', status: 301 },
  { item: 8, name: 'a header injection in the address', method: 'GET', path: '/s/ACDE%0D%0ASet-Cookie:%20x=1', status: 404 },
  { item: 8, name: 'an invalid escape in the address', method: 'GET', path: '/s/%zz', status: 404 },
  { item: 8, name: 'a NUL in the address', method: 'GET', path: '/nl/c/%00', status: 200 },
  { item: 8, name: 'malformed multipart to a page', path: 'RESPONSE', body: brokenMultipart, contentType: multipart, status: 400 },
  { item: 8, name: 'malformed multipart to the login', path: '/onderzoek/login', body: brokenMultipart, contentType: multipart },
  { item: 8, name: 'malformed multipart to a typed code', path: '/nl/hervat', body: brokenMultipart, contentType: multipart, status: 404 },
  {
    item: 8,
    name: 'malformed multipart to the filter questions',
    path: '/nl/vragen',
    body: brokenMultipart,
    contentType: multipart,
    status: 400,
  },
  { item: 8, name: 'a field named __proto__', path: 'RESPONSE', body: '_page=over_u&__proto__=1&constructor=2', status: 422 },
  { item: 8, name: 'a 1,001-field page', path: 'RESPONSE', body: repeat('Q2.01=1', 1001), status: 413 },
];

describe(`bad input found by the outside probe, on ${backendName()}`, () => {
  let t: TestDatabase;
  let browser: Browser;
  let path: string;
  const stored = async () =>
    (
      (await t.db.execute<Record<string, unknown>>(
        sql`select r.access_hash, r.current_page, r.status, a.item_id, a.value::text as value from responses r left join answers a on a.response_id = r.id order by r.access_hash, a.item_id`,
      )) as { rows: Record<string, unknown>[] }
    ).rows;
  let before_: unknown[];
  const same = '_page=over_u&_action=next&Q2.01=2&Q2.02=44';
  /** What the server logs (nothing, unless something went wrong: app.ts logs errors only). */
  const logged: string[] = [];

  before(async () => {
    t = await openTestDatabase(LANDING_STUDY);
    await createGroupSession(t.db, { waveId: 'inburgeraars:2024', label: 'groep', createdBy: null, hours: 2 });
    browser = new Browser(testApp(t, {}, (line) => logged.push(line)));
    const started = await browser.submit('/nl/start', { questionnaire: 'kort' });
    path = started.path;
    const next = await browser.submit(path, { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '44' });
    assert.equal(hiddenValue(next.html, '_page'), 'taalcursus');
    before_ = await stored();
  });
  after(async () => t.close());

  for (const probe of PROBES) {
    it(
      `answers ${probe.name} without a 5xx${probe.status ? ` (${probe.status})` : ''} and changes no stored answer`,
      { timeout: 10_000 },
      async () => {
        const target = probe.path.replace('RESPONSE', path);
        const body = probe.body === 'SAME' ? same : probe.body;
        const res = await browser.request(target, {
          method: probe.method ?? 'POST',
          ...(body !== undefined ? { body, contentType: probe.contentType ?? 'application/x-www-form-urlencoded' } : {}),
          headers: probe.headers ?? {},
        });
        await res.arrayBuffer();
        assert.ok(res.status < 500, `status ${res.status}`);
        if (probe.status) assert.equal(res.status, probe.status);
        assert.doesNotMatch(res.headers.get('location') ?? '', /[\r\n]/);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.deepEqual(logged, [], 'nothing logged');
        assert.deepEqual(await stored(), before_);
      },
    );
  }

  it('holds a probe for every item of issue 13 that a request can test', () => {
    const perItem = new Map<number, number>();
    for (const p of PROBES) perItem.set(p.item, (perItem.get(p.item) ?? 0) + 1);
    console.log(`bad-input probes: ${PROBES.length} (${[...perItem].map(([item, n]) => `item ${item}: ${n}`).join(', ')})`);
    // 5 (no-store) and 6 (nothing logged, so no code) are checked on every probe. The others are no bad
    // request: weak passwords (7) in accounts-http.test.ts and test/cli/users.test.ts, an existing codes
    // file (9) in test/fieldwork/letters.test.ts; 10-12 are pages and commands that work as they should.
    assert.deepEqual(
      [...perItem.keys()].sort((a, b) => a - b),
      [1, 2, 3, 4, 8],
    );
  });
});
