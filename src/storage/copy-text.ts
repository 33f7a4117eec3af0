// PostgreSQL's COPY text format as it arrives, in chunks of bytes: one row a line, fields split by tabs, `\N` for
// null, and backslash escapes for backslash, tab, newline and the other control characters COPY TO writes
// (PostgreSQL docs, COPY, "Text Format"). Lines are handed on as byte ranges, so a reader can parse numbers
// straight from the bytes and make strings only where it needs them.

/** Splits chunks into lines; a line may span chunks (the backend sends one row a message, but need not). */
export class CopyLines {
  private rest: Buffer | null = null;

  constructor(private readonly onLine: (bytes: Buffer, start: number, end: number) => void) {}

  /** Feeds the next chunk; calls onLine for every line it completes (end: the position of its newline). */
  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.rest) {
      bytes = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    // A loop in JavaScript: lines are short, and a native indexOf per line costs more than the scan.
    let start = 0;
    const length = bytes.length;
    for (let at = 0; at < length; at++) {
      if (bytes[at] !== 10) continue;
      this.onLine(bytes, start, at);
      start = at + 1;
    }
    if (start < length) this.rest = Buffer.from(bytes.subarray(start));
  }

  /** Ends the input: a last line without a newline is an error in the format. */
  end(): void {
    if (this.rest) throw new Error(`COPY output ended inside a line (${this.rest.length} bytes)`);
  }
}

/** Position of the next tab at or after `start` (or `end` when the field is the last one). */
export function fieldEnd(bytes: Buffer, start: number, end: number): number {
  let at = start;
  while (at < end && bytes[at] !== 9) at++;
  return at;
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** A field's text (UTF-8, escapes undone); null for `\N`. */
export function fieldText(bytes: Buffer, start: number, end: number): string | null {
  if (end - start === 2 && bytes[start] === 92 && bytes[start + 1] === 78) return null;
  const raw = bytes.toString('utf8', start, end);
  if (raw.indexOf('\\') < 0) return raw;
  return raw.replace(/\\(.)/g, (_, c: string) => {
    const out = ESCAPES[c];
    if (out === undefined) throw new Error(`unexpected escape \\${c} in COPY output`);
    return out;
  });
}

/**
 * A JSON number written by PostgreSQL (numeric's output: digits, an optional sign and decimal point, never an
 * exponent) as the double JSON.parse would give; NaN when the field is not a number.
 */
export function fieldNumber(bytes: Buffer, start: number, end: number): number {
  let at = start;
  const negative = bytes[at] === 45;
  if (negative) at++;
  if (at === end) return NaN;
  let value = 0;
  // Up to 15 digits a double holds exactly, so the sum is the correctly rounded value; longer ones and
  // decimals go through the engine's own conversion, as JSON.parse would.
  if (end - at <= 15) {
    for (; at < end; at++) {
      const d = (bytes[at] as number) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (at === end) return negative ? -value : value;
  }
  const text = bytes.toString('latin1', start, end);
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}
