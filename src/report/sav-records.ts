// The dictionary part of an SPSS system file, record by record as PSPP's documentation of the format
// describes it: file header, variable records (with continuation and segment records for strings), value
// labels, documents, the extension records (7.3, 7.4, 7.11, 7.13, 7.14, 7.20, 7.21) and the terminator.
// All text is UTF-8 and says so (7.3 character code 65001, 7.20 "UTF-8").
import { ByteBuilder, extensionRecord } from './sav-bytes.ts';
import { caseUnits, type SavVariable } from './sav-dictionary.ts';
import { assertNever, roundUp8 } from './sav-layout.ts';
import { truncateUtf8, utf8Length, utf8Padded } from './utf8.ts';

export interface SavHeader {
  readonly compressed: boolean;
  /** -1 when unknown. */
  readonly cases: number;
  readonly created: Date;
  readonly fileLabel: string;
  readonly documents: readonly string[];
}

/** Byte offset of the case count in the file header, for writers that fill it in afterwards. */
export const CASES_OFFSET = 80;

const PRODUCT = '@(#) SPSS DATA FILE Perspectief';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');
/** The compression bias: whole numbers from -99 to 151 are stored as one byte code (value + 100). */
export const BIAS = 100;

function header(out: ByteBuilder, plan: readonly SavVariable[], h: SavHeader): void {
  const d = h.created;
  out
    .fixed('$FL2', 4)
    .fixed(PRODUCT, 60)
    .i32(2) // layout code: little-endian
    .i32(caseUnits(plan))
    .i32(h.compressed ? 1 : 0)
    .i32(0) // no weight variable
    .i32(h.cases)
    .f64(BIAS)
    .fixed(`${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCFullYear() % 100)}`, 9)
    .fixed(`${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`, 8)
    .fixed(truncateUtf8(h.fileLabel, 64), 64)
    .fixed('', 3, 0);
}

function missingValues(v: SavVariable): number[] {
  const m = v.missing;
  switch (m.kind) {
    case 'none':
      return [];
    case 'discrete':
      return [...m.values];
    case 'range':
      return m.extra === undefined ? [m.low, m.high] : [m.low, m.high, m.extra];
    default:
      return assertNever(m);
  }
}

function missingCode(v: SavVariable): number {
  const m = v.missing;
  if (m.kind === 'range') return m.extra === undefined ? -2 : -3;
  return m.kind === 'discrete' ? m.values.length : 0;
}

/** Variable records of one variable: each segment, each followed by its continuation records (type -1). */
function variableRecords(out: ByteBuilder, v: SavVariable): void {
  v.segments.forEach((width, k) => {
    const first = k === 0;
    const hasLabel = first && v.label !== '';
    out
      .i32(2)
      .i32(width)
      .i32(hasLabel ? 1 : 0)
      .i32(first ? missingCode(v) : 0)
      .i32(v.formats[k]!)
      .i32(v.formats[k]!)
      .fixed(v.shortNames[k]!, 8);
    if (hasLabel) {
      const length = utf8Length(v.label);
      out.i32(length).fixed(v.label, Math.ceil(length / 4) * 4);
    }
    if (first) for (const value of missingValues(v)) out.f64(value);
    for (let c = 1; c < roundUp8(width) / 8; c++) out.i32(2).i32(-1).i32(0).i32(0).i32(0).i32(0).fixed('', 8);
  });
}

/** Value labels of numeric and short (up to 8 bytes) string variables: a type 3 record and its type 4. */
function valueLabelRecords(out: ByteBuilder, v: SavVariable, index: number): void {
  out.i32(3).i32(v.valueLabels.length);
  for (const { value, label } of v.valueLabels) {
    if (typeof value === 'number') out.f64(value);
    else out.fixed(value, 8);
    const length = utf8Length(label);
    out.u8(length).fixed(label, roundUp8(length + 1) - 1);
  }
  out.i32(4).i32(1).i32(index);
}

/** Document lines: each input line cut (at a character boundary) into 80-byte lines. */
function documentLines(documents: readonly string[]): string[] {
  const lines: string[] = [];
  for (const doc of documents)
    for (let rest of doc.split(/\r?\n/)) {
      do {
        const line = truncateUtf8(rest, 80);
        lines.push(line);
        rest = rest.slice(line.length);
      } while (rest.length > 0);
    }
  return lines;
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

function extensionRecords(out: ByteBuilder, plan: readonly SavVariable[]): void {
  // 7.3 machine integer info: version 1.0.0, machine -1, IEEE 754, compression 1, little-endian, UTF-8.
  const ints = new ByteBuilder();
  for (const n of [1, 0, 0, -1, 1, 1, 2, 65001]) ints.i32(n);
  extensionRecord(out, 3, 4, ints.toBuffer());
  // 7.4 machine floating-point info: SYSMIS, HIGHEST, LOWEST.
  const floats = new ByteBuilder().f64(-Number.MAX_VALUE).f64(Number.MAX_VALUE).f64(-Number.MAX_VALUE);
  extensionRecord(out, 4, 8, floats.toBuffer());
  // 7.11 display parameters: measure, width, alignment for every segment.
  const display = new ByteBuilder();
  for (const v of plan) for (const _ of v.segments) display.i32(v.measure).i32(v.displayWidth).i32(v.alignment);
  extensionRecord(out, 11, 4, display.toBuffer());
  // 7.13 long variable names: SHORT=Long, tab-separated.
  extensionRecord(out, 13, 1, text(plan.map((v) => `${v.shortNames[0]}=${v.name}`).join('\t')));
  // 7.14 very long strings: SHORT=00600, each followed by NUL and tab.
  const veryLong = plan.filter((v) => v.segments.length > 1);
  if (veryLong.length > 0)
    extensionRecord(out, 14, 1, text(veryLong.map((v) => `${v.shortNames[0]}=${String(v.width).padStart(5, '0')}\0\t`).join('')));
  // 7.20 character encoding.
  extensionRecord(out, 20, 1, text('UTF-8'));
  // 7.21 value labels of strings wider than 8 bytes: name, width, then each value padded to the width.
  const longLabelled = plan.filter((v) => v.type === 'string' && v.width > 8 && v.valueLabels.length > 0);
  if (longLabelled.length > 0) {
    const body = new ByteBuilder();
    for (const v of longLabelled) {
      body.i32(utf8Length(v.name)).bytes(text(v.name)).i32(v.width).i32(v.valueLabels.length);
      for (const { value, label } of v.valueLabels) {
        body.i32(v.width).bytes(utf8Padded(String(value), v.width));
        body.i32(utf8Length(label)).bytes(text(label));
      }
    }
    extensionRecord(out, 21, 1, body.toBuffer());
  }
}

/** Everything before the case data: header, dictionary and the dictionary termination record. */
export function dictionaryBytes(plan: readonly SavVariable[], h: SavHeader): Buffer {
  const out = new ByteBuilder();
  header(out, plan, h);
  for (const v of plan) variableRecords(out, v);
  let index = 1; // dictionary index: 1-based over all variable records, continuations included
  for (const v of plan) {
    if (v.valueLabels.length > 0 && (v.type !== 'string' || v.width <= 8)) valueLabelRecords(out, v, index);
    index += v.caseBytes / 8;
  }
  const lines = documentLines(h.documents);
  if (lines.length > 0) {
    out.i32(6).i32(lines.length);
    for (const line of lines) out.fixed(line, 80);
  }
  extensionRecords(out, plan);
  out.i32(999).i32(0);
  return out.toBuffer();
}
