// Frequencies and crosstabs over a Dataset: unweighted counts, weighted column percentages, column N
// (unweighted, as the report prints it) and missing counts. One pass over the codes; never rounds.

import { check } from './errors.ts';
import { asCategorical, column, type CategoricalColumn, type Dataset } from './dataset.ts';
import type { Level } from './frequency.ts';
import { withScratch, type Offset } from './kernels/index.ts';

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

/** Counts and weight sums per (row, col) cell, row-major, plus rows with a missing row code per column. */
export interface Tabulation {
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  readonly missing: Float64Array;
}

/** A variable's codes (−1 missing) and its number of levels; codes null: everything in one column. */
interface Coded {
  readonly codes: Int32Array | null;
  readonly levels: number;
}

/** Raw tabulation of one variable by another (colCodes null: one column). */
export function tabulate(
  rowCodes: Int32Array,
  nRow: number,
  colCodes: Int32Array | null,
  nCol: number,
  weights: Float64Array | undefined,
  mask: Uint8Array | undefined,
): Tabulation {
  return tabulateGrid([{ codes: rowCodes, levels: nRow }], [{ codes: colCodes, levels: nCol }], weights, mask)[0]![0]!;
}

/**
 * Every row variable by every column variable, [row][col], by the tabulation kernel: each variable, the
 * weights and the mask are copied into its memory once, not once per table.
 */
function tabulateGrid(
  rows: readonly Coded[],
  cols: readonly Coded[],
  weights: Float64Array | undefined,
  mask: Uint8Array | undefined,
): Tabulation[][] {
  return withScratch((scratch) => {
    const codesAt = (v: Coded): Offset => (v.codes === null ? 0 : scratch.i32From(v.codes));
    const colsAt = cols.map(codesAt);
    const weightsAt = weights === undefined ? 0 : scratch.f64From(weights);
    const maskAt = mask === undefined ? 0 : scratch.u8From(mask);
    return rows.map((row) => {
      const n = row.codes?.length ?? 0;
      const rowAt = codesAt(row);
      return cols.map((col, k) => {
        const cells = row.levels * col.levels;
        const [counts, sums, missing] = [scratch.f64(cells), scratch.f64(cells), scratch.f64(col.levels)];
        scratch.kernels.tabulate(rowAt, colsAt[k] as Offset, col.levels, weightsAt, maskAt, n, counts, sums, missing);
        return {
          counts: scratch.float64(counts, cells).slice(),
          sums: scratch.float64(sums, cells).slice(),
          missing: scratch.float64(missing, col.levels).slice(),
        };
      });
    });
  });
}

/** Crosstab of `rowVariable` (the answer) by `columnVariable` (the group), with column percentages. */
export function crosstab(data: Dataset, rowVariable: string, columnVariable: string): Crosstab {
  const rows = asCategorical(column(data, rowVariable));
  const cols = asCategorical(column(data, columnVariable));
  return crosstabOf(
    rows,
    cols,
    rowVariable,
    columnVariable,
    tabulate(rows.codes, rows.levels.length, cols.codes, cols.levels.length, data.weights, data.mask),
  );
}

/**
 * Every row variable by every column variable, row variable by row variable (the report's banner of
 * items by groups); each equals crosstab() of that pair. Each variable is coded once, not once per table.
 */
export function crosstabs(data: Dataset, rowVariables: readonly string[], columnVariables: readonly string[]): Crosstab[] {
  const cols = columnVariables.map((name) => asCategorical(column(data, name)));
  const rows = rowVariables.map((name) => asCategorical(column(data, name)));
  const coded = (c: CategoricalColumn): Coded => ({ codes: c.codes, levels: c.levels.length });
  const grid = tabulateGrid(rows.map(coded), cols.map(coded), data.weights, data.mask);
  return rows.flatMap((row, i) =>
    cols.map((col, k) => crosstabOf(row, col, rowVariables[i] as string, columnVariables[k] as string, grid[i]![k]!)),
  );
}

function crosstabOf(
  rows: CategoricalColumn,
  cols: CategoricalColumn,
  rowVariable: string,
  columnVariable: string,
  t: Tabulation,
): Crosstab {
  const nr = rows.levels.length;
  const nc = cols.levels.length;
  check(nr > 0, `${rowVariable} has no valid values`);
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
