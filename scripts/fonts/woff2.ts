// Reads the character map (cmap) of a WOFF2 font: which code points it has glyphs for. Only what the font
// build and its test need: the table directory, the one Brotli stream, cmap formats 4 and 12.
// Format: https://www.w3.org/TR/WOFF2/ (sections 4 and 5); cmap: OpenType spec, "cmap" table.
import { brotliDecompressSync } from 'node:zlib';

// The 63 tags WOFF2 abbreviates to an index (WOFF2 spec, 5.1, "Known Table Tags").
const KNOWN_TAGS: readonly string[] = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
  'prep',
  'CFF ',
  'VORG',
  'EBDT',
  'EBLC',
  'gasp',
  'hdmx',
  'kern',
  'LTSH',
  'PCLT',
  'VDMX',
  'vhea',
  'vmtx',
  'BASE',
  'GDEF',
  'GPOS',
  'GSUB',
  'EBSC',
  'JSTF',
  'MATH',
  'CBDT',
  'CBLC',
  'COLR',
  'CPAL',
  'SVG ',
  'sbix',
  'acnt',
  'avar',
  'bdat',
  'bloc',
  'bsln',
  'cvar',
  'fdsc',
  'feat',
  'fmtx',
  'fvar',
  'gvar',
  'hsty',
  'just',
  'lcar',
  'mort',
  'morx',
  'opbd',
  'prop',
  'trak',
  'Zapf',
  'Silf',
  'Glat',
  'Gloc',
  'Feat',
  'Sill',
];

/** Decompresses the font's tables: tag → bytes (transformed tables, glyf/loca/hmtx, stay transformed). */
export function woff2Tables(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x774f4632) throw new Error('not a WOFF2 file (signature is not wOF2)');
  if (view.getUint32(4) === 0x74746366) throw new Error('WOFF2 font collections are not supported');
  const numTables = view.getUint16(12);
  const compressedLength = view.getUint32(20);
  let pos = 48;
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = view.getUint8(pos++);
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('UIntBase128 longer than 5 bytes');
  };
  const entries: { tag: string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = view.getUint8(pos++);
    const tagIndex = flags & 0x3f;
    let tag: string;
    if (tagIndex === 63) {
      tag = String.fromCharCode(...bytes.subarray(pos, pos + 4));
      pos += 4;
    } else {
      tag = KNOWN_TAGS[tagIndex]!;
    }
    const version = flags >> 6;
    const origLength = base128();
    // glyf and loca are transformed at version 0; every other table is transformed at a non-zero version.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    entries.push({ tag, length: transformed ? base128() : origLength });
  }
  const data = brotliDecompressSync(bytes.subarray(pos, pos + compressedLength));
  const tables = new Map<string, Uint8Array>();
  let offset = 0;
  for (const e of entries) {
    tables.set(e.tag, data.subarray(offset, offset + e.length));
    offset += e.length;
  }
  return tables;
}

/** The code points a WOFF2 font maps to a glyph other than .notdef (Unicode cmap subtables, formats 4 and 12). */
export function woff2CodePoints(bytes: Uint8Array): Set<number> {
  const cmap = woff2Tables(bytes).get('cmap');
  if (!cmap) throw new Error('the font has no cmap table');
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const out = new Set<number>();
  const numSubtables = view.getUint16(2);
  for (let i = 0; i < numSubtables; i++) {
    const platform = view.getUint16(4 + i * 8);
    const encoding = view.getUint16(6 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = view.getUint32(8 + i * 8);
    const format = view.getUint16(at);
    if (format === 4) readFormat4(view, at, out);
    else if (format === 12) readFormat12(view, at, out);
  }
  return out;
}

function readFormat4(view: DataView, at: number, out: Set<number>): void {
  const segCount = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (c + delta) & 0xffff;
      } else {
        const g = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}

function readFormat12(view: DataView, at: number, out: Set<number>): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const start = view.getUint32(at + 16 + g * 12);
    const end = view.getUint32(at + 20 + g * 12);
    const glyph = view.getUint32(at + 24 + g * 12);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
  }
}
