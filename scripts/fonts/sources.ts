// The fonts we slice: the regular (400) Noto Sans Arabic and Noto Sans Ethiopic files of @fontsource 5.3.0
// (SIL OFL 1.1), and the script subset each was cut to by Google Fonts (its unicode-range).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseUnicodeRange } from './unicode.ts';

export interface FontSource {
  readonly family: string;
  /** Start of the output file names. */
  readonly slug: string;
  readonly package: string;
  /** Google Fonts' subset name in the package (its files and unicode.json). */
  readonly subset: string;
}

export const FONT_SOURCES: readonly FontSource[] = [
  { family: 'Noto Sans Arabic', slug: 'noto-sans-arabic', package: '@fontsource/noto-sans-arabic', subset: 'arabic' },
  { family: 'Noto Sans Ethiopic', slug: 'noto-sans-ethiopic', package: '@fontsource/noto-sans-ethiopic', subset: 'ethiopic' },
];

const packageDir = (source: FontSource): string => dirname(createRequire(import.meta.url).resolve(`${source.package}/package.json`));

export const sourcePath = (source: FontSource): string =>
  join(packageDir(source), 'files', `${source.slug}-${source.subset}-400-normal.woff2`);
export const licencePath = (source: FontSource): string => join(packageDir(source), 'LICENSE');
export const packageVersion = (source: FontSource): string =>
  (JSON.parse(readFileSync(join(packageDir(source), 'package.json'), 'utf8')) as { version: string }).version;

/** The code points the script subset is declared for (the original @font-face unicode-range). */
export function scriptRange(source: FontSource): Set<number> {
  const ranges = JSON.parse(readFileSync(join(packageDir(source), 'unicode.json'), 'utf8')) as Record<string, string>;
  const range = ranges[source.subset];
  if (!range) throw new Error(`${source.package}/unicode.json has no "${source.subset}" subset`);
  return parseUnicodeRange(range);
}
