// The published report's figures as test expectations: each figure's caption N (published-captions.json) and
// the percentages the report's text quotes for it (figure-quotes.json), both from ../shared/research, compared
// with figures as `report figures --json` prints them. Used by the report build test and the demo acceptance test.
import { readFileSync } from 'node:fs';

type Cell = number | '<1' | null;

/** A figure as printed (report.json `figures`). */
export interface PrintedFigureLike {
  readonly N: number;
  readonly categories: readonly string[];
  readonly bars: readonly { readonly label: string; readonly group?: string; readonly N: number; readonly percent: readonly Cell[] }[];
}

const json = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;

const CAPTIONS = json<{ figures: { id: string; caption: string; N: number; meanN: boolean }[] }>(
  '../fixtures/report/published-captions.json',
);
const QUOTES = json<{
  figures: Record<string, { quotes: { bar: string | string[]; segments: (number | string)[]; value: number; line: number }[] }>;
}>('../fixtures/report/figure-quotes.json');
const SPEC = json<{ figures: { id: string; rows?: (number | { code: number })[] }[] }>('../../studies/inburgeraars/report.json');

/**
 * Caption Ns that contradict the published tables or the questionnaires' routing, so no data set can give
 * them (figures.md's own checks and the tables' Ns; docs/demo-data.md).
 */
export const CONTRADICTED_N: Readonly<Record<string, string>> = {
  '3.2': 'Q3.07 by type and gender of Wi2021: Tabel 3.7 and 2.10 put at least 4.184 answers in its bars',
  '3.4': 'Q3.08 follows Q3.07 = (heel) moeilijk: about 1.834 Wi2021 respondents of Tabel 3.7 see it',
  '3.5': 'the same question, route by type: at most about 1.834',
  '3.6': 'the same question, by cohort: at most about 1.834',
  '4.13': 'Wi2021-asiel by gender: 2.789 answers of 2.651 respondents',
  '4.24': "gemiddelde N of all four groups (Tabel 4.6); Wi2021-asiel's own answers average 1.571",
  '7.5': 'Wi2021-gezin: 2.452 answers (Tabel 7.7 over three groups) of 1.768 respondents',
  '8.2': 'Wi2021 by exam level: Tabel 8.3 counts 997 Wi2021 answers',
  'B.4.11': 'Wi2021-gezin by gender: Tabel B.4.5-B.4.7 average 724 answers, not 734',
};

/** Figures whose N differs from the caption, as "id: got ≠ published". */
export function figureNMisses(figures: Readonly<Record<string, PrintedFigureLike>>): string[] {
  return CAPTIONS.figures.filter((f) => figures[f.id]?.N !== f.N).map((f) => `${f.id}: ${figures[f.id]?.N} ≠ ${f.N}`);
}

/** Every figure of the published report (79). */
export const PUBLISHED_FIGURE_COUNT = CAPTIONS.figures.length;

const value = (cell: Cell | undefined): number => (cell === '<1' ? 0 : (cell ?? 0));

/**
 * How many of the percentages the report's text quotes for its figures (figures.md, line by line) the
 * figures give within 1 point. A quote names bars (one, several pooled by their N, or "*" for all) and
 * segments (answer codes, summed; column labels for a figure of sizes).
 */
export function quoteAgreement(figures: Readonly<Record<string, PrintedFigureLike>>): { within: number; total: number; misses: string[] } {
  let within = 0;
  let total = 0;
  const misses: string[] = [];
  for (const [id, { quotes }] of Object.entries(QUOTES.figures)) {
    const figure = figures[id];
    const spec = SPEC.figures.find((f) => f.id === id);
    if (!figure || !spec) continue;
    const segmentOf = (s: number | string): number =>
      typeof s === 'string' ? figure.categories.indexOf(s) : (spec.rows ?? []).findIndex((r) => (typeof r === 'number' ? r : r.code) === s);
    for (const quote of quotes) {
      total++;
      const names = quote.bar === '*' ? null : Array.isArray(quote.bar) ? quote.bar : [quote.bar];
      const bars = figure.bars.filter((b) => {
        const full = b.group ? `${b.group}, ${b.label}` : b.label;
        return names === null || names.includes(b.label) || names.includes(full) || (b.group !== undefined && names.includes(b.group));
      });
      const n = bars.reduce((sum, b) => sum + b.N, 0);
      const got =
        n === 0
          ? NaN
          : bars.reduce((sum, b) => sum + b.N * quote.segments.reduce<number>((s, k) => s + value(b.percent[segmentOf(k)]), 0), 0) / n;
      if (Math.abs(got - quote.value) <= 1) within++;
      else
        misses.push(
          `figure ${id} (line ${quote.line}): ${JSON.stringify(quote.bar)} ${quote.segments.join('+')} = ${got.toFixed(1)}, report ${quote.value}`,
        );
    }
  }
  return { within, total, misses };
}
