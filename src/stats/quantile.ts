// Sample quantiles of a numeric variable over the rows in view, as R's quantile() computes them by default
// (type 7: linear interpolation between order statistics, Hyndman & Fan 1996). Unweighted; NaN is left out.
import { check } from './errors.ts';
import { numericValues, type Dataset } from './dataset.ts';

/** The p-quantile (0 ≤ p ≤ 1) of `name` over the rows in view; NaN when no value is valid. */
export function quantile(data: Dataset, name: string, p: number): number {
  check(p >= 0 && p <= 1, `quantile: p must lie between 0 and 1, not ${p}`);
  const values = numericValues(data, name);
  const { mask } = data;
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v && (mask === undefined || mask[i] === 1)) kept.push(v);
  }
  if (kept.length === 0) return NaN;
  const sorted = Float64Array.from(kept).sort();
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  return lo + 1 < sorted.length ? below + (h - lo) * ((sorted[lo + 1] as number) - below) : below;
}

/** The median (R's median()). */
export const median = (data: Dataset, name: string): number => quantile(data, name, 0.5);
