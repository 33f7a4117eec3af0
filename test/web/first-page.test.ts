// The first page, faster (issue 13, item 12): text answers compressed as the client asks (brotli, else
// gzip), and an Arabic or Tigrinya page whose browser lacks its font carries the first slice inside the
// page; once the browser has fetched the file (a cookie says so), pages refer to it again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { negotiateEncoding } from '../../src/web/compress.ts';
import { FONT_MANIFEST } from '../../src/web/fonts.ts';
import { manifestFont, sliceOf } from '../support/fonts.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { testApp } from '../support/http.ts';

describe('first page: compression and fonts', () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase();
    app = testApp(t);
  });
  after(async () => t.close());

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

  it('negotiates the encoding from Accept-Encoding: brotli, else gzip, honouring q=0', () => {
    assert.equal(negotiateEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(negotiateEncoding('*'), 'br');
    assert.equal(negotiateEncoding('*;q=0, identity'), null);
    assert.equal(negotiateEncoding('identity'), null);
    assert.equal(negotiateEncoding(undefined), null);
  });

  it('sends pages brotli- or gzip-compressed as asked, the same page either way, and plain to who asks nothing', async () => {
    const plain = await get('/nl');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.match(plain.headers.get('vary')!, /Accept-Encoding/);
    const html = new TextDecoder().decode(await bytes(plain));
    const br = await get('/nl', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('vary')!, /Accept-Encoding/);
    const brBytes = await bytes(br);
    assert.equal(new TextDecoder().decode(brotliDecompressSync(brBytes)), html);
    assert.ok(brBytes.length < html.length / 2, `${brBytes.length} of ${html.length} bytes`);
    const gz = await get('/nl', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(new TextDecoder().decode(gunzipSync(await bytes(gz))), html);
    assert.equal(br.headers.get('cache-control'), 'no-store', 'the other headers stay');
    assert.ok(br.headers.get('content-security-policy'));
  });

  it('leaves redirects alone and compresses the script with a weak ETag that still revalidates', async () => {
    const save = await app.request('/nl/start', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'br' },
      body: 'questionnaire=kort',
    });
    assert.equal(save.status, 303);
    assert.equal(save.headers.get('content-encoding'), null);
    const script = await get('/static/enhance.js', { 'accept-encoding': 'br' });
    assert.equal(script.headers.get('content-encoding'), 'br');
    const etag = script.headers.get('etag')!;
    assert.match(etag, /^W\/"/);
    assert.equal((await get('/static/enhance.js', { 'accept-encoding': 'br', 'if-none-match': etag })).status, 304);
  });

  for (const [lang, family] of [
    ['ar', 'Noto Sans Arabic'],
    ['ti', 'Noto Sans Ethiopic'],
  ] as const) {
    it(`carries the first ${family} slice inside a ${lang} page until the browser has fetched the file`, async () => {
      const first = sliceOf(manifestFont(family), 'first');
      const rest = sliceOf(manifestFont(family), 'rest');
      const cold = await (await get(`/${lang}`)).text();
      const inline =
        /@font-face\{font-family:'[^']+';[^}]*src:local\([^)]*\),local\([^)]*\),url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\) format\('woff2'\);unicode-range:([^}]+)\}/.exec(
          cold,
        );
      assert.ok(inline, 'the first slice is a data: URL, local() still first');
      assert.equal(inline[2], first.unicodeRange);
      const file = await bytes(await get(`/fonts/${first.file}`));
      assert.deepEqual(new Uint8Array(Buffer.from(inline[1]!, 'base64')), file, 'the same bytes as the file');
      assert.ok(cold.includes(`<link rel="prefetch" href="/fonts/${first.file}" as="font" type="font/woff2" crossorigin></head>`));
      assert.ok(cold.includes(`url(/fonts/${rest.file}) format('woff2')`), 'the rest slice stays a file');

      const fetched = await get(`/fonts/${first.file}`);
      const cookie = fetched.headers.get('set-cookie')!;
      assert.match(cookie, /^pp_fonts=[0-9a-f]{8}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
      const warm = await (await get(`/${lang}`, { cookie: cookie.split(';')[0]! })).text();
      assert.ok(warm.includes(`url(/fonts/${first.file}) format('woff2')`), 'with the cookie: the file');
      assert.doesNotMatch(warm, /data:font|rel="prefetch"/);
      assert.equal((await get(`/fonts/${rest.file}`)).headers.get('set-cookie'), null, 'the rest slice says nothing');
    });
  }

  it('keeps both fonts in the cookie, and puts no font in a Dutch page', async () => {
    const [ar, ti] = FONT_MANIFEST.fonts.map((f) => f.slices.find((s) => s.name === 'first')!.file);
    const one = (await get(`/fonts/${ar}`)).headers.get('set-cookie')!.split(';')[0]!;
    const both = (await get(`/fonts/${ti}`, { cookie: one })).headers.get('set-cookie')!.split(';')[0]!;
    assert.equal(both.split('=')[1]!.split('.').length, 2);
    assert.doesNotMatch(await (await get('/ti', { cookie: both })).text(), /data:font/);
    assert.doesNotMatch(await (await get('/nl')).text(), /@font-face|data:font|prefetch/);
  });
});
