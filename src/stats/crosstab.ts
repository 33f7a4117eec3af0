// Frequencies and crosstabs over a Dataset: unweighted counts, weighted column percentages, column N
// (unweighted, as the report prints it) and missing counts. One pass over the codes; never rounds.

import { check } from './errors.ts';
import { asCategorical, column, type CategoricalColumn, type Dataset } from './dataset.ts';
import type { Level } from './frequency.ts';
import { withScratch } from './kernels/index.ts';

export interface Crosstab {
  readonly rowVariable: string;
  readonly columnVariable: string;
  readonly rowLevels: readonly Level[];
  readonly columnLevels: readonly Level[];
  /** Unweighted counts, [row][column]. */
  readonly counts: number[][];
  /** Weighted counts (equal to counts without weights), [row][column]. */
  readonly weighted: number[][];
  /** Valid answers per column, unweighted. */
  readonly columnN: number[];
  /** Rows in the column whose row variable is missing, unweighted. */
  readonly columnMissing: number[];
  /** Percentages of the column's valid answers (weighted if weights), [row][column]. */
  readonly columnPercent: number[][];
  /** The same over all columns together (rows whose column variable is not missing). */
  readonly total: { readonly n: number; readonly missing: number; readonly percent: number[] };
}

/** Raw tabulation: counts and weight sums per (row, col) cell, row-major, plus missing per column. */
export function tabulate(
  rowCodes: Int32Array,
  nRow: number,
  colCodes: Int32Array | null,
  nCol: number,
  weights: Float64Array | undefined,
  mask: Uint8Array | undefined,
): { counts: Float64Array; sums: Float64Array; missing: Float64Array } {
  return withScratch((scratch) => {
    const rowsAt = scratch.i32From(rowCodes);
    const colsAt = colCodes === null ? 0 : scratch.i32From(colCodes);
    const weightsAt = weights === undefined ? 0 : scratch.f64From(weights);
    const maskAt = mask === undefined ? 0 : scratch.u8From(mask);
    const counts = scratch.f64(nRow * nCol);
    const sums = scratch.f64(nRow * nCol);
    const missing = scratch.f64(nCol);
    scratch.kernels.tabulate(rowsAt, colsAt, nCol, weightsAt, maskAt, rowCodes.length, counts, sums, missing);
    return { counts: scratch.float64(counts, nRow * nCol).slice(), sums: scratch.float64(sums, nRow * nCol).slice(), missing: scratch.float64(missing, nCol).slice() };
  });
}

/** Crosstab of `rowVariable` (the answer) by `columnVariable` (the group), with column percentages. */
export function crosstab(data: Dataset, rowVariable: string, columnVariable: string): Crosstab {
  return crosstabOf(data, asCategorical(column(data, rowVariable)), asCategorical(column(data, columnVariable)), rowVariable, columnVariable);
}

/**
 * Every row variable by every column variable, row variable by row variable (the report's banner of
 * items by groups); each equals crosstab() of that pair. Each variable is coded once, not once per table.
 */
export function crosstabs(data: Dataset, rowVariables: readonly string[], columnVariables: readonly string[]): Crosstab[] {
  const cols = columnVariables.map((name) => asCategorical(column(data, name)));
  const tables: Crosstab[] = [];
  for (const rowVariable of rowVariables) {
    const rows = asCategorical(column(data, rowVariable));
    cols.forEach((col, k) => tables.push(crosstabOf(data, rows, col, rowVariable, columnVariables[k] as string)));
  }
  return tables;
}

function crosstabOf(data: Dataset, rows: CategoricalColumn, cols: CategoricalColumn, rowVariable: string, columnVariable: string): Crosstab {
  const nr = rows.levels.length;
  const nc = cols.levels.length;
  check(nr > 0, `${rowVariable} has no valid values`);
  const t = tabulate(rows.codes, nr, cols.codes, nc, data.weights, data.mask);
  const counts: number[][] = [];
  const weighted: number[][] = [];
  const columnN: number[] = new Array<number>(nc).fill(0);
  const columnWeight: number[] = new Array<number>(nc).fill(0);
  const rowWeight: number[] = [];
  for (let r = 0; r < nr; r++) {
    const countRow: number[] = [];
    const weightRow: number[] = [];
    let rowSum = 0;
    for (let c = 0; c < nc; c++) {
      const count = t.counts[r * nc + c] as number;
      const weight = t.sums[r * nc + c] as number;
      countRow.push(count);
      weightRow.push(weight);
      columnN[c] = (columnN[c] as number) + count;
      columnWeight[c] = (columnWeight[c] as number) + weight;
      rowSum += weight;
    }
    counts.push(countRow);
    weighted.push(weightRow);
    rowWeight.push(rowSum);
  }
  const columnPercent = weighted.map((row) => row.map((w, c) => percentOf(w, columnWeight[c] as number)));
  const columnMissing = Array.from(t.missing);
  let totalWeight = 0;
  for (const w of rowWeight) totalWeight += w;
  return {
    rowVariable,
    columnVariable,
    rowLevels: rows.levels,
    columnLevels: cols.levels,
    counts,
    weighted,
    columnN,
    columnMissing,
    columnPercent,
    total: {
      n: sum(columnN),
      missing: sum(columnMissing),
      percent: rowWeight.map((w) => percentOf(w, totalWeight)),
    },
  };
}

export interface FrequencyGroup {
  /** The level of the grouping variable, or null for an ungrouped table. */
  readonly group: Level | null;
  readonly n: number;
  readonly missing: number;
  readonly categories: { value: Level; count: number; percent: number }[];
}

/** Frequencies of `variable`, optionally per level of `by` (rows with `by` missing are left out). */
export function frequencies(data: Dataset, variable: string, by?: string): FrequencyGroup[] {
  const values = asCategorical(column(data, variable));
  const nr = values.levels.length;
  const groups = by === undefined ? null : asCategorical(column(data, by));
  const nc = groups === null ? 1 : groups.levels.length;
  const t = tabulate(values.codes, nr, groups === null ? null : groups.codes, nc, data.weights, data.mask);
  return Array.from({ length: nc }, (_, c) => {
    let n = 0;
    let weight = 0;
    for (let r = 0; r < nr; r++) {
      n += t.counts[r * nc + c] as number;
      weight += t.sums[r * nc + c] as number;
    }
    return {
      group: groups === null ? null : (groups.levels[c] as Level),
      n,
      missing: t.missing[c] as number,
      categories: values.levels.map((value, r) => ({
        value,
        count: t.counts[r * nc + c] as number,
        percent: percentOf(t.sums[r * nc + c] as number, weight),
      })),
    };
  });
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function percentOf(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}
