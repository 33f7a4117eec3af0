// Composite scales: inter-item correlations, Cronbach's alpha, alpha if item deleted, corrected
// item-total (item-rest) correlations on listwise-complete cases (as SPSS RELIABILITY and psych::alpha
// on complete data), and the scale score as the mean of the valid items given a minimum number of them.

import { check } from './errors.ts';
import { numericValues, type Dataset } from './dataset.ts';

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
  const keep = new Uint8Array(data.rows);
  if (data.mask === undefined) keep.fill(1);
  else keep.set(data.mask);
  for (const col of columns) {
    for (let i = 0; i < data.rows; i++) if ((col[i] as number) !== (col[i] as number)) keep[i] = 0;
  }
  let n = 0;
  for (let i = 0; i < data.rows; i++) n += keep[i] as number;
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < data.rows; i++) if (keep[i] === 1) rows[k++] = i;
  return rows;
}

/** Sample covariance matrix (divisor n − 1) by the two-pass centred algorithm. */
function covariance(columns: readonly Float64Array[], rows: Int32Array): Float64Array {
  const k = columns.length;
  const n = rows.length;
  const centred = columns.map((col) => {
    const out = new Float64Array(n);
    let mean = 0;
    for (let r = 0; r < n; r++) mean += col[rows[r] as number] as number;
    mean /= n;
    for (let r = 0; r < n; r++) out[r] = (col[rows[r] as number] as number) - mean;
    return out;
  });
  const cov = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = centred[i] as Float64Array;
    for (let j = i; j < k; j++) {
      const b = centred[j] as Float64Array;
      let s = 0;
      for (let r = 0; r < n; r++) s += (a[r] as number) * (b[r] as number);
      cov[i * k + j] = cov[j * k + i] = s / (n - 1);
    }
  }
  return cov;
}

/** Scale score per row: mean of the valid items if at least `minValid` are valid, else NaN. */
export function scaleScore(data: Dataset, items: readonly string[], minValid: number): Float64Array {
  check(Number.isInteger(minValid) && minValid >= 1 && minValid <= items.length, `minValid must be 1..${items.length}`);
  const columns = items.map((name) => numericValues(data, name));
  const sum = new Float64Array(data.rows);
  const valid = new Int32Array(data.rows);
  for (const col of columns) {
    for (let i = 0; i < data.rows; i++) {
      const v = col[i] as number;
      if (v === v) {
        sum[i] = (sum[i] as number) + v;
        valid[i] = (valid[i] as number) + 1;
      }
    }
  }
  for (let i = 0; i < data.rows; i++) {
    const inView = data.mask === undefined || data.mask[i] === 1;
    sum[i] = inView && (valid[i] as number) >= minValid ? (sum[i] as number) / (valid[i] as number) : NaN;
  }
  return sum;
}
