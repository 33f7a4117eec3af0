// The served fonts are cut into a "first" slice with the characters of our texts and a "rest" slice with
// everything else (scripts/fonts/build.ts). This fails when a text gains a character the first slice lacks:
// run `npx tsx scripts/fonts/build.ts` again. It also checks that the two slices together still cover every
// character the original font covered, that the tiny "names" files hold the language names, and that pages
// declare each file where intended: the names files on the language choice only.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { languageNameCodePoints, textCodePoints, EXTRA_CODE_POINTS } from '../../scripts/fonts/characters.ts';
import { FONT_SOURCES, scriptRange, sourcePath } from '../../scripts/fonts/sources.ts';
import { describeCodePoint, formatUnicodeRange, intersect, minus, parseUnicodeRange } from '../../scripts/fonts/unicode.ts';
import { woff2CodePoints } from '../../scripts/fonts/woff2.ts';
import { FONT_MANIFEST, type SlicedFont } from '../../src/web/fonts.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, testApp } from '../support/http.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REBUILD = 'run `npx tsx scripts/fonts/build.ts` (see its header) and commit src/web/fonts/';
const fileCodePoints = (file: string): Set<number> => woff2CodePoints(readFileSync(new URL(`../../src/web/fonts/${file}`, import.meta.url)));
const manifestFont = (family: string): SlicedFont => {
  const font = FONT_MANIFEST.fonts.find((f) => f.family === family);
  assert.ok(font, `src/web/fonts/slices.json has no ${family}; ${REBUILD}`);
  return font;
};
const slice = (font: SlicedFont, name: string) => {
  const s = font.slices.find((x) => x.name === name);
  assert.ok(s, `${font.family} has no ${name} slice`);
  return s;
};

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
      const firstFile = fileCodePoints(slice(font, 'first').file);
      const firstDeclared = parseUnicodeRange(slice(font, 'first').unicodeRange);
      assert.deepEqual(missingFromFirst(used, covered, firstFile), [], `characters missing from the first slice's file; ${REBUILD}`);
      assert.deepEqual(missingFromFirst(used, covered, firstDeclared), [], `characters missing from the first slice's unicode-range; ${REBUILD}`);
      const extras = [...intersect(EXTRA_CODE_POINTS, covered)].filter((c) => !firstFile.has(c)).map(describeCodePoint);
      assert.deepEqual(extras, [], `digits, punctuation or marks missing from the first slice; ${REBUILD}`);
      // The check itself: a character of the rest slice reported as missing when a text would use it.
      const fromRest = [...parseUnicodeRange(slice(font, 'rest').unicodeRange)][0]!;
      assert.equal(missingFromFirst(new Map([[fromRest, 'a new text']]), covered, firstFile).length, 1);
    });

    it(`${source.family}: first and rest together cover exactly what the original covers, without overlap`, () => {
      const font = manifestFont(source.family);
      assert.equal(font.sourceSha256, createHash('sha256').update(original).digest('hex'), `${source.package} changed since the slices were made; ${REBUILD}`);
      assert.deepEqual(font.slices.map((s) => s.name), ['first', 'rest']);
      const declared = font.slices.map((s) => parseUnicodeRange(s.unicodeRange));
      font.slices.forEach((s, i) => {
        const inFile = intersect(fileCodePoints(s.file), range);
        assert.deepEqual([...minus(inFile, declared[i]!)].map(describeCodePoint), [], `${s.file} has characters its unicode-range does not declare`);
        assert.deepEqual([...minus(declared[i]!, inFile)].map(describeCodePoint), [], `${s.file}'s unicode-range declares characters it lacks`);
        assert.equal(readFileSync(new URL(`../../src/web/fonts/${s.file}`, import.meta.url)).byteLength, s.bytes);
      });
      assert.deepEqual([...intersect(declared[0]!, declared[1]!)].map(describeCodePoint), [], 'the slices overlap: a page would fetch both');
      const union = new Set([...declared[0]!, ...declared[1]!]);
      assert.deepEqual([...minus(covered, union)].map(describeCodePoint), [], 'characters of the original font are in neither slice');
      assert.ok(slice(font, 'first').bytes < 0.4 * font.sourceBytes, `the first slice (${slice(font, 'first').bytes} bytes) should be far smaller than the original (${font.sourceBytes})`);
    });

    it(`${source.family}: the names file holds every character of the language names in its script, and only those`, () => {
      const font = manifestFont(source.family);
      const { names } = font;
      const wanted = intersect(languageNameCodePoints(), covered);
      assert.ok(wanted.size > 0, 'a language name is written in this script');
      const inFile = intersect(fileCodePoints(names.file), range);
      assert.deepEqual([...inFile].sort((a, b) => a - b).map(describeCodePoint), [...wanted].sort((a, b) => a - b).map(describeCodePoint), `the names file's characters; ${REBUILD}`);
      assert.equal(names.unicodeRange, formatUnicodeRange(wanted), `the names file's unicode-range; ${REBUILD}`);
      assert.equal(readFileSync(new URL(`../../src/web/fonts/${names.file}`, import.meta.url)).byteLength, names.bytes);
      assert.ok(names.bytes < 0.35 * slice(font, 'first').bytes, `the names file (${names.bytes} bytes) should be far smaller than the first slice`);
    });
  }

  it('ships the SIL Open Font License with the font files', () => {
    const ofl = readFileSync(new URL('../../src/web/fonts/OFL.txt', import.meta.url), 'utf8');
    assert.match(ofl, /SIL OPEN FONT LICENSE Version 1\.1/);
    assert.match(ofl, /Copyright 2022 The Noto Project Authors \(https:\/\/github\.com\/notofonts\/arabic\)/);
    assert.match(ofl, /Copyright 2022 The Noto Project Authors \(https:\/\/github\.com\/notofonts\/ethiopic\)/);
  });
});

describe('font slices on pages', () => {
  let t: TestDatabase;
  let browser: Browser;
  before(async () => {
    t = await openTestDatabase();
    browser = new Browser(testApp(t));
  });
  after(async () => t.close());

  it('declares both slices with their unicode-range and puts the served font first on ar and ti pages', async () => {
    for (const [lang, family] of [['ar', 'Noto Sans Arabic'], ['ti', 'Noto Sans Ethiopic']] as const) {
      const html = await (await browser.request(`/${lang}`)).text();
      const font = manifestFont(family);
      for (const s of font.slices) {
        assert.ok(html.includes(`url(/fonts/${s.file}) format('woff2');unicode-range:${s.unicodeRange}}`), `${lang}: ${s.name} slice declared`);
      }
      assert.match(html, new RegExp(`body\\{font-family:'${family}',system-ui,`));
      assert.equal((await browser.request(`/fonts/${slice(font, 'rest').file}`)).status, 200);
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
      assert.deepEqual(declared, fonts.map((f) => f.names.file), `${path}: the names files only, not the 28 KB of first slices`);
      for (const [lang, family] of [['ar', 'Noto Sans Arabic'], ['ti', 'Noto Sans Ethiopic']] as const) {
        const { names } = manifestFont(family);
        assert.ok(html.includes(`src:local('${family}'),local('${family.replaceAll(' ', '')}-Regular'),url(/fonts/${names.file}) format('woff2');unicode-range:${names.unicodeRange}}`), `${path}: ${family} names face, local() first`);
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
