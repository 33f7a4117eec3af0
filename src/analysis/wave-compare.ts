// Two waves side by side: the earlier wave's report and figures computed by the same path (computeReport,
// computeFigures), and for every cell of a table or figure the chi-square test that the current and earlier
// wave answer alike (stats.chiSquareTest: Pearson's X², Rao-Scott's correction when weighted) among the
// cell's column. A single-choice item is tested over its whole distribution in the column; a multiple-choice
// option or a top box as chosen against not chosen. Numbers only; report/ prints and marks them.
import { categoricalFromNumbers, chiSquareTest, type CategoricalColumn, type ChiSquareResult } from '../stats/index.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { FigureSpec } from '../study/report-layout.ts';
import type { Column } from '../study/report-spec.ts';
import { computeReport, type ComputedReport } from './compute.ts';
import { both, maskOf } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import { computeFigures, type ComputedFigures } from './figures.ts';
import type { FrequencySpec } from './tables-frequency.ts';
import { engineDataset, validNumbers } from './views.ts';

/** One wave's data as the comparison needs it. */
export interface WaveData {
  readonly wave: WaveDefinition;
  readonly data: AnalysisDataset;
  readonly weights: Float64Array | null;
}

/** The test of one cell: p of the column's (or the option's) distribution, current against earlier wave. */
export interface CellTest {
  readonly p: number | null;
  readonly method: ChiSquareResult['method'] | null;
}

export interface WaveComparison {
  readonly earlier: string;
  readonly report: ComputedReport;
  readonly figures: ComputedFigures;
  /** Table id → [row][column] tests. */
  readonly tables: ReadonlyMap<string, readonly (readonly CellTest[])[]>;
  /** Figure id → [category][bar] tests. */
  readonly figureTests: ReadonlyMap<string, readonly (readonly CellTest[])[]>;
}

/** A question the test asks of each wave's rows: its category per row (−1: not counted). */
type Coder = (data: AnalysisDataset) => { readonly codes: Int32Array; readonly levels: number };

/** The earlier wave beside the current one, for every table and figure both waves can fill. */
export function compareWaves(study: StudyDefinition, current: WaveData, earlier: WaveData, currentReport: ComputedReport): WaveComparison {
  const report = computeReport(study, earlier.wave, earlier.data, earlier.weights);
  const figures = computeFigures(study, earlier.wave, earlier.data, earlier.weights);
  const tables = new Map<string, CellTest[][]>();
  for (const spec of study.report?.tables ?? []) {
    if (spec.kind !== 'frequency' && spec.kind !== 'multiple' && spec.kind !== 'topbox') continue;
    const now = currentReport.tables.get(spec.id);
    if (!now || now.kind === 'regression' || now.kind === 'population' || !report.tables.has(spec.id)) continue;
    tables.set(spec.id, tableTests(spec, current, earlier, now.rows.length));
  }
  const figureTests = new Map<string, CellTest[][]>();
  for (const spec of study.report?.figures ?? []) {
    if (spec.kind === 'sizes' || !figures.figures.has(spec.id)) continue;
    figureTests.set(spec.id, figureCellTests(spec, current, earlier));
  }
  return { earlier: earlier.wave.key, report, figures, tables, figureTests };
}

/** Per printed row (`rows` of them: the specification's, or the item's substantive answers) and column. */
function tableTests(spec: FrequencySpec, current: WaveData, earlier: WaveData, rows: number): CellTest[][] {
  const columns = spec.breakdown.columns;
  const within = (d: AnalysisDataset) => (spec.where ? maskOf(spec.where, d) : null);
  switch (spec.kind) {
    case 'frequency': {
      const codes = spec.rows?.map((r) => r.code) ?? null;
      const perColumn = columns.map((c) => test(single(spec.item, codes), c, within, current, earlier));
      return Array.from({ length: rows }, () => perColumn);
    }
    case 'multiple': {
      const options = spec.rows?.map((r) => r.code) ?? [];
      return options.map((code) => columns.map((c) => test(chosen(`${spec.item}_${code}`), c, within, current, earlier)));
    }
    case 'topbox':
      return spec.rows.map((row) => columns.map((c) => test(topBox(row.item, spec.codes), c, within, current, earlier)));
  }
}

function figureCellTests(spec: Exclude<FigureSpec, { kind: 'sizes' }>, current: WaveData, earlier: WaveData): CellTest[][] {
  const within = (d: AnalysisDataset) => (spec.where ? maskOf(spec.where, d) : null);
  const codes = spec.rows.map((r) => r.code);
  const columns = spec.breakdown.columns;
  switch (spec.kind) {
    case 'stacked': {
      const bars = columns.map((c) => test(single(spec.item, codes), c, within, current, earlier));
      return codes.map(() => bars);
    }
    case 'multiple':
      return codes.map((code) => columns.map((c) => test(chosen(`${spec.item}_${code}`), c, within, current, earlier)));
    case 'items': {
      const bars = spec.items.flatMap((x) => columns.map((c) => test(single(x.item, codes), c, within, current, earlier)));
      return codes.map(() => bars);
    }
  }
}

const fromColumn = (column: CategoricalColumn) => ({ codes: column.codes, levels: column.levels.length });

/** A single-choice item over `codes` (default: its substantive answers). */
const single =
  (item: string, codes: readonly number[] | null): Coder =>
  (data) => {
    const levels =
      codes ??
      data
        .info(item)
        .values.filter((v) => !v.missing)
        .map((v) => v.value);
    return fromColumn(categoricalFromNumbers(item, data.numbers(item), levels));
  };

/** A multiple-choice option: chosen (1) or not (0) among those who answered the item. */
const chosen =
  (variable: string): Coder =>
  (data) =>
    data.has(variable)
      ? fromColumn(categoricalFromNumbers(variable, data.numbers(variable), [0, 1]))
      : { codes: new Int32Array(data.rows).fill(-1), levels: 2 };

/** An item's top box (one of `codes`) against its other valid answers. */
const topBox =
  (item: string, codes: readonly number[]): Coder =>
  (data) => {
    const values = validNumbers(data, item);
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      out[i] = v !== v ? -1 : codes.includes(v) ? 1 : 0;
    }
    return { codes: out, levels: 2 };
  };

/** The chi-square test of `coder`'s categories by wave, among the column's rows of both waves. */
function test(
  coder: Coder,
  column: Column,
  within: (d: AnalysisDataset) => Uint8Array | null,
  current: WaveData,
  earlier: WaveData,
): CellTest {
  const parts = [current, earlier].map((w) => {
    const own = column.where ? maskOf(column.where, w.data) : new Uint8Array(w.data.rows).fill(1);
    const filter = within(w.data);
    return { coded: coder(w.data), mask: filter ? both(own, filter) : own, weights: w.weights, rows: w.data.rows };
  });
  const rows = parts.reduce((s, p) => s + p.rows, 0);
  const levels = Math.max(...parts.map((p) => p.coded.levels));
  const codes = new Int32Array(rows);
  const wave = new Int32Array(rows);
  const mask = new Uint8Array(rows);
  const weights = new Float64Array(rows).fill(1);
  const seen = new Set<number>();
  const waves = new Set<number>();
  let at = 0;
  parts.forEach((p, k) => {
    for (let i = 0; i < p.rows; i++, at++) {
      const code = p.coded.codes[i] as number;
      codes[at] = code;
      wave[at] = k;
      const keep = p.mask[i] === 1 && code >= 0;
      mask[at] = keep ? 1 : 0;
      if (p.weights) weights[at] = p.weights[i] as number;
      if (keep) {
        seen.add(code);
        waves.add(k);
      }
    }
  });
  // Nothing to test when a wave has no one in the column or every answer falls in one category.
  if (seen.size < 2 || waves.size < 2) return { p: null, method: null };
  const answer: CategoricalColumn = { kind: 'categorical', name: '#answer', codes, levels: range(levels) };
  const byWave: CategoricalColumn = { kind: 'categorical', name: '#wave', codes: wave, levels: [0, 1] };
  const weighted = current.weights !== null || earlier.weights !== null;
  const result = chiSquareTest(engineDataset([answer, byWave], mask, weighted ? weights : undefined), '#answer', '#wave');
  return { p: Number.isFinite(result.p) ? result.p : null, method: result.method };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
