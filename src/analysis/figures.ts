// The report's figures computed from a wave's dataset: each figure is a frequency table of its item(s) over
// the figure's breakdown, counted by frequencyTables (one banner of crosstabs per figure), and turned on its
// side: a bar per column (per item and column for a figure of several items), a segment per category. A
// figure of sizes counts the breakdown's columns themselves (stats.frequencies over the banner). Numbers only:
// nothing is rounded here; report/tables-json.ts prints them.
import type { LocalizedText } from '../questionnaire/types.ts';
import { frequencies, withMask, withWeights } from '../stats/index.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { FigureSpec } from '../study/report-layout.ts';
import { figureItems, figuresForWave } from '../study/validate-layout.ts';
import { bannerOf } from './banner.ts';
import { maskOf } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { FrequencyResult } from './results.ts';
import { frequencyTables, type FrequencySpec } from './tables-frequency.ts';
import { engineDataset } from './views.ts';

export interface FigureBar {
  readonly label: LocalizedText;
  /** The item's label on a figure of several items (the bars of one item form a group). */
  readonly group: LocalizedText | null;
  /** Who is in the bar, as written in the specification. */
  readonly where: string | null;
  /** Respondents with a valid answer (unweighted). */
  readonly n: number;
  /** Weighted respondents (equal to n without weights). */
  readonly weightedN: number;
  /** Per category: percentage of the bar (weighted when weights), null when the bar is empty. */
  readonly percent: readonly (number | null)[];
  /** Per category: unweighted count. */
  readonly count: readonly (number | null)[];
}

/** Two bars (of one group) whose percentages of one category differ by 8 points or more. */
export interface FigureDifference {
  readonly category: number;
  readonly a: number;
  readonly b: number;
  readonly points: number;
}

export interface FigureResult {
  readonly kind: FigureSpec['kind'];
  readonly id: string;
  readonly title: LocalizedText;
  readonly where: string | null;
  readonly note: LocalizedText | null;
  /** The items the figure draws (none for a figure of sizes). */
  readonly items: readonly string[];
  readonly categories: readonly { readonly code: number | null; readonly label: LocalizedText }[];
  readonly bars: readonly FigureBar[];
  /** Respondents in any bar; for a figure of several items the mean over its items ("gemiddelde N"). */
  readonly n: number;
  readonly meanN: boolean;
  readonly differences: readonly FigureDifference[];
}

export interface ComputedFigures {
  readonly wave: string;
  readonly figures: ReadonlyMap<string, FigureResult>;
  readonly omitted: ReadonlyMap<string, string>;
}

export class FigureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FigureError';
  }
}

/** Every figure of the report specification the wave can draw, in specification order. */
export function computeFigures(
  study: StudyDefinition,
  wave: WaveDefinition,
  data: AnalysisDataset,
  weights: Float64Array | null = null,
): ComputedFigures {
  const spec = study.report;
  if (!spec) throw new FigureError(`the study "${study.id}" has no report specification (study.json "report")`);
  const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
  const { figures, omitted } = figuresForWave(
    spec,
    { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
    wave.id,
  );
  const out = new Map<string, FigureResult>();
  for (const figure of figures) out.set(figure.id, computeFigure(figure, data, weights));
  return { wave: wave.id, figures: out, omitted };
}

/** One figure from a dataset (the explorer can call it with a figure of its own). */
export function computeFigure(figure: FigureSpec, data: AnalysisDataset, weights: Float64Array | null): FigureResult {
  const within = figure.where ? maskOf(figure.where, data) : null;
  const base = {
    kind: figure.kind,
    id: figure.id,
    title: figure.title,
    where: figure.whereText,
    note: figure.note,
    items: figureItems(figure),
  };
  switch (figure.kind) {
    case 'sizes':
      return { ...base, ...sizes(figure, data, within, weights) };
    case 'stacked':
    case 'multiple': {
      const [result] = frequencyTables(
        data,
        [asTable(figure, figure.kind === 'stacked' ? 'frequency' : 'multiple', figure.item, figure.id)],
        within,
        weights,
      );
      if (!result) throw new FigureError(`figure ${figure.id}: nothing computed`);
      return { ...base, ...turned([result], [null]), meanN: false };
    }
    case 'items': {
      const tables = figure.items.map((x, i) => asTable(figure, 'frequency', x.item, `${figure.id}#${i}`));
      const results = frequencyTables(data, tables, within, weights);
      const turnedOver = turned(
        results,
        figure.items.map((x) => x.label),
      );
      const n = results.reduce((s, r) => s + r.n, 0) / Math.max(1, results.length);
      return { ...base, ...turnedOver, n: Math.round(n), meanN: true };
    }
  }
}

/** The figure as the frequency table the engine counts: its item by its breakdown, rows as its categories. */
function asTable(figure: FigureSpec, kind: 'frequency' | 'multiple', item: string, id: string): FrequencySpec {
  return {
    kind,
    id,
    title: figure.title,
    section: null,
    where: null,
    whereText: figure.whereText,
    note: null,
    item,
    breakdown: figure.breakdown,
    rows: figure.rows,
  };
}

/** Tables (one per item) on their side: one bar per column, grouped by item when there are several. */
function turned(
  results: readonly FrequencyResult[],
  groups: readonly (LocalizedText | null)[],
): Pick<FigureResult, 'categories' | 'bars' | 'n' | 'differences'> {
  const first = results[0];
  if (!first) return { categories: [], bars: [], n: 0, differences: [] };
  const bars: FigureBar[] = [];
  const differences: FigureDifference[] = [];
  results.forEach((result, k) => {
    const offset = bars.length;
    result.columns.forEach((column, c) => {
      bars.push({
        label: column.label,
        group: groups[k] ?? null,
        where: column.where,
        n: column.n,
        weightedN: column.weightedN,
        percent: result.rows.map((row) => row.percent[c] ?? null),
        count: result.rows.map((row) => row.count[c] ?? null),
      });
    });
    for (const d of result.differences) differences.push({ category: d.row, a: offset + d.a, b: offset + d.b, points: d.points });
  });
  return {
    categories: first.rows.map((row) => ({ code: row.code, label: row.label })),
    bars,
    n: first.n,
    differences,
  };
}

/** A figure of sizes: how many respondents each column holds, as shares of one bar. */
function sizes(
  figure: FigureSpec,
  data: AnalysisDataset,
  within: Uint8Array | null,
  weights: Float64Array | null,
): Pick<FigureResult, 'categories' | 'bars' | 'n' | 'meanN' | 'differences'> {
  const banner = bannerOf(data, figure.breakdown.columns, within, figure.id);
  const layer = banner.layers[0];
  if (!layer || banner.layers.length > 1)
    throw new FigureError(`figure ${figure.id}: the columns of a figure of sizes must not overlap (a respondent in two of them)`);
  let engine = engineDataset([layer]);
  if (within) engine = withMask(engine, within);
  if (weights) engine = withWeights(engine, weights);
  const [counts] = frequencies(engine, layer.name);
  const categories = figure.breakdown.columns.map((c) => ({ code: null, label: c.label }));
  const n = counts?.n ?? 0;
  return {
    categories,
    bars: [
      {
        // The breakdown's own label names the one bar; an unnamed breakdown is printed as the total.
        label: figure.breakdown.label,
        group: null,
        where: figure.whereText,
        n,
        // The engine reports the weighted shares, not the weighted total, of a one-way count.
        weightedN: n,
        percent: figure.breakdown.columns.map((_, c) => (n === 0 ? null : (counts?.categories[c]?.percent ?? 0))),
        count: figure.breakdown.columns.map((_, c) => counts?.categories[c]?.count ?? 0),
      },
    ],
    n,
    meanN: false,
    differences: [],
  };
}
