// Fonts for the scripts phones most often lack: Noto Sans Arabic and Noto Sans Ethiopic (SIL OFL 1.1),
// served by the application itself with a year's cache, never from an external host. Each is cut into a
// small "first" slice with exactly the characters of our texts and a "rest" slice with everything else
// (scripts/fonts/build.ts writes them and fonts/slices.json); unicode-range lets the browser fetch the
// rest only when a page shows one of its characters, such as a typed answer. A third, tiny "names" file
// per font holds only the languages' native names, for the Dutch language choice page.
import { readFileSync } from 'node:fs';
import type { Language } from '../questionnaire/types.ts';
import manifest from './fonts/slices.json' with { type: 'json' };
import { FONT_STACK } from './style.ts';

export interface FontSlice {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly unicodeRange: string;
}

export interface SlicedFont {
  readonly family: string;
  readonly weight: number;
  readonly source: string;
  readonly sourceSha256: string;
  readonly sourceBytes: number;
  readonly slices: readonly FontSlice[];
  /** Only the characters of the language names in this script (LANGUAGE_NAMES), for the language choice. */
  readonly names: FontSlice;
}

/** The shape of fonts/slices.json. */
export interface SliceManifest {
  readonly note: string;
  readonly fonts: readonly SlicedFont[];
}

export const FONT_MANIFEST: SliceManifest = manifest;

const FAMILY_OF: Partial<Record<Language, string>> = { ar: 'Noto Sans Arabic', ti: 'Noto Sans Ethiopic' };

const fontOf = (lang: Language): SlicedFont | undefined => FONT_MANIFEST.fonts.find((f) => f.family === FAMILY_OF[lang]);

// local() first: many phones already have the Noto font, and then nothing is downloaded. One weight only:
// on a slow connection the bold file doubled the wait; browsers thicken the regular face for the few bold texts.
const face = (font: SlicedFont, s: FontSlice): string =>
  `@font-face{font-family:'${font.family}';font-style:normal;font-display:swap;font-weight:100 900;src:local('${font.family}'),local('${font.family.replaceAll(' ', '')}-Regular'),url(/fonts/${s.file}) format('woff2');unicode-range:${s.unicodeRange}}`;

/** @font-face rules for a page in this language, one per slice ('' for languages in Latin script). */
export function fontFaceCss(lang: Language): string {
  const font = fontOf(lang);
  return font ? font.slices.map((s) => face(font, s)).join('') : '';
}

/**
 * The page's font rules: its @font-face rules and, on Arabic and Tigrinya pages, the served font ahead of
 * the system font for that script, so every device draws it with the same, complete font (a desktop's
 * system-ui may have a few Arabic glyphs of its own). Characters outside its unicode-range (Latin, digits,
 * spaces) still come from the system font.
 */
export function fontCss(lang: Language): string {
  const font = fontOf(lang);
  return font ? `${fontFaceCss(lang)}body{font-family:'${font.family}',${FONT_STACK}}` : '';
}

/**
 * Font rules for a list of the languages by their native names (`.langs`, each entry marked with its `lang`):
 * per served script a face with only the characters of those names (a few KB instead of the first slice),
 * put first for the entries in that language, as fontCss does for whole pages. Scripts whose whole font the
 * page already declares (its own language's) are left out, or the browser would fetch both.
 */
export function languageNamesFontCss(pageLang: Language): string {
  return (Object.keys(FAMILY_OF) as Language[])
    .filter((lang) => lang !== pageLang)
    .flatMap((lang) => {
      const font = fontOf(lang);
      return font ? [`${face(font, font.names)}.langs [lang=${lang}]{font-family:'${font.family}',${FONT_STACK}}`] : [];
    })
    .join('');
}

/** Reads the font files once at start-up: name → bytes. */
export function loadFontFiles(): ReadonlyMap<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const font of FONT_MANIFEST.fonts) {
    for (const s of [...font.slices, font.names]) files.set(s.file, readFileSync(new URL(`./fonts/${s.file}`, import.meta.url)));
  }
  return files;
}

// The first page a person sees in Arabic or Tigrinya would wait a round trip for its font (on a slow
// phone connection 0.4 s, plus the file): the page is usable only when its text can be drawn. So a page
// whose browser does not yet have the first slice carries it inside the page (a data: URL in its
// @font-face rule, the same bytes), and asks the browser to fetch the file itself when it is idle
// (prefetch). The file's answer sets a cookie naming the slices the browser now has, and later pages
// refer to the file, which then comes from the browser's cache. The cookie names only font files (the
// same value for everyone), never a person. Without cookies every page carries its font.

/** The cookie listing the first slices a browser has fetched, by the hash in their file names. */
export const FONT_COOKIE = 'pp_fonts';
/** How long the cookie is believed: a browser's cache may drop the file sooner; then it is fetched again. */
export const FONT_COOKIE_MAX_AGE_S = 7 * 24 * 3600;

const FIRST_SLICES = FONT_MANIFEST.fonts.flatMap((f) => f.slices.filter((s) => s.name === 'first'));
const hashOf = (file: string): string => /\.([0-9a-f]{8})\.woff2$/.exec(file)?.[1] ?? file;

/** The first slices in the cookie's value (hashes joined by dots; anything else is ignored). */
export const cachedSlices = (cookie: string | undefined): Set<string> =>
  new Set((cookie ?? '').split('.').filter((h) => /^[0-9a-f]{8}$/.test(h)));

/** The cookie's value after the browser fetched `file`, or null when `file` is no first slice. */
export function fontCookieAfter(file: string, cookie: string | undefined): string | null {
  if (!FIRST_SLICES.some((s) => s.file === file)) return null;
  const known = cachedSlices(cookie);
  known.add(hashOf(file));
  return [...known].filter((h) => FIRST_SLICES.some((s) => hashOf(s.file) === h)).join('.');
}

/** The first slices as data: URLs, made once at start-up: file → URL. */
export function firstSliceDataUrls(files: ReadonlyMap<string, Uint8Array>): ReadonlyMap<string, string> {
  return new Map(
    FIRST_SLICES.flatMap((s) => {
      const bytes = files.get(s.file);
      return bytes ? [[s.file, `data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}`] as const] : [];
    }),
  );
}

/**
 * A page's HTML with every first slice it declares and the browser lacks (per `cached`) carried inside
 * the page, and a prefetch of that file. Works on the exact text fontFaceCss writes.
 */
export function inlineUncachedFonts(html: string, cached: ReadonlySet<string>, dataUrls: ReadonlyMap<string, string>): string {
  let out = html;
  const prefetch: string[] = [];
  for (const slice of FIRST_SLICES) {
    const declared = `url(/fonts/${slice.file}) format('woff2')`;
    const dataUrl = dataUrls.get(slice.file);
    if (!dataUrl || cached.has(hashOf(slice.file)) || !out.includes(declared)) continue;
    out = out.replace(declared, `url(${dataUrl}) format('woff2')`);
    prefetch.push(`<link rel="prefetch" href="/fonts/${slice.file}" as="font" type="font/woff2" crossorigin>`);
  }
  return prefetch.length === 0 ? out : out.replace('</head>', `${prefetch.join('')}</head>`);
}
