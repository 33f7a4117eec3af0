// Fonts for the scripts phones most often lack: Noto Sans Arabic and Noto Sans Ethiopic (SIL OFL 1.1, from
// @fontsource), served by the application itself with a year's cache, never from an external host. Only
// pages in Arabic or Tigrinya declare them, and unicode-range keeps browsers from fetching what they do not use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Language } from '../questionnaire/types.ts';

interface FontFile {
  readonly family: string;
  readonly package: string;
  readonly file: string;
  readonly weight: 400;
  readonly range: string;
}

const ARABIC_RANGE = 'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC';
const ETHIOPIC_RANGE = 'U+030E,U+1200-1399,U+2D80-2DDE,U+AB01-AB2E';

// One weight only: on a slow connection the bold file doubled the wait (bench: +1 s for ar, +1.5 s for ti);
// browsers draw the few bold headings by thickening the regular face.
const FONTS: readonly FontFile[] = [400].flatMap((weight) => [
  { family: 'Noto Sans Arabic', package: '@fontsource/noto-sans-arabic', file: `noto-sans-arabic-arabic-${weight}-normal.woff2`, weight: weight as 400, range: ARABIC_RANGE },
  { family: 'Noto Sans Ethiopic', package: '@fontsource/noto-sans-ethiopic', file: `noto-sans-ethiopic-ethiopic-${weight}-normal.woff2`, weight: weight as 400, range: ETHIOPIC_RANGE },
]);

const FAMILY_OF: Partial<Record<Language, string>> = { ar: 'Noto Sans Arabic', ti: 'Noto Sans Ethiopic' };

/** @font-face rules for a page in this language ('' for languages in Latin script). */
export function fontFaceCss(lang: Language): string {
  const family = FAMILY_OF[lang];
  if (!family) return '';
  return FONTS.filter((f) => f.family === family)
    // local() first: many phones already have the Noto font, and then nothing is downloaded.
    .map((f) => `@font-face{font-family:'${f.family}';font-style:normal;font-display:swap;font-weight:100 900;src:local('${f.family}'),local('${f.family.replaceAll(' ', '')}-Regular'),url(/fonts/${f.file}) format('woff2');unicode-range:${f.range}}`)
    .join('');
}

/** Reads the font files once at start-up: name → bytes. */
export function loadFontFiles(): ReadonlyMap<string, Uint8Array> {
  const require = createRequire(import.meta.url);
  const files = new Map<string, Uint8Array>();
  for (const f of FONTS) {
    const dir = join(dirname(require.resolve(`${f.package}/package.json`)), 'files');
    files.set(f.file, readFileSync(join(dir, f.file)));
  }
  return files;
}
