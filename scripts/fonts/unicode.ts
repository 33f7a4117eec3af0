// Sets of code points and the CSS unicode-range syntax ("U+0600-06FF,U+200C"), both ways.

/** Parses a CSS unicode-range list (single code points and ranges; no wildcards). */
export function parseUnicodeRange(range: string): Set<number> {
  const out = new Set<number>();
  for (const part of range.split(',')) {
    const m = /^\s*U\+([0-9A-F]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!m) throw new Error(`not a unicode-range entry: "${part}"`);
    const from = Number.parseInt(m[1]!, 16);
    const to = m[2] === undefined ? from : Number.parseInt(m[2], 16);
    for (let c = from; c <= to; c++) out.add(c);
  }
  return out;
}

const hex = (c: number): string => c.toString(16).toUpperCase().padStart(4, '0');

/** Writes code points as a compact unicode-range list, consecutive runs as ranges, in ascending order. */
export function formatUnicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(',');
}

export const intersect = (a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> => new Set([...a].filter((c) => b.has(c)));
export const minus = (a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> => new Set([...a].filter((c) => !b.has(c)));

/** "U+1234 ሴ" for messages. */
export const describeCodePoint = (c: number): string => `U+${hex(c)} ${String.fromCodePoint(c)}`;
