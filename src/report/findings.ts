// The report's findings: under each table and figure, the differences of 8 points or more between groups (the
// report's own rule for a difference worth a sentence), with the percentages as printed, and those findings
// in plain words from the message catalogue.
import type { Catalog } from '../i18n/catalog.ts';
import { percentText, type PrintedCell, type PrintedFigure, type PrintedFrequency, type ReportLanguage } from './tables-json.ts';

/** One finding: two groups of one category 8 points or more apart, with their printed percentages. */
export interface Finding {
  readonly category: string;
  readonly a: string;
  readonly percentA: PrintedCell;
  readonly b: string;
  readonly percentB: PrintedCell;
  readonly points: number;
}

/** The findings of a printed frequency table (its differences with the percentages as printed), larger first. */
export function tableFindings(table: PrintedFrequency): Finding[] {
  const column = (label: string): number => table.columns.findIndex((c) => c.label === label);
  return table.differences
    .map((d) => {
      const row = table.rows.find((r) => r.label === d.row);
      return findingOf(d.row, d.a, row?.values[column(d.a)] ?? null, d.b, row?.values[column(d.b)] ?? null, d.points);
    })
    .sort(byPoints);
}

/** The findings of a printed figure, larger first. */
export function figureFindings(figure: PrintedFigure): Finding[] {
  const full = (b: PrintedFigure['bars'][number]): string => (b.group ? `${b.group}, ${b.label}` : b.label);
  return figure.differences
    .map((d) => {
      const k = figure.categories.indexOf(d.category);
      const a = figure.bars.find((b) => full(b) === d.a);
      const b = figure.bars.find((x) => full(x) === d.b);
      return findingOf(d.category, d.a, a?.percent[k] ?? null, d.b, b?.percent[k] ?? null, d.points);
    })
    .sort(byPoints);
}

/** The larger percentage first, so a finding reads "62% tegenover 48%". */
function findingOf(category: string, a: string, pa: PrintedCell, b: string, pb: PrintedCell, points: number): Finding {
  const first = points <= 0;
  return first
    ? { category, a, percentA: pa, b, percentB: pb, points: Math.round(Math.abs(points)) }
    : { category, a: b, percentA: pb, b: a, percentB: pa, points: Math.round(Math.abs(points)) };
}

const byPoints = (x: Finding, y: Finding): number => y.points - x.points;

/** Findings in plain words: "Helemaal eens: Wi2021-asiel 62% tegenover Wi2013-gezin 48% (14 procentpunt)". */
export const findingSentences = (findings: readonly Finding[], catalog: Catalog, lang: ReportLanguage): string[] =>
  findings.map((f) =>
    catalog.t(lang, 'report.finding', {
      category: f.category,
      a: f.a,
      pa: percentText(f.percentA),
      b: f.b,
      pb: percentText(f.percentB),
      points: f.points,
    }),
  );
