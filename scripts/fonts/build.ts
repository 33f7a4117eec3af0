// Cuts the served fonts into two unicode-range slices each, the way Google Fonts slices large fonts:
//   first: exactly the characters our texts use (scripts/fonts/characters.ts), small, on every ar/ti page;
//   rest:  every other character of the original file, fetched only when a page shows one (typed answers).
// Together they cover what the original covered. Apart from them, a tiny "names" file per font holds only the
// characters of the languages' native names, for the language choice page: a Dutch page that must show
// "العربية" and "ትግርኛ" on a phone without those scripts, without the weight of the first slices.
// OpenType layout (GSUB/GPOS: Arabic joining forms, ligatures, mark positioning) is kept with its glyph
// closure in every file. Writes src/web/fonts/: the woff2 files (content hash in the name, since they are
// cached for a year), slices.json (read by src/web/fonts.ts) and OFL.txt.
//
// Run after changing a questionnaire, the landing or study file, or a message catalogue:
//   npx tsx scripts/fonts/build.ts
// It needs fontTools with Brotli (pyftsubset): apt-get install -y python3-fonttools python3-brotli
// (or pip install fonttools brotli); set PYTHON to choose the interpreter. Nothing runs at npm install.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstSliceCodePoints, languageNameCodePoints } from './characters.ts';
import { FONT_SOURCES, licencePath, packageVersion, scriptRange, sourcePath, type FontSource } from './sources.ts';
import { formatUnicodeRange, intersect, minus } from './unicode.ts';
import { woff2CodePoints } from './woff2.ts';
import type { FontSlice, SliceManifest, SlicedFont } from '../../src/web/fonts.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'src', 'web', 'fonts');

function findPython(): string {
  const candidates = [process.env['PYTHON'], 'python3', '/usr/bin/python3', 'python'].filter((p): p is string => !!p);
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import fontTools.subset, brotli'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  throw new Error(
    'fontTools with Brotli not found: apt-get install -y python3-fonttools python3-brotli (or pip install fonttools brotli), or set PYTHON',
  );
}

/** pyftsubset: the given code points, all layout features with their closure, all name records (copyright, licence). */
function subset(python: string, source: string, codePoints: ReadonlySet<number>, output: string): void {
  execFileSync(
    python,
    [
      '-m',
      'fontTools.subset',
      source,
      `--unicodes=${formatUnicodeRange(codePoints)}`,
      '--layout-features=*',
      '--name-IDs=*',
      '--name-languages=*',
      '--name-legacy',
      '--notdef-outline',
      '--flavor=woff2',
      `--output-file=${output}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function build(python: string, source: FontSource, wanted: ReadonlySet<number>, names: ReadonlySet<number>, work: string): SlicedFont {
  const original = readFileSync(sourcePath(source));
  const all = woff2CodePoints(original);
  const range = scriptRange(source);
  const covered = intersect(all, range);
  // Code points outside the script range (NUL, CR, space, no-break space) stay in every file as in the
  // original; the browser never asks these faces for them.
  const outside = minus(all, range);
  const cut = (name: string, codePoints: ReadonlySet<number>): FontSlice => {
    const tmp = join(work, `${source.slug}-${name}.woff2`);
    subset(python, sourcePath(source), new Set([...codePoints, ...outside]), tmp);
    const bytes = readFileSync(tmp);
    const got = intersect(woff2CodePoints(bytes), range);
    if (formatUnicodeRange(got) !== formatUnicodeRange(codePoints))
      throw new Error(`${source.family} ${name}: the subset maps other characters than asked`);
    const file = `${source.slug}-400-${name}.${sha256(bytes).slice(0, 8)}.woff2`;
    writeFileSync(join(OUT, file), bytes);
    return { name, file, bytes: bytes.byteLength, unicodeRange: formatUnicodeRange(got) };
  };
  const first = intersect(wanted, covered);
  const fromNames = intersect(names, covered);
  if (fromNames.size === 0) throw new Error(`${source.family}: no language name uses its script, so it needs no names file`);
  return {
    family: source.family,
    weight: 400,
    source: `${source.package}@${packageVersion(source)} files/${sourcePath(source).split('/').pop()}`,
    sourceSha256: sha256(original),
    sourceBytes: original.byteLength,
    slices: [cut('first', first), cut('rest', minus(covered, first))],
    names: cut('names', fromNames),
  };
}

function licence(): string {
  const texts = FONT_SOURCES.map((s) => readFileSync(licencePath(s), 'utf8'));
  const [copyrights, bodies] = [texts.map((t) => t.split('\n')[0]!), texts.map((t) => t.split('\n').slice(1).join('\n'))];
  if (new Set(bodies).size !== 1) throw new Error('the fonts come with different licence texts; write OFL.txt by hand');
  return [
    'The .woff2 files in this folder are subsets of Noto Sans Arabic and Noto Sans Ethiopic (regular), made by',
    'scripts/fonts/build.ts with fontTools from the files of the @fontsource packages. They are Modified Versions',
    'under the SIL Open Font License 1.1 below; the Noto fonts declare no Reserved Font Name.',
    '',
    ...copyrights,
    bodies[0]!,
  ].join('\n');
}

const python = findPython();
const work = mkdtempSync(join(tmpdir(), 'perspectief-fonts-'));
try {
  mkdirSync(OUT, { recursive: true });
  for (const name of readdirSync(OUT)) if (name.endsWith('.woff2')) unlinkSync(join(OUT, name));
  const wanted = firstSliceCodePoints(ROOT);
  const manifest: SliceManifest = {
    note: 'Written by scripts/fonts/build.ts; run it again after changing the study texts or the catalogues.',
    fonts: FONT_SOURCES.map((source) => build(python, source, wanted, languageNameCodePoints(), work)),
  };
  writeFileSync(join(OUT, 'slices.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(OUT, 'OFL.txt'), licence());
  for (const font of manifest.fonts) {
    console.log(
      `${font.family}: ${font.sourceBytes} bytes → ${[...font.slices, font.names].map((s) => `${s.name} ${s.bytes} bytes (${s.file})`).join(', ')}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
