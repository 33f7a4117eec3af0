// Arabic and Tigrinya pages get their fonts from the application itself, in two slices (first and rest);
// here as a browser that has the first slices gets them (a cold one finds the first slice in the page);
// Latin-script pages carry none; the language choice declares only the tiny files with the language names.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { FONT_MANIFEST } from '../../src/web/fonts.ts';
import { manifestFont, sliceOf } from '../support/fonts.ts';
import { Browser, testApp } from '../support/http.ts';

describe('self-hosted fonts', () => {
  let t: TestDatabase;
  let browser: Browser;
  before(async () => {
    t = await openTestDatabase();
    browser = new Browser(testApp(t));
    // A browser that has fetched the first slices (the font cookie): its pages refer to the files. A cold
    // browser gets the first slice inside the page instead (first-page.test.ts).
    for (const font of FONT_MANIFEST.fonts) await browser.request(`/fonts/${sliceOf(font, 'first').file}`);
    assert.ok(browser.cookies.has('pp_fonts'));
  });
  after(async () => t.close());

  it('declares Noto Sans Ethiopic on Tigrinya pages and Noto Sans Arabic on Arabic pages, none on Dutch ones', async () => {
    const ti = await (await browser.request('/ti')).text();
    assert.match(
      ti,
      /@font-face\{font-family:'Noto Sans Ethiopic'[^}]*src:local\('Noto Sans Ethiopic'\),[^}]*url\(\/fonts\/noto-sans-ethiopic-400-first\.[0-9a-f]{8}\.woff2\)/,
    );
    assert.equal(
      ti.match(/@font-face/g)?.length,
      2,
      'one weight per script, in two unicode-range slices (first and rest): no separate bold',
    );
    assert.doesNotMatch(ti, /-700/);
    assert.doesNotMatch(ti, /Noto Sans Arabic'/);
    const ar = await (await browser.request('/ar')).text();
    assert.match(ar, /@font-face\{font-family:'Noto Sans Arabic'/);
    const nl = await (await browser.request('/nl')).text();
    assert.doesNotMatch(nl, /@font-face/);
    assert.doesNotMatch(ti + ar + nl, /https?:\/\/(?!localhost)[a-z]/i, 'no external host is referenced');
  });

  it('serves the font files with a long cache, and nothing else from /fonts', async () => {
    const file = /url\(\/fonts\/(noto-sans-ethiopic-400-first\.[0-9a-f]{8}\.woff2)\)/.exec(
      await (await browser.request('/ti')).text(),
    )![1]!;
    const res = await browser.request(`/fonts/${file}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'font/woff2');
    assert.match(res.headers.get('cache-control')!, /max-age=31536000/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.slice(0, 4)), 'wOF2');
    assert.equal((await browser.request('/fonts/..%2Fpackage.json')).status, 404);
    assert.equal((await browser.request('/fonts/other.woff2')).status, 404);
  });

  it('declares both slices with their unicode-range and puts the served font first on ar and ti pages', async () => {
    for (const [lang, family] of [
      ['ar', 'Noto Sans Arabic'],
      ['ti', 'Noto Sans Ethiopic'],
    ] as const) {
      const html = await (await browser.request(`/${lang}`)).text();
      const font = manifestFont(family);
      for (const s of font.slices) {
        assert.ok(
          html.includes(`url(/fonts/${s.file}) format('woff2');unicode-range:${s.unicodeRange}}`),
          `${lang}: ${s.name} slice declared`,
        );
      }
      assert.match(html, new RegExp(`body\\{font-family:'${family}',system-ui,`));
      assert.equal((await browser.request(`/fonts/${sliceOf(font, 'rest').file}`)).status, 200);
    }
    for (const lang of ['nl', 'en', 'tr']) {
      const html = await (await browser.request(`/${lang}`)).text();
      assert.doesNotMatch(html, /@font-face|\/fonts\//, `${lang}: no fonts`);
    }
  });

  it('declares only the names files on the language choice, each first for its language, and nowhere else', async () => {
    const fonts = FONT_MANIFEST.fonts;
    for (const path of ['/', '/c/ABCD-EFGH-JKMN']) {
      const html = await (await browser.request(path)).text();
      const declared = [...html.matchAll(/url\(\/fonts\/([^)]+)\)/g)].map((m) => m[1]);
      assert.deepEqual(
        declared,
        fonts.map((f) => f.names.file),
        `${path}: the names files only, not the 28 KB of first slices`,
      );
      for (const [lang, family] of [
        ['ar', 'Noto Sans Arabic'],
        ['ti', 'Noto Sans Ethiopic'],
      ] as const) {
        const { names } = manifestFont(family);
        assert.ok(
          html.includes(
            `src:local('${family}'),local('${family.replaceAll(' ', '')}-Regular'),url(/fonts/${names.file}) format('woff2');unicode-range:${names.unicodeRange}}`,
          ),
          `${path}: ${family} names face, local() first`,
        );
        assert.match(html, new RegExp(`\\.langs \\[lang=${lang}\\]\\{font-family:'${family}',system-ui,`));
        assert.match(html, new RegExp(`<a href="/${lang}[^"]*" lang="${lang}"`), `${path}: the ${lang} entry carries its lang`);
      }
      for (const f of fonts) assert.equal((await browser.request(`/fonts/${f.names.file}`)).status, 200);
    }
    for (const lang of ['nl', 'en', 'tr', 'ar', 'ti']) {
      const html = await (await browser.request(`/${lang}`)).text();
      assert.doesNotMatch(html, /-names\./, `${lang}: no names file (an ar or ti page has its first slice)`);
    }
  });
});
