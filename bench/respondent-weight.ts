// Bytes of the first questionnaire page per language: the first page of wi2021-asiel as a person reaches
// it from the landing page, uncompressed and as it travels compressed: gzip level 6 and brotli quality 5
// (what the app negotiates, src/web/compress.ts). The page is measured as a browser that has its font
// gets it (the first slice by URL: "page") and as a cold browser gets it on ar/ti pages (the first slice
// inside the page: "cold"). Font files are reported apart: woff2 is compressed already, and a font is
// cached for a year after the first page that fetches it.
import http from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LANGUAGES, type Language } from '../src/questionnaire/types.ts';
import { firstSliceDataUrls, loadFontFiles } from '../src/web/fonts.ts';
import { request, startResponse } from './respondent-walk.ts';

export const BUDGET_BYTES = 30 * 1024;

export interface Sizes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export const sizesOf = (bytes: Uint8Array): Sizes => ({
  raw: bytes.byteLength,
  gzip: gzipSync(bytes, { level: 6 }).byteLength,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
  }).byteLength,
});

export interface PageWeight {
  readonly lang: Language;
  /** Path of the response's first page (/s/CODE), kept for the browser runs. */
  readonly path: string;
  readonly html: Sizes;
  /** Same-origin scripts and stylesheets the HTML loads (the enhancement script), each with its sizes. */
  readonly subresources: Readonly<Record<string, Sizes>>;
  /** HTML plus subresources: what counts against the budget (fonts apart). */
  readonly page: Sizes;
  /** The HTML a browser without the font gets: on ar/ti pages with the first slice inside (as data: URL). */
  readonly cold: Sizes;
  /** Font files the page declares (@font-face) with their sizes; the browser fetches those its text needs. */
  readonly fontsDeclared: Readonly<Record<string, number>>;
}

export async function measureWeights(base: URL): Promise<PageWeight[]> {
  const agent = new http.Agent({ keepAlive: true });
  const fontFiles = loadFontFiles();
  const dataUrls = [...firstSliceDataUrls(fontFiles)];
  const out: PageWeight[] = [];
  try {
    for (const lang of LANGUAGES) {
      const path = await startResponse(agent, base, lang);
      const res = await request(agent, base, 'GET', path, undefined, true);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      // The request sends no font cookie, so ar/ti pages come cold; the warm page refers to the files.
      const cold = Buffer.from(res.body, 'utf8');
      const warmText = dataUrls.reduce(
        (text, [file, url]) => text.replace(`url(${url})`, `url(/fonts/${file})`),
        res.body.replace(/<link rel="prefetch"[^>]*>/g, ''),
      );
      const bytes = Buffer.from(warmText, 'utf8');
      const fontsDeclared: Record<string, number> = {};
      for (const m of warmText.matchAll(/url\(\/fonts\/([^)]+\.woff2)\)/g))
        fontsDeclared[m[1]!] = fontFiles.get(m[1]!)?.byteLength ?? Number.NaN;
      const subresources: Record<string, Sizes> = {};
      for (const m of res.body.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*\srel="stylesheet"[^>]*\shref="([^"]+)"/g)) {
        const url = new URL((m[1] ?? m[2])!.replace(/&amp;/g, '&'), base);
        if (url.origin !== base.origin) throw new Error(`${path} loads ${url.href} from another host`);
        const sub = await request(agent, base, 'GET', url.pathname + url.search, undefined, true);
        if (sub.status !== 200) throw new Error(`${url.pathname} answered ${sub.status}`);
        subresources[url.pathname] = sizesOf(Buffer.from(sub.body, 'utf8'));
      }
      const html = sizesOf(bytes);
      const all = [html, ...Object.values(subresources)];
      const page = {
        raw: all.reduce((a, x) => a + x.raw, 0),
        gzip: all.reduce((a, x) => a + x.gzip, 0),
        brotli: all.reduce((a, x) => a + x.brotli, 0),
      };
      out.push({ lang, path, html, subresources, page, cold: sizesOf(cold), fontsDeclared });
    }
  } finally {
    agent.destroy();
  }
  return out;
}
