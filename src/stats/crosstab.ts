// Frequencies and crosstabs over a Dataset: unweighted counts, weighted column percentages, column N
// (unweighted, as the report prints it) and missing counts. One pass over the codes; never rounds.

import { check } from './errors.ts';
import { asCategorical, column, type Dataset } from './dataset.ts';
import type { Level } from './frequency.ts';

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

/** Raw tabulation kernel: counts and weight sums per (row, col) cell, row-major, plus missing per column. */
export function tabulate(
  rowCodes: Int32Array,
  nRow: number,
  colCodes: Int32Array | null,
  nCol: number,
  weights: Float64Array | undefined,
  mask: Uint8Array | undefined,
): { counts: Float64Array; sums: Float64Array; missing: Float64Array } {
  const counts = new Float64Array(nRow * nCol);
  const sums = new Float64Array(nRow * nCol);
  const missing = new Float64Array(nCol);
  for (let i = 0; i < rowCodes.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const c = colCodes === null ? 0 : (colCodes[i] as number);
    if (c < 0) continue;
    const r = rowCodes[i] as number;
    if (r < 0) {
      missing[c] = (missing[c] as number) + 1;
      continue;
    }
    const cell = r * nCol + c;
    counts[cell] = (counts[cell] as number) + 1;
    sums[cell] = (sums[cell] as number) + (weights === undefined ? 1 : (weights[i] as number));
  }
  return { counts, sums, missing };
}

/** Crosstab of `rowVariable` (the answer) by `columnVariable` (the group), with column percentages. */
export function crosstab(data: Dataset, rowVariable: string, columnVariable: string): Crosstab {
  const rows = asCategorical(column(data, rowVariable));
  const cols = asCategorical(column(data, columnVariable));
  const nr = rows.levels.length;
  const nc = cols.levels.length;
  check(nr > 0, `${rowVariable} has no valid values`);
  const t = tabulate(rows.codes, nr, cols.codes, nc, data.weights, data.mask);
  const counts = grid(nr, nc, (r, c) => t.counts[r * nc + c] as number);
  const weighted = grid(nr, nc, (r, c) => t.sums[r * nc + c] as number);
  const columnN = Array.from({ length: nc }, (_, c) => sumColumn(counts, c));
  const columnWeight = Array.from({ length: nc }, (_, c) => sumColumn(weighted, c));
  const columnPercent = grid(nr, nc, (r, c) => percentOf(weighted[r]?.[c] as number, columnWeight[c] as number));
  const rowWeight = weighted.map((row) => row.reduce((a, b) => a + b, 0));
  const totalWeight = rowWeight.reduce((a, b) => a + b, 0);
  return {
    rowVariable,
    columnVariable,
    rowLevels: rows.levels,
    columnLevels: cols.levels,
    counts,
    weighted,
    columnN,
    columnMissing: Array.from(t.missing),
    columnPercent,
    total: {
      n: columnN.reduce((a, b) => a + b, 0),
      missing: Array.from(t.missing).reduce((a, b) => a + b, 0),
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

function grid(nr: number, nc: number, cell: (r: number, c: number) => number): number[][] {
  return Array.from({ length: nr }, (_, r) => Array.from({ length: nc }, (_, c) => cell(r, c)));
}

function sumColumn(matrix: number[][], c: number): number {
  let s = 0;
  for (const row of matrix) s += row[c] as number;
  return s;
}

function percentOf(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}
