// The bad-input corpus: tampered and malformed page posts get a clear message on the page or a 4xx, never
// a 500, and never change what is stored.
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
}

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
    says: /Deze vraag is nu niet aan de beurt/,
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

describe(`bad input on the respondent pages on ${backendName()}`, () => {
  let t: TestDatabase;
  let browser: Browser;
  let path: string;
  let secret: string;
  let stored: Record<string, unknown>;
  before(async () => {
    t = await openTestDatabase();
    browser = new Browser(testApp(t));
    let page = await browser.submit('/nl/start', { questionnaire: 'kort' });
    path = page.path;
    secret = path.slice(3);
    page = await browser.submit(path, { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '44' });
    assert.equal(hiddenValue(page.html, '_page'), 'taalcursus');
    stored = Object.fromEntries(await loadAnswers(t.db, (await findResponseBySecret(t.db, secret))!.id));
  });
  after(async () => t.close());

  for (const c of CASES) {
    it(`answers "${c.name}" with a 4xx and stores nothing`, async () => {
      const res = await browser.request(path, {
        body: c.body as string,
        contentType: c.contentType ?? 'application/x-www-form-urlencoded',
      });
      const html = await res.text();
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      if (c.says) assert.match(html, c.says);
      assert.doesNotMatch(html, /<script>/, 'nothing posted comes back unescaped');
      const response = await findResponseBySecret(t.db, secret);
      assert.equal(response?.currentPage, 'taalcursus');
      assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response!.id)), stored);
    });
  }

  it('stores HTML and script in open text as text and shows it escaped', async () => {
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
