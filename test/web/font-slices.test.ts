// The served fonts are cut into a "first" slice with the characters of our texts and a "rest" slice with
// everything else (scripts/fonts/build.ts). This fails when a text gains a character the first slice lacks:
// run `npx tsx scripts/fonts/build.ts` again. It also checks that the two slices together still cover every
// character the original font covered, and that the tiny "names" files hold the language names. Which
// pages declare which file: test/web/fonts.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { languageNameCodePoints, textCodePoints, EXTRA_CODE_POINTS } from '../../scripts/fonts/characters.ts';
import { FONT_SOURCES, scriptRange, sourcePath } from '../../scripts/fonts/sources.ts';
import { describeCodePoint, formatUnicodeRange, intersect, minus, parseUnicodeRange } from '../../scripts/fonts/unicode.ts';
import { woff2CodePoints } from '../../scripts/fonts/woff2.ts';
import { manifestFont, REBUILD_FONTS, sliceOf } from '../support/fonts.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fileCodePoints = (file: string): Set<number> =>
  woff2CodePoints(readFileSync(new URL(`../../src/web/fonts/${file}`, import.meta.url)));

/** Characters of the texts that the original font has but the first slice lacks, with the file using each. */
function missingFromFirst(used: ReadonlyMap<number, string>, covered: ReadonlySet<number>, first: ReadonlySet<number>): string[] {
  return [...used].filter(([c]) => covered.has(c) && !first.has(c)).map(([c, file]) => `${describeCodePoint(c)} (${file})`);
}

describe('font slices', () => {
  const used = textCodePoints(ROOT);
  for (const source of FONT_SOURCES) {
    const original = readFileSync(sourcePath(source));
    const range = scriptRange(source);
    const covered = intersect(woff2CodePoints(original), range);

    it(`${source.family}: the first slice holds every character the study and the catalogues use`, () => {
      const font = manifestFont(source.family);
      const firstFile = fileCodePoints(sliceOf(font, 'first').file);
      const firstDeclared = parseUnicodeRange(sliceOf(font, 'first').unicodeRange);
      assert.deepEqual(missingFromFirst(used, covered, firstFile), [], `characters missing from the first slice's file; ${REBUILD_FONTS}`);
      assert.deepEqual(
        missingFromFirst(used, covered, firstDeclared),
        [],
        `characters missing from the first slice's unicode-range; ${REBUILD_FONTS}`,
      );
      const extras = [...intersect(EXTRA_CODE_POINTS, covered)].filter((c) => !firstFile.has(c)).map(describeCodePoint);
      assert.deepEqual(extras, [], `digits, punctuation or marks missing from the first slice; ${REBUILD_FONTS}`);
      // The check itself: a character of the rest slice reported as missing when a text would use it.
      const fromRest = [...parseUnicodeRange(sliceOf(font, 'rest').unicodeRange)][0]!;
      assert.equal(missingFromFirst(new Map([[fromRest, 'a new text']]), covered, firstFile).length, 1);
    });

    it(`${source.family}: first and rest together cover exactly what the original covers, without overlap`, () => {
      const font = manifestFont(source.family);
      assert.equal(
        font.sourceSha256,
        createHash('sha256').update(original).digest('hex'),
        `${source.package} changed since the slices were made; ${REBUILD_FONTS}`,
      );
      assert.deepEqual(
        font.slices.map((s) => s.name),
        ['first', 'rest'],
      );
      const declared = font.slices.map((s) => parseUnicodeRange(s.unicodeRange));
      font.slices.forEach((s, i) => {
        const inFile = intersect(fileCodePoints(s.file), range);
        assert.deepEqual(
          [...minus(inFile, declared[i]!)].map(describeCodePoint),
          [],
          `${s.file} has characters its unicode-range does not declare`,
        );
        assert.deepEqual(
          [...minus(declared[i]!, inFile)].map(describeCodePoint),
          [],
          `${s.file}'s unicode-range declares characters it lacks`,
        );
        assert.equal(readFileSync(new URL(`../../src/web/fonts/${s.file}`, import.meta.url)).byteLength, s.bytes);
      });
      assert.deepEqual(
        [...intersect(declared[0]!, declared[1]!)].map(describeCodePoint),
        [],
        'the slices overlap: a page would fetch both',
      );
      const union = new Set([...declared[0]!, ...declared[1]!]);
      assert.deepEqual([...minus(covered, union)].map(describeCodePoint), [], 'characters of the original font are in neither slice');
      assert.ok(
        sliceOf(font, 'first').bytes < 0.4 * font.sourceBytes,
        `the first slice (${sliceOf(font, 'first').bytes} bytes) should be far smaller than the original (${font.sourceBytes})`,
      );
    });

    it(`${source.family}: the names file holds every character of the language names in its script, and only those`, () => {
      const font = manifestFont(source.family);
      const { names } = font;
      const wanted = intersect(languageNameCodePoints(), covered);
      assert.ok(wanted.size > 0, 'a language name is written in this script');
      const inFile = intersect(fileCodePoints(names.file), range);
      assert.deepEqual(
        [...inFile].sort((a, b) => a - b).map(describeCodePoint),
        [...wanted].sort((a, b) => a - b).map(describeCodePoint),
        `the names file's characters; ${REBUILD_FONTS}`,
      );
      assert.equal(names.unicodeRange, formatUnicodeRange(wanted), `the names file's unicode-range; ${REBUILD_FONTS}`);
      assert.equal(readFileSync(new URL(`../../src/web/fonts/${names.file}`, import.meta.url)).byteLength, names.bytes);
      assert.ok(
        names.bytes < 0.35 * sliceOf(font, 'first').bytes,
        `the names file (${names.bytes} bytes) should be far smaller than the first slice`,
      );
    });
  }

  it('ships the SIL Open Font License with the font files', () => {
    const ofl = readFileSync(new URL('../../src/web/fonts/OFL.txt', import.meta.url), 'utf8');
    assert.match(ofl, /SIL OPEN FONT LICENSE Version 1\.1/);
    assert.match(ofl, /Copyright 2022 The Noto Project Authors \(https:\/\/github\.com\/notofonts\/arabic\)/);
    assert.match(ofl, /Copyright 2022 The Noto Project Authors \(https:\/\/github\.com\/notofonts\/ethiopic\)/);
  });
});
