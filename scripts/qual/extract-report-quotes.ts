// Extracts every attributed quote of the published report (../shared/seed/…txt) with the section and the
// pattern (❖ heading) it illustrates, and the report's summary boxes. Run by hand when the seed changes:
//   npx tsx scripts/qual/extract-report-quotes.ts ../shared/seed/000_238186cbd99b1f1e.txt
// Writes test/fixtures/qual/report-quotes.json (the expectation: text and attribution as printed) and
// src/demo/qual-report.json (the demo corpus's input: the same quotes, the patterns and the boxes).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAttribution, type ParsedAttribution } from './attribution-parse.ts';

interface Heading {
  readonly line: number;
  readonly section: string | null;
  readonly title: string;
  readonly pattern: boolean;
}

export interface ExtractedQuote {
  readonly line: number;
  readonly section: string;
  readonly pattern: string;
  readonly text: string;
  readonly attribution: string;
  readonly parsed: ParsedAttribution;
}

export interface ExtractedBox {
  readonly label: string;
  readonly section: string;
  readonly title: string;
  readonly items: { heading: string; text: string }[];
}

const clean = (s: string): string =>
  s
    .replace(/[*#]/g, '')
    .replace(/^\s*❖\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();

function headings(lines: readonly string[]): Heading[] {
  const out: Heading[] = [];
  lines.forEach((raw, i) => {
    const pattern = raw.includes('❖');
    if (!raw.startsWith('#') && !pattern) return;
    if (raw.startsWith('#') && /Box \d/.test(raw)) return;
    const title = clean(raw);
    const m = /^(\d+(?:\.\d+)+)\s/.exec(title);
    out.push({ line: i + 1, section: m ? m[1]! : null, title, pattern });
  });
  return out;
}

/** The numeric section and the pattern (the last ❖ heading in that section) a line falls under. */
function placeOf(hs: readonly Heading[], line: number): { section: string; pattern: string } {
  let section = '';
  let sectionTitle = '';
  let pattern = '';
  for (const h of hs) {
    if (h.line > line) break;
    if (h.section) {
      section = h.section;
      sectionTitle = h.title;
      pattern = '';
    } else if (h.pattern) pattern = h.title;
  }
  return { section, pattern: pattern || sectionTitle };
}

const ATTRIBUTION = /\(\s*(?:participant interviews:\s*)?(?:man|vrouw)\b[^()]*\)/gi;

export function extractQuotes(text: string): ExtractedQuote[] {
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let pos = 0;
  for (const l of lines) {
    lineStarts.push(pos);
    pos += l.length + 1;
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const hs = headings(lines);
  const quotes: ExtractedQuote[] = [];
  let lastEnd = 0;
  for (const m of text.matchAll(ATTRIBUTION)) {
    const at = m.index;
    const before = text.slice(Math.max(lastEnd, at - 12), at);
    const close = /["”]\*?[ \t]*$/.exec(before);
    if (!close) continue; // "(vrouw)" in a regression table, or an attribution without its quote
    const closeAt = at - before.length + close.index;
    // The opening quote: the last quote mark after the previous quote that opens a word.
    const region = text.slice(lastEnd, closeAt);
    let open = -1;
    for (const o of region.matchAll(/(^|[\s*:(\u2018[])["“](?=\S)/g)) open = o.index + o[1]!.length;
    if (open < 0) continue;
    const body = region
      .slice(open + 1)
      .replace(/\*\s*\n\s*\n\s*\*?/g, ' ')
      .replace(/\s*\n\s*\n\s*/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^\*|\*$/g, '')
      .trim();
    const attribution = m[0].replace(/\s+/g, ' ');
    const line = lineOf(at);
    const place = placeOf(hs, line);
    if (body.length > 0) quotes.push({ line, ...place, text: body, attribution, parsed: parseAttribution(attribution) });
    lastEnd = at + m[0].length;
  }
  return quotes;
}

export function extractBoxes(text: string): ExtractedBox[] {
  const lines = text.split('\n');
  const boxes: ExtractedBox[] = [];
  let current: ExtractedBox | null = null;
  let item: { heading: string; text: string } | null = null;
  for (const raw of lines) {
    const box = /^#+\s*Box (\d+)\.(\d+) (Samenvattend: .*?)(\s*\(vervolg\))?\s*$/.exec(raw);
    if (box) {
      const label = `Box ${box[1]}.${box[2]}`;
      const again = boxes.find((b) => b.label === label);
      current = again ?? { label, section: '', title: box[3]!.trim(), items: [] };
      if (!again) boxes.push(current);
      // "(vervolg)": the box goes on where it left off.
      item = again ? (again.items.at(-1) ?? null) : null;
      continue;
    }
    if (!current) continue;
    if (/^#+\s/.test(raw) && !raw.includes('❖')) {
      current = null;
      continue;
    }
    if (raw.includes('❖')) {
      item = { heading: clean(raw), text: '' };
      current.items.push(item);
    } else if (/^- /.test(raw) && (item === null || item.heading === '')) {
      // A box of plain bullets (Box 6.1, 7.1): each top-level bullet is an item of its own.
      item = { heading: '', text: clean(raw.replace(/^- /, '')) };
      current.items.push(item);
    } else if (item && raw.trim() !== '') item.text = `${item.text} ${clean(raw.replace(/^\s*-\s*/, ''))}`.trim();
  }
  return boxes;
}

function main(seedPath: string): void {
  const text = readFileSync(seedPath, 'utf8');
  const quotes = extractQuotes(text);
  const hs = headings(text.split('\n'));
  // A box belongs to the section it stands in.
  const boxes = extractBoxes(text).map((b) => {
    const line = text.split('\n').findIndex((l) => l.includes(b.label)) + 1;
    return { ...b, section: placeOf(hs, line).section.split('.').slice(0, 2).join('.') };
  });
  writeFileSync(
    'test/fixtures/qual/report-quotes.json',
    JSON.stringify(
      quotes.map((q) => ({ line: q.line, section: q.section, text: q.text, attribution: q.attribution })),
      null,
      1,
    ) + '\n',
  );
  const patterns = [...new Map(quotes.map((q) => [`${q.section}\u0000${q.pattern}`, { section: q.section, name: q.pattern }])).values()];
  const sections: Record<string, string> = {};
  for (const h of hs) if (h.section && !(h.section in sections)) sections[h.section] = h.title.slice(h.section.length).trim();
  writeFileSync(
    'src/demo/qual-report.json',
    JSON.stringify({ source: 'Onderzoek perspectief inburgeraars (2025), chapters 3-8', sections, patterns, quotes, boxes }, null, 1) +
      '\n',
  );
  process.stderr.write(`${quotes.length} quotes, ${patterns.length} patterns, ${boxes.length} boxes\n`);
}

const seed = process.argv[2];
if (seed) main(seed);
