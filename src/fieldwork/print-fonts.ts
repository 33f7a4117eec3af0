// Fonts for printed documents: Noto Sans (Latin and Latin Extended, as shipped inside @fontsource's Noto Sans
// Ethiopic), Noto Sans Arabic and Noto Sans Ethiopic, regular and bold, inlined as data: URLs so Chromium
// embeds them in every PDF whatever fonts the machine has (Debian's Chromium has no Ethiopic font, and a
// system Latin font would differ between machines). Read once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The @fontsource packages and the subsets taken from each (their unicode-range comes from the package's CSS). */
const SOURCES = [
  { pkg: '@fontsource/noto-sans-ethiopic', family: 'Noto Sans Ethiopic', subsets: ['latin', 'latin-ext', 'ethiopic'] },
  { pkg: '@fontsource/noto-sans-arabic', family: 'Noto Sans Arabic', subsets: ['arabic'] },
] as const;
const WEIGHTS = [400, 700] as const;

/** The family list for printed text: Latin from the Ethiopic package's Noto Sans subsets, then Arabic. */
export const PRINT_FONT_FAMILY = `'Noto Sans Ethiopic','Noto Sans Arabic',sans-serif`;
/** Arabic text: the Arabic face first, so its own digits and punctuation are used. */
export const PRINT_FONT_FAMILY_ARABIC = `'Noto Sans Arabic','Noto Sans Ethiopic',sans-serif`;

let cached: string | undefined;

/** @font-face rules with the font files inlined; throws naming the missing file when a package is absent. */
export function embeddedFontCss(): string {
  if (cached !== undefined) return cached;
  const rules: string[] = [];
  for (const source of SOURCES) {
    const root = dirname(require.resolve(`${source.pkg}/package.json`));
    for (const weight of WEIGHTS) {
      const css = readFileSync(join(root, `${weight}.css`), 'utf8');
      for (const subset of source.subsets) {
        const file = `${source.pkg.split('/')[1]}-${subset}-${weight}-normal.woff2`;
        const block = css.split('@font-face').find((b) => b.includes(`/${file})`));
        const range = block ? /unicode-range:\s*([^;]+);/.exec(block)?.[1] : undefined;
        if (!range) throw new Error(`${source.pkg}/${weight}.css has no @font-face for ${file}`);
        const data = readFileSync(join(root, 'files', file)).toString('base64');
        rules.push(
          `@font-face{font-family:'${source.family}';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`,
        );
      }
    }
  }
  cached = rules.join('\n');
  return cached;
}
