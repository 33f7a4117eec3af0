// Arabic and Tigrinya pages get their fonts from the application itself; Latin-script pages carry none.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, testApp } from '../support/http.ts';

describe('self-hosted fonts', () => {
  let t: TestDatabase;
  let browser: Browser;
  before(async () => {
    t = await openTestDatabase();
    browser = new Browser(testApp(t));
  });
  after(async () => t.close());

  it('declares Noto Sans Ethiopic on Tigrinya pages and Noto Sans Arabic on Arabic pages, none on Dutch ones', async () => {
    const ti = await (await browser.request('/ti')).text();
    assert.match(ti, /@font-face\{font-family:'Noto Sans Ethiopic'[^}]*src:local\('Noto Sans Ethiopic'\),[^}]*url\(\/fonts\/noto-sans-ethiopic-400-first\.[0-9a-f]{8}\.woff2\)/);
    assert.equal(ti.match(/@font-face/g)?.length, 2, 'one weight per script, in two unicode-range slices (first and rest): no separate bold');
    assert.doesNotMatch(ti, /-700/);
    assert.doesNotMatch(ti, /Noto Sans Arabic'/);
    const ar = await (await browser.request('/ar')).text();
    assert.match(ar, /@font-face\{font-family:'Noto Sans Arabic'/);
    const nl = await (await browser.request('/nl')).text();
    assert.doesNotMatch(nl, /@font-face/);
    assert.doesNotMatch(ti + ar + nl, /https?:\/\/(?!localhost)[a-z]/i, 'no external host is referenced');
  });

  it('serves the font files with a long cache, and nothing else from /fonts', async () => {
    const file = /url\(\/fonts\/(noto-sans-ethiopic-400-first\.[0-9a-f]{8}\.woff2)\)/.exec(await (await browser.request('/ti')).text())![1]!;
    const res = await browser.request(`/fonts/${file}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'font/woff2');
    assert.match(res.headers.get('cache-control')!, /max-age=31536000/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.slice(0, 4)), 'wOF2');
    assert.equal((await browser.request('/fonts/..%2Fpackage.json')).status, 404);
    assert.equal((await browser.request('/fonts/other.woff2')).status, 404);
  });
});
