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
