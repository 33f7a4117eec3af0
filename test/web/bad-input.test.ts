// The bad-input corpus: tampered and malformed page posts get a clear message on the page or a 4xx, never
// a 500, and never change what is stored. Each case is posted to a response standing on the page the case
// is about, so it reaches the check it names (a case posted to a page that is not current would only ever
// meet the page-order check).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findResponseBySecret, loadAnswers } from '../../src/storage/responses.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

interface Case {
  readonly name: string;
  readonly body: string | Uint8Array;
  readonly contentType?: string;
  /** A phrase the page must show, when the answer is a page with a message. */
  readonly says?: RegExp;
  /** The page the response stands on when the case is posted (default taalcursus). */
  readonly at?: Current;
}

/** The two responses the cases are posted to, by the page each stands on. */
type Current = 'taalcursus' | 'tot_slot';

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const CASES: readonly Case[] = [
  { name: 'unknown item', body: '_page=taalcursus&_action=next&Q4.05=1&Q99.99=1', says: /onbekend veld: Q99\.99/ },
  { name: 'option not offered', body: '_page=taalcursus&_action=next&Q4.05=3', says: /Kies een van de antwoorden/ },
  { name: 'option code that is not a number', body: '_page=taalcursus&_action=next&Q4.05=ja', says: /Kies een van de antwoorden/ },
  { name: 'two answers to a single choice', body: '_page=taalcursus&_action=next&Q4.05=1&Q4.05=2', says: /Kies een van de antwoorden/ },
  { name: 'number out of range', body: '_page=over_u&_action=next&Q2.01=1&Q2.02=200', says: /van 18 tot en met 76/ },
  { name: 'number that is not a number', body: '_page=over_u&_action=next&Q2.01=1&Q2.02=3%2B4', says: /Vul een getal in/ },
  { name: 'fraction for a whole number', body: '_page=over_u&_action=next&Q2.01=1&Q2.02=30%2C5', says: /heel getal/ },
  {
    name: 'other text over its limit',
    body: `_page=over_u&_action=next&Q2.01=3&Q2.02=30&Q2.01_anders=${'x'.repeat(2001)}`,
    says: /hoogstens 2000 tekens/,
  },
  {
    name: 'open text over its limit',
    body: `_page=tot_slot&_action=next&Q9.01=${'y'.repeat(2001)}`,
    says: /Uw tekst is te lang\. Gebruik hoogstens 2000 tekens\./,
    at: 'tot_slot',
  },
  { name: '1 MB of text', body: `_page=over_u&_action=next&Q2.01=3&Q2.02=30&Q2.01_anders=${'z'.repeat(1024 * 1024)}` },
  { name: 'page posted out of routing order', body: '_page=werk&_action=next&Q2.14=1', says: /Deze vraag is nu niet aan de beurt/ },
  { name: 'page that does not exist', body: '_page=%3Cscript%3E&_action=next', says: /Deze vraag is nu niet aan de beurt/ },
  { name: 'no page at all', body: '_action=next&Q4.05=1', says: /Deze vraag is nu niet aan de beurt/ },
  {
    name: 'invalid UTF-8 (raw bytes)',
    body: concat(enc('_page=over_u&_action=next&Q2.01=3&Q2.02=30&Q2.01_anders='), new Uint8Array([0xff, 0xfe, 0xc3, 0x28])),
  },
  { name: 'invalid UTF-8 (percent-encoded)', body: '_page=over_u&_action=next&Q2.01=3&Q2.02=30&Q2.01_anders=%FF%FE%C3%28' },
  { name: 'malformed percent-encoding', body: '_page=over_u&_action=next&Q2.01=%E0%A4%A' },
  {
    name: 'a file instead of a field',
    body: '--b\r\nContent-Disposition: form-data; name="Q9.01"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n',
    contentType: 'multipart/form-data; boundary=b',
  },
  { name: 'JSON instead of a form', body: '{"_page":"taalcursus","Q4.05":1}', contentType: 'application/json' },
];

/** Pages of kort and what moves a response past each, up to the page with the open text. */
const WALK: readonly Record<string, string>[] = [
  { _page: 'over_u', 'Q2.01': '2', 'Q2.02': '44' },
  { _page: 'taalcursus', 'Q4.05': '2' },
  { _page: 'werk', 'Q2.14': '1' },
];

describe(`bad input on the respondent pages on ${backendName()}`, () => {
  let t: TestDatabase;
  let browser: Browser;
  /** Per page: the address of the response standing on it, and its answers before any case. */
  const at = new Map<Current, { path: string; stored: Record<string, unknown> }>();
  const answersOf = async (path: string) =>
    Object.fromEntries(await loadAnswers(t.db, (await findResponseBySecret(t.db, path.slice(3)))!.id));
  /** A new response walked to `current`; its address. Each test that changes a response has its own. */
  const responseAt = async (current: Current): Promise<string> => {
    let page = await browser.submit('/nl/start', { questionnaire: 'kort' });
    const path = page.path;
    for (const form of WALK.slice(0, current === 'taalcursus' ? 1 : 3)) page = await browser.submit(path, { ...form, _action: 'next' });
    assert.equal(hiddenValue(page.html, '_page'), current);
    return path;
  };
  before(async () => {
    t = await openTestDatabase();
    browser = new Browser(testApp(t));
    for (const current of ['taalcursus', 'tot_slot'] as const) {
      const path = await responseAt(current);
      at.set(current, { path, stored: await answersOf(path) });
    }
  });
  after(async () => t.close());

  for (const c of CASES) {
    it(`answers "${c.name}" with a 4xx and stores nothing`, async () => {
      const current = c.at ?? 'taalcursus';
      const { path, stored } = at.get(current)!;
      const res = await browser.request(path, {
        body: c.body as string,
        contentType: c.contentType ?? 'application/x-www-form-urlencoded',
      });
      const html = await res.text();
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      if (c.says) assert.match(html, c.says);
      assert.doesNotMatch(html, /<script>/, 'nothing posted comes back unescaped');
      const response = await findResponseBySecret(t.db, path.slice(3));
      assert.equal(response?.currentPage, current);
      assert.deepEqual(await answersOf(path), stored);
    });
  }

  it('takes open text of exactly its limit, so the case above is refused for its length alone', async () => {
    const path = await responseAt('tot_slot');
    const res = await browser.request(path, { form: { _page: 'tot_slot', _action: 'next', 'Q9.01': 'y'.repeat(2000) } });
    assert.equal(res.status, 303);
    assert.equal((await answersOf(path))['Q9.01'], 'y'.repeat(2000));
  });

  it('stores HTML and script in open text as text and shows it escaped', async () => {
    const path = await responseAt('taalcursus');
    const r = await browser.submit(path, {
      _page: 'over_u',
      _action: 'next',
      'Q2.01': '3',
      'Q2.01_anders': '<img src=x onerror=alert(1)>',
      'Q2.02': '44',
    });
    assert.equal(r.status, 200);
    const back = await browser.submit(path, { _page: 'taalcursus', _action: 'back' });
    assert.match(back.html, /value="&lt;img src=x onerror=alert\(1\)&gt;"/);
    assert.doesNotMatch(back.html, /<img src=x/);
  });
});
