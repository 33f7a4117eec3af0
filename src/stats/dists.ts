// Central distribution functions (t, F, chi-square, normal) as thin typed wrappers over @stdlib, which
// matches R to ~1e-15. Upper tails are computed without cancellation where an exact identity allows it.
// Kernels: total, NaN on domain errors.

import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import fCdf from '@stdlib/stats-base-dists-f-cdf';
import fQuantile from '@stdlib/stats-base-dists-f-quantile';
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { lgamma } from './special.ts';

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export const pt = (t: number, df: number): number => tCdf(t, df);

/** Two-sided p-value P(|T| ≥ |t|), computed as 2·P(T ≤ −|t|) so tiny p do not underflow to 0. */
export const ptTwoSided = (t: number, df: number): number => 2 * tCdf(-Math.abs(t), df);

/** Quantile of Student's t. */
export const qt = (p: number, df: number): number => tQuantile(p, df);

/** P(F ≤ f) for the F distribution. */
export const pf = (f: number, df1: number, df2: number): number => fCdf(f, df1, df2);

/** Upper tail P(F > f), via the exact identity P(F(d1,d2) > f) = P(F(d2,d1) < 1/f) (no cancellation). */
export function pfUpper(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return fCdf(1 / f, df2, df1);
}

/** Quantile of the F distribution. */
export const qf = (p: number, df1: number, df2: number): number => fQuantile(p, df1, df2);

/** P(X ≤ x) for chi-square with `df` degrees of freedom. */
export const pchisq = (x: number, df: number): number => chisqCdf(x, df);

/**
 * Upper tail P(X > x) of chi-square. Below the mean 1 − cdf has no cancellation problem; above it the
 * regularized upper incomplete gamma Q(df/2, x/2) is evaluated by its continued fraction (Lentz's method,
 * Numerical Recipes §6.2), which keeps full relative accuracy for tiny p-values.
 */
export function pchisqUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const a = df / 2;
  const z = x / 2;
  if (z < a + 1) return 1 - chisqCdf(x, df);
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z + a * Math.log(z) - lgamma(a)) * h;
}

/** Quantile of chi-square. */
export const qchisq = (p: number, df: number): number => chisqQuantile(p, df);

/** Standard normal CDF. */
export const pnorm = (x: number): number => normalCdf(x, 0, 1);

/** Standard normal quantile. */
export const qnorm = (p: number): number => normalQuantile(p, 0, 1);
