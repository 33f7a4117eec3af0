// The font slices in Chromium. Shaping: every Arabic and Tigrinya text of the study and the catalogues is
// drawn exactly as with the original font (same width, same pixels), so OpenType layout (Arabic joining
// forms, lam-alef, marks, kerning) survived the subsetting. On the real pages: the first questionnaire page
// fetches only the first slice, and a typed character outside it brings in the rest slice instead of a
// missing-glyph box. The language choice (a Dutch page) fetches only the tiny names files and draws
// "العربية" and "ትግርኛ" with them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { texts } from '../../scripts/fonts/characters.ts';
import { LANGUAGE_NAMES } from '../../src/i18n/catalog.ts';
import { FONT_SOURCES, scriptRange, sourcePath, type FontSource } from '../../scripts/fonts/sources.ts';
import { formatUnicodeRange, parseUnicodeRange } from '../../scripts/fonts/unicode.ts';
import { FONT_MANIFEST, type FontSlice } from '../../src/web/fonts.ts';
import { manifestFont } from '../support/fonts.ts';
import { useBrowserEnv } from '../support/browser-env.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STUDY = fileURLToPath(new URL('../../studies/inburgeraars', import.meta.url));
const dataUrl = (bytes: Buffer): string => `data:font/woff2;base64,${bytes.toString('base64')}`;
const sliceFile = (file: string): Buffer => readFileSync(new URL(`../../src/web/fonts/${file}`, import.meta.url));

/** A page with the original font as family "Full" (declared as the app declared it) and the slices (or others) as "Sliced". */
function comparisonPage(source: FontSource, lang: string, slices: readonly FontSlice[] = manifestFont(source.family).slices): string {
  const face = (family: string, url: string, range: string) =>
    `@font-face{font-family:'${family}';src:url(${url}) format('woff2');unicode-range:${range}}`;
  const css = [
    face('Full', dataUrl(readFileSync(sourcePath(source))), formatUnicodeRange(scriptRange(source))),
    ...slices.map((s) => face('Sliced', dataUrl(sliceFile(s.file)), s.unicodeRange)),
  ].join('');
  // Each text in its own block: adjacent inline text would join across elements and change the shapes.
  return `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><style>${css}body{margin:0;font-size:24px}div{white-space:pre;width:max-content}</style></head><body></body></html>`;
}

/** Widths of each text in each family (texts in separate blocks), after the fonts have loaded. */
const WIDTHS = `(async ([strings, families]) => {
  const blocks = families.map((family) => strings.map((s) => {
    const div = document.createElement('div');
    div.style.fontFamily = "'" + family + "',monospace";
    div.textContent = s;
    document.body.append(div);
    return div;
  }));
  await document.fonts.ready;
  const widths = blocks.map((list) => list.map((d) => d.getBoundingClientRect().width));
  document.body.textContent = '';
  return widths;
})`;

async function widths(page: Page, strings: readonly string[], families: readonly string[]): Promise<number[][]> {
  return await page.evaluate<number[][]>(`${WIDTHS}(${JSON.stringify([strings, families])})`);
}

interface WatchedPhone {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Font files the page's text asked for (@font-face loads), in order. */
  readonly fetched: string[];
  /** Font files fetched ahead for later pages (a prefetch), in order. */
  readonly prefetched: string[];
}

/** A phone-sized context and page that records every font file it fetches, in order. */
async function phoneWatchingFonts(browser: Browser): Promise<WatchedPhone> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const fetched: string[] = [];
  const prefetched: string[] = [];
  page.on('requestfinished', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/fonts/')) return;
    (r.resourceType() === 'font' ? fetched : prefetched).push(url.pathname.slice('/fonts/'.length));
  });
  return { context, page, fetched, prefetched };
}

/**
 * The URL of the first questionnaire page, reached through the landing questions by plain HTTP posts (as
 * the bench does), so the browser's cache is still empty when the page opens.
 */
async function firstPage(context: BrowserContext, base: string, lang: string): Promise<string> {
  const post = (form: Record<string, string>) => context.request.post(`${base}/${lang}/vragen`, { form, maxRedirects: 0 });
  assert.equal((await post({ _page: 'wet', _kanaal: 'web', F1_wet: '1' })).status(), 200);
  const res = await post({ _page: 'vergunning', _kanaal: 'web', '_prev.F1_wet': '1', F3_vergunning: '1' });
  assert.equal(res.status(), 303);
  return `${base}${res.headers()['location']}`;
}

describe('font slices in Chromium', () => {
  const env = useBrowserEnv(STUDY);

  /** A phone on the first questionnaire page in `lang`, its fonts loaded, recording the font files it fetched. */
  const onFirstPage = async (lang: string): Promise<WatchedPhone> => {
    const phone = await phoneWatchingFonts(env.browser);
    try {
      await phone.page.goto(await firstPage(phone.context, env.server.url, lang));
      await phone.page.evaluate(() => document.fonts.ready);
      return phone;
    } catch (error) {
      await phone.context.close();
      throw error;
    }
  };

  for (const [source, lang] of [
    [FONT_SOURCES[0]!, 'ar'],
    [FONT_SOURCES[1]!, 'ti'],
  ] as const) {
    it(`${source.family}: every text of the study and the catalogues is shaped and drawn as with the original font`, async () => {
      const range = scriptRange(source);
      const strings = [
        ...new Set(
          texts(ROOT)
            .map((t) => t.text)
            .filter((t) => [...t].some((c) => range.has(c.codePointAt(0)!))),
        ),
      ];
      assert.ok(strings.length > 100, `${strings.length} texts`);
      const page = await env.browser.newPage();
      try {
        await page.setContent(comparisonPage(source, lang));
        const [full, sliced] = await widths(page, strings, ['Full', 'Sliced']);
        const differ = strings
          .filter((_, i) => Math.abs(full![i]! - sliced![i]!) > 0.01)
          .map((s, i) => `${s}: ${full![i]} vs ${sliced![i]}`);
        assert.deepEqual(differ, [], 'texts whose width changed with the slices');
        // The texts never need the rest slice: the first one carries the study.
        const faces = await page.evaluate(() => [...document.fonts].filter((f) => f.family === 'Sliced').map((f) => f.status));
        assert.deepEqual(faces, ['loaded', 'unloaded']);
        if (lang === 'ar') {
          // The width comparison notices broken joining: the same texts with every letter cut apart (ZWNJ) are wider.
          const cut = strings.map((s) => [...s].join('\u200c'));
          const [joined, apart] = [full!, (await widths(page, cut, ['Full']))[0]!];
          assert.ok(
            joined.filter((w, i) => Math.abs(w - apart[i]!) > 0.5).length > 0.9 * strings.length,
            'unjoined letters change the width',
          );
        }
        // And the pixels: all texts drawn in each family are the same image.
        const shot = async (family: string): Promise<Buffer> => {
          await page.setContent(`${comparisonPage(source, lang)}`);
          await page.evaluate(
            `(async (strings) => { for (const s of strings) { const d = document.createElement('div'); d.style.fontFamily = "'${family}'"; d.textContent = s; document.body.append(d); } await document.fonts.ready; })(${JSON.stringify(strings.slice(0, 60))})`,
          );
          return page.locator('body').screenshot();
        };
        assert.ok(
          (await shot('Full')).equals(await shot('Sliced')),
          'the first 60 texts look the same with the slices as with the original font',
        );
      } finally {
        await page.close();
      }
    });
  }

  it('on the language choice, draws "العربية" and "ትግርኛ" with the names files and fetches no other font', async () => {
    const { context, page, fetched } = await phoneWatchingFonts(env.browser);
    try {
      await page.goto(`${env.server.url}/`);
      await page.evaluate(() => document.fonts.ready);
      const names = FONT_MANIFEST.fonts.map((f) => f.names);
      assert.deepEqual(fetched.toSorted(), names.map((n) => n.file).toSorted(), 'the names files only');
      assert.ok(names.reduce((a, n) => a + n.bytes, 0) < 6000, `${names.map((n) => n.bytes).join(' + ')} bytes`);
      const faces = await page.evaluate(() => [...document.fonts].map((f) => `${f.family}: ${f.status}`));
      assert.deepEqual(faces, ['Noto Sans Arabic: loaded', 'Noto Sans Ethiopic: loaded']);

      // Chromium's own account of the fonts it drew each name with: every glyph from the served face, even
      // for Arabic, which this machine's system font (DejaVu Sans) could draw too.
      const cdp = await context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      for (const [lang, family, name] of [
        ['ar', 'Noto Sans Arabic', 'العربية'],
        ['ti', 'Noto Sans Ethiopic', 'ትግርኛ'],
      ] as const) {
        const selector = `a[lang="${lang}"] > span:first-child`;
        assert.equal(await page.locator(selector).innerText(), name);
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        assert.deepEqual(
          fonts.map((f) => [f.familyName, f.isCustomFont]),
          [[family, true]],
          JSON.stringify(fonts),
        );
        assert.ok(fonts[0]!.glyphCount >= [...name].length, JSON.stringify(fonts));
      }
      // Without the names file this machine has no Ethiopic font: the name would be missing-glyph boxes.
      const [served, system] = await page.evaluate(() => {
        const span = document.querySelector<HTMLElement>('a[lang="ti"] > span')!;
        const before = span.getBoundingClientRect().width;
        span.style.fontFamily = 'sans-serif';
        return [before, span.getBoundingClientRect().width];
      });
      assert.equal(await page.evaluate(() => document.fonts.check("16px 'Noto Sans Ethiopic'", 'ትግርኛ')), true);
      assert.notEqual(
        Math.round(served),
        Math.round(system),
        `ትግርኛ is as wide with the names file (${served}) as in missing-glyph boxes (${system})`,
      );
    } finally {
      await context.close();
    }
  });

  it('the names files shape and draw the language names as the original fonts do (Arabic letters joined)', async () => {
    const page = await env.browser.newPage();
    try {
      for (const [source, lang] of [
        [FONT_SOURCES[0]!, 'ar'],
        [FONT_SOURCES[1]!, 'ti'],
      ] as const) {
        const range = scriptRange(source);
        const names = Object.values(LANGUAGE_NAMES).filter((n) => [...n].some((c) => range.has(c.codePointAt(0)!)));
        const { names: file } = manifestFont(source.family);
        await page.setContent(comparisonPage(source, lang, [file]));
        const [full, sliced] = await widths(page, names, ['Full', 'Sliced']);
        assert.deepEqual(sliced, full, `${names.join(', ')}: widths with the names file and with the original font`);
        if (lang !== 'ar') continue;
        const [apart] = await widths(
          page,
          names.map((s) => [...s].join('\u200c')),
          ['Sliced'],
        );
        assert.ok(Math.abs(apart![0]! - sliced![0]!) > 0.5, 'the letters join: cut apart (ZWNJ) the name is wider');
        // Pixels for Arabic only: ትግርኛ drawn from the 4-glyph file differs from the original in anti-aliasing
        // alone (same widths, same outlines), presumably because FreeType's auto-hinter takes its Ethiopic
        // alignment zones from letters that file lacks.
        const shot = async (family: string): Promise<Buffer> => {
          await page.setContent(comparisonPage(source, lang, [file]));
          await page.evaluate(
            `(async (strings) => { for (const s of strings) { const d = document.createElement('div'); d.style.fontFamily = "'${family}'"; d.textContent = s; document.body.append(d); } await document.fonts.ready; })(${JSON.stringify(names)})`,
          );
          return page.locator('body').screenshot();
        };
        assert.ok(
          (await shot('Full')).equals(await shot('Sliced')),
          `${names.join(', ')} looks the same with the names file as with the original font`,
        );
      }
    } finally {
      await page.close();
    }
  });

  it('on a first questionnaire page in Tigrinya, draws with the first slice the page carries, fetches that file for later pages, and the rest when a typed answer needs it', async () => {
    const { context, page, fetched, prefetched } = await onFirstPage('ti');
    try {
      const ethiopic = manifestFont('Noto Sans Ethiopic');
      const [first, rest] = ethiopic.slices.map((s) => s.file);
      assert.deepEqual(fetched, [], 'no font file waited for: the first slice is in the page');
      const status = () => page.evaluate(() => [...document.fonts].filter((f) => f.family === 'Noto Sans Ethiopic').map((f) => f.status));
      assert.deepEqual(await status(), ['loaded', 'unloaded']);
      assert.equal(await page.evaluate(() => document.fonts.check("16px 'Noto Sans Ethiopic'", 'ሰላም')), true);
      // Fetched ahead when the browser is idle, so that the next pages refer to the file (the cookie says it is cached).
      if (prefetched.length === 0) {
        await page.waitForEvent('requestfinished', { predicate: (r) => r.url().endsWith(`/fonts/${first}`), timeout: 10_000 });
      }
      assert.deepEqual(prefetched, [first]);
      assert.ok(
        (await context.cookies()).some((c) => c.name === 'pp_fonts'),
        'the file set the cookie',
      );

      // A syllable no text of ours uses, typed in the "other, namely" field.
      const syllable = String.fromCodePoint([...parseUnicodeRange(ethiopic.slices[1]!.unicodeRange)].find((c) => c >= 0x1200)!);
      await page.fill('input[name="Q2.01_anders"]', `${syllable}${syllable}`);
      await page.waitForFunction(
        () => [...document.fonts].filter((f) => f.family === 'Noto Sans Ethiopic').every((f) => f.status === 'loaded'),
        undefined,
        { timeout: 10_000 },
      );
      assert.deepEqual(fetched, [rest]);
      assert.equal(await page.evaluate((s) => document.fonts.check("16px 'Noto Sans Ethiopic'", s), syllable), true);

      // The next page refers to the file instead of carrying it.
      await page.reload();
      assert.doesNotMatch(await page.content(), /data:font/);
      assert.equal(
        await page.evaluate(async () => (await document.fonts.ready, document.fonts.check("16px 'Noto Sans Ethiopic'", 'ሰላም'))),
        true,
      );
    } finally {
      await context.close();
    }
  });

  it('on the first questionnaire page in Arabic, draws the Arabic text with the first slice of the served font, carried in the page', async () => {
    const { context, page, fetched } = await onFirstPage('ar');
    try {
      assert.deepEqual(fetched, [], 'no font file waited for');
      // Chromium's own account of the fonts it drew the question with: the served font, not a system one.
      const cdp = await context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'legend' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const arabicGlyphs = (await page.locator('legend').first().innerText()).replace(/[^\u0600-\u06ff]/g, '').length;
      const custom = fonts.filter((f) => f.isCustomFont).reduce((a, f) => a + f.glyphCount, 0);
      assert.ok(
        fonts.some((f) => f.isCustomFont && f.familyName === 'Noto Sans Arabic'),
        JSON.stringify(fonts),
      );
      assert.ok(
        custom >= arabicGlyphs * 0.8,
        `glyphs from the served font ${custom}, Arabic letters ${arabicGlyphs}: ${JSON.stringify(fonts)}`,
      );
    } finally {
      await context.close();
    }
  });
});
