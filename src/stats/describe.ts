// Descriptive statistics of a numeric variable over the rows in view: N, mean, standard deviation (n − 1),
// minimum and maximum; the weighted mean when the dataset has weights. Two passes (mean, then squared
// deviations from it), as R's mean() and sd() do.
import { numericValues, type Dataset } from './dataset.ts';

export interface Description {
  /** Valid values in view (unweighted). */
  readonly n: number;
  /** NaN when n = 0. */
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN when n < 2. Unweighted. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

/** N, mean, standard deviation, minimum and maximum of `name` over the rows in view (weighted mean with weights). */
export function describe(data: Dataset, name: string): Description {
  const values = numericValues(data, name);
  const { mask, weights } = data;
  let n = 0;
  let sum = 0;
  let wsum = 0;
  let wtotal = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v || (mask !== undefined && mask[i] !== 1)) continue;
    const w = weights === undefined ? 1 : (weights[i] as number);
    n++;
    sum += v;
    wsum += w * v;
    wtotal += w;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n === 0 ? NaN : sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v || (mask !== undefined && mask[i] !== 1)) continue;
    squares += (v - mean) * (v - mean);
  }
  return {
    n,
    mean: weights === undefined ? mean : wtotal > 0 ? wsum / wtotal : NaN,
    sd: n < 2 ? NaN : Math.sqrt(squares / (n - 1)),
    min: n === 0 ? NaN : min,
    max: n === 0 ? NaN : max,
  };
}
