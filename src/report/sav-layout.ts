// How one variable is laid out in an SPSS system file, after PSPP's description of the format: string
// widths and their very-long-string segments, print/write formats, and user-missing codes in the form SPSS
// can hold (three discrete values, or a range plus one). Pure arithmetic; no bytes are written here.

/**
 * The widest string written (bytes). SPSS's own limit is 32,767, but R haven 2.5 (ReadStat) drops the last
 * byte of a 32,767-byte value, so values are cut at 32,766 bytes and every reader sees the same text.
 */
export const MAX_STRING_BYTES = 32766;
/** The widest string one variable record holds; wider strings are split into segments. */
export const MAX_SEGMENT_WIDTH = 255;
/** Every segment of a very long string but the last declares width 255 and carries 255 bytes of text. */
export const SEGMENT_CONTENT = 255;

export const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Segment widths of a string variable of `width` bytes: one segment up to 255, else one per 252 bytes. */
export function segmentWidths(width: number): number[] {
  if (width <= MAX_SEGMENT_WIDTH) return [width];
  const n = Math.floor((width + 251) / 252);
  return Array.from({ length: n }, (_, k) => (k < n - 1 ? MAX_SEGMENT_WIDTH : width - (n - 1) * 252));
}

/**
 * The bytes of a string value (at most `width` bytes) split as the segments carry them: 255 bytes in each
 * segment, packed tightly, so concatenating the pieces gives the value back byte for byte. A reader joins
 * the segments before decoding, so a character may cross a segment boundary; it is never dropped or cut.
 */
export function segmentBytes(bytes: Uint8Array, width: number): Uint8Array[] {
  const count = segmentWidths(width).length;
  return Array.from({ length: count }, (_, k) =>
    bytes.subarray(Math.min(k * SEGMENT_CONTENT, bytes.length), Math.min((k + 1) * SEGMENT_CONTENT, bytes.length)),
  );
}

/** Format type codes of the system file (PSPP: "System File Output Formats"). */
export const FORMAT = { A: 1, F: 5, DATE: 20, DATETIME: 22 } as const;

/** A print/write format as the variable record stores it: type, width and decimals in one int32. */
export const formatCode = (type: number, width: number, decimals: number): number => (type << 16) | (width << 8) | decimals;

export type SavMissing =
  | { readonly kind: 'none' }
  | { readonly kind: 'discrete'; readonly values: readonly number[] }
  | { readonly kind: 'range'; readonly low: number; readonly high: number; readonly extra?: number };

/**
 * User-missing codes in a form SPSS can hold: up to three discrete values; otherwise one range over a run
 * of consecutive integers that are all codes (97-99), plus at most one other code. A range never covers a
 * value that is not a code, so no valid answer becomes missing. Undefined when no such form exists.
 */
export function encodeMissing(codes: readonly number[]): SavMissing | undefined {
  const values = [...new Set(codes)].sort((a, b) => a - b);
  if (values.length === 0) return { kind: 'none' };
  if (values.length <= 3) return { kind: 'discrete', values };
  if (!values.every(Number.isInteger)) return undefined;
  // The longest run of consecutive integers; everything outside it must fit in the one extra value.
  let best = { start: 0, length: 1 };
  for (let start = 0; start < values.length;) {
    let end = start;
    while (end + 1 < values.length && values[end + 1] === values[end]! + 1) end++;
    if (end - start + 1 > best.length) best = { start, length: end - start + 1 };
    start = end + 1;
  }
  const rest = values.filter((_, i) => i < best.start || i >= best.start + best.length);
  if (rest.length > 1) return undefined;
  const low = values[best.start]!;
  const high = values[best.start + best.length - 1]!;
  return rest.length === 1 ? { kind: 'range', low, high, extra: rest[0]! } : { kind: 'range', low, high };
}

/** The codes `missing` marks as user-missing, for checks: discrete values, or every integer of the range. */
export function missingCovers(missing: SavMissing, value: number): boolean {
  switch (missing.kind) {
    case 'none':
      return false;
    case 'discrete':
      return missing.values.includes(value);
    case 'range':
      return (value >= missing.low && value <= missing.high) || missing.extra === value;
    default:
      return assertNever(missing);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
