// The served fonts as the manifest (src/web/fonts/slices.json) describes them, for the font tests.
import assert from 'node:assert/strict';
import { FONT_MANIFEST, type FontSlice, type SlicedFont } from '../../src/web/fonts.ts';

export const REBUILD_FONTS = 'run `npx tsx scripts/fonts/build.ts` (see its header) and commit src/web/fonts/';

/** The manifest's entry for `family`; fails the test with the way to rebuild when it is missing. */
export function manifestFont(family: string): SlicedFont {
  const font = FONT_MANIFEST.fonts.find((f) => f.family === family);
  assert.ok(font, `src/web/fonts/slices.json has no ${family}; ${REBUILD_FONTS}`);
  return font;
}

/** The slice of `font` named `name` ('first' or 'rest'). */
export function sliceOf(font: SlicedFont, name: string): FontSlice {
  const s = font.slices.find((x) => x.name === name);
  assert.ok(s, `${font.family} has no ${name} slice`);
  return s;
}
