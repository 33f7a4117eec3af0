// Row lists for listwise deletion: the rows in view as an Int32Array, narrowed in place by one small
// kernel per kind of column. OLS and reliability share these loops, so they are compiled once and the
// later columns, models and scales run them optimised. Kernels: no validation (callers check shapes).

import type { Dataset } from './dataset.ts';

/** Indices of the rows in view (mask[i] = 1, or every row without a mask), ascending. */
export function rowsInViewList(data: Dataset): Int32Array {
  const rows = new Int32Array(data.rows);
  const n = data.mask === undefined ? allRows(rows) : maskedRows(rows, data.mask);
  return rows.subarray(0, n);
}

function allRows(rows: Int32Array): number {
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return rows.length;
}

function maskedRows(rows: Int32Array, mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) rows[n++] = i;
  return n;
}

/** Keeps the first `n` entries of `rows` whose value is not NaN, in order; returns how many remain. */
export function keepValid(rows: Int32Array, n: number, values: Float64Array): number {
  let k = 0;
  for (let r = 0; r < n; r++) {
    const i = rows[r] as number;
    if (values[i] === values[i]) rows[k++] = i;
  }
  return k;
}

/** Keeps the first `n` entries of `rows` whose category code is not missing (≥ 0); returns how many remain. */
export function keepCoded(rows: Int32Array, n: number, codes: Int32Array): number {
  let k = 0;
  for (let r = 0; r < n; r++) {
    const i = rows[r] as number;
    if ((codes[i] as number) >= 0) rows[k++] = i;
  }
  return k;
}
