// Composite scales: inter-item correlations, Cronbach's alpha, alpha if item deleted, corrected
// item-total (item-rest) correlations on listwise-complete cases (as SPSS RELIABILITY and psych::alpha
// on complete data), and the scale score as the mean of the valid items given a minimum number of them.

import { check } from './errors.ts';
import { numericValues, type Dataset } from './dataset.ts';
import { withScratch } from './kernels/index.ts';
import { keepValid, rowsInViewList } from './rows.ts';

export interface Reliability {
  readonly items: readonly string[];
  /** Cases with all items valid. */
  readonly n: number;
  readonly k: number;
  /** Cronbach (1951): α = k/(k−1)·(1 − Σ var(item) / var(sum)). */
  readonly alpha: number;
  /** α of the scale without item i. */
  readonly alphaIfDeleted: number[];
  /** Correlation of item i with the sum of the other items ("corrected item-total"). */
  readonly itemRestCorrelation: number[];
  /** Pearson correlations between items, [i][j]. */
  readonly interItemCorrelations: number[][];
  /** Mean of the off-diagonal inter-item correlations. */
  readonly meanInterItemCorrelation: number;
}

/** Reliability analysis of `items` (at least 2) over the rows in view with all items valid. */
export function reliability(data: Dataset, items: readonly string[]): Reliability {
  check(items.length >= 2, 'reliability needs at least two items');
  check(new Set(items).size === items.length, 'an item is listed twice');
  check(data.weights === undefined, 'reliability: weights are not supported; remove the weights');
  const columns = items.map((name) => numericValues(data, name));
  const rows = completeRows(data, columns);
  const cov = covariance(columns, rows);
  return reliabilityFromCovariance(items, rows.length, cov);
}

/** Number of rows in view with every one of `items` valid (the cases a reliability analysis uses). */
export function completeCases(data: Dataset, items: readonly string[]): number {
  return completeRows(
    data,
    items.map((name) => numericValues(data, name)),
  ).length;
}

/** The reliability statistics from a k×k covariance matrix (row-major) of n complete cases. */
export function reliabilityFromCovariance(items: readonly string[], n: number, cov: Float64Array): Reliability {
  const k = items.length;
  check(n >= 2, `reliability needs at least 2 complete cases, got ${n}`);
  const c = (i: number, j: number): number => cov[i * k + j] as number;
  let total = 0;
  let trace = 0;
  for (let i = 0; i < k; i++) {
    trace += c(i, i);
    for (let j = 0; j < k; j++) total += c(i, j);
  }
  const alphaOf = (sumAll: number, sumDiag: number, m: number): number => (m / (m - 1)) * (1 - sumDiag / sumAll);
  const alphaIfDeleted: number[] = [];
  const itemRestCorrelation: number[] = [];
  for (let i = 0; i < k; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += c(i, j);
    const restVar = total - 2 * rowSum + c(i, i);
    alphaIfDeleted.push(k > 2 ? alphaOf(restVar, trace - c(i, i), k - 1) : NaN);
    itemRestCorrelation.push((rowSum - c(i, i)) / Math.sqrt(c(i, i) * restVar));
  }
  const interItemCorrelations = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (i === j ? 1 : c(i, j) / Math.sqrt(c(i, i) * c(j, j)))),
  );
  let sumR = 0;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) sumR += interItemCorrelations[i]?.[j] as number;
  return {
    items,
    n,
    k,
    alpha: alphaOf(total, trace, k),
    alphaIfDeleted,
    itemRestCorrelation,
    interItemCorrelations,
    meanInterItemCorrelation: sumR / ((k * (k - 1)) / 2),
  };
}

function completeRows(data: Dataset, columns: readonly Float64Array[]): Int32Array {
  const all = rowsInViewList(data);
  let n = all.length;
  for (const col of columns) n = keepValid(all, n, col);
  return all.subarray(0, n);
}

/** Sample covariance matrix (divisor n − 1) by the two-pass centred algorithm, in the kernels. */
function covariance(columns: readonly Float64Array[], rows: Int32Array): Float64Array {
  const k = columns.length;
  const n = rows.length;
  return withScratch((scratch) => {
    const rowsAt = scratch.i32From(rows);
    const centred = scratch.f64(k * n); // column i at i·n
    for (let i = 0; i < k; i++) {
      const values = scratch.f64From(columns[i] as Float64Array);
      scratch.kernels.gatherScaled(centred, i * n, values, rowsAt, n, 1);
      scratch.kernels.centre(centred, i * n, n);
    }
    const cov = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) cov[i * k + j] = cov[j * k + i] = scratch.kernels.dot(0, centred, i * n, centred, j * n, n) / (n - 1);
    }
    return cov;
  });
}

/** Scale score per row: mean (or sum) of the valid items if at least `minValid` are valid, else NaN. */
export function scaleScore(data: Dataset, items: readonly string[], minValid: number, method: 'mean' | 'sum' = 'mean'): Float64Array {
  check(Number.isInteger(minValid) && minValid >= 1 && minValid <= items.length, `minValid must be 1..${items.length}`);
  const columns = items.map((name) => numericValues(data, name));
  const { sum, valid } = withScratch((scratch) => {
    const sumAt = scratch.f64(data.rows);
    const validAt = scratch.i32(data.rows);
    for (const col of columns) scratch.kernels.addValid(sumAt, validAt, scratch.f64From(col), data.rows);
    return { sum: scratch.float64(sumAt, data.rows).slice(), valid: scratch.int32(validAt, data.rows).slice() };
  });
  const mask = data.mask;
  for (let i = 0; i < data.rows; i++) {
    const inView = mask === undefined || mask[i] === 1;
    const k = valid[i] as number;
    sum[i] = inView && k >= minValid ? (method === 'sum' ? (sum[i] as number) : (sum[i] as number) / k) : NaN;
  }
  return sum;
}
