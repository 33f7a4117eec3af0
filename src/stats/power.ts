// A-priori power analysis as G*Power 3 computes it (Faul et al. 2007, 2009): the smallest total N whose
// power reaches the target, for the F test of R² in multiple regression, the two-sample t test and the
// chi-square test. Noncentrality λ follows G*Power (and R's pwr): f²·N, d·√(n/2), w²·N.

import { check } from './errors.ts';
import { qf, qt, qchisq } from './dists.ts';
import { pnfUpper, pnt, pnchisqUpper } from './noncentral.ts';

export type PowerTest =
  | { readonly test: 'f-r2'; readonly f2: number; readonly predictors: number }
  | { readonly test: 't2'; readonly d: number }
  | { readonly test: 'chisq'; readonly w: number; readonly df: number };

export interface PowerOptions {
  /** Significance level α (two-sided for t2). */
  readonly alpha: number;
  /** Target power 1 − β. */
  readonly power: number;
}

export interface PowerResult {
  /** Required total sample size (both groups together for t2). */
  readonly n: number;
  /** Power reached at that n. */
  readonly actualPower: number;
}

/** Power of the F test that R² = 0 with `u` predictors, total N, effect f² (λ = f²·N). */
export function powerFR2(f2: number, u: number, n: number, alpha: number): number {
  const v = n - u - 1;
  if (!(v > 0)) return NaN;
  return pnfUpper(qf(1 - alpha, u, v), u, v, f2 * n);
}

/** Power of the two-sided two-sample t test with n per group (λ = d·√(n/2)), both tails counted. */
export function powerT2(d: number, nPerGroup: number, alpha: number): number {
  const df = 2 * nPerGroup - 2;
  if (!(df > 0)) return NaN;
  const crit = qt(1 - alpha / 2, df);
  const ncp = d * Math.sqrt(nPerGroup / 2);
  return 1 - pnt(crit, df, ncp) + pnt(-crit, df, ncp);
}

/** Power of the chi-square test with `df` degrees of freedom, total N, effect w (λ = w²·N). */
export function powerChisq(w: number, df: number, n: number, alpha: number): number {
  return pnchisqUpper(qchisq(1 - alpha, df), df, w * w * n);
}

/** Smallest integer k ≥ lo with power(k) ≥ target (power increases in k), by doubling then bisection. */
function smallest(lo: number, target: number, power: (k: number) => number): number {
  let hi = lo;
  while (!(power(hi) >= target)) {
    check(hi < 1e9, 'the required sample size exceeds 1e9; check the effect size');
    lo = hi + 1;
    hi = hi * 2;
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (power(mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Required total N for the given test, α and power (G*Power "A priori"). */
export function requiredSampleSize(spec: PowerTest, options: PowerOptions): PowerResult {
  const { alpha, power } = options;
  check(alpha > 0 && alpha < 1, `alpha must be between 0 and 1, got ${alpha}`);
  check(power > 0 && power < 1, `power must be between 0 and 1, got ${power}`);
  check(power > alpha, 'power must exceed alpha');
  switch (spec.test) {
    case 'f-r2': {
      const { f2, predictors: u } = spec;
      check(f2 > 0 && Number.isFinite(f2), `f2 must be a positive number, got ${f2}`);
      check(Number.isInteger(u) && u >= 1, `predictors must be a positive integer, got ${u}`);
      const n = smallest(u + 2, power, (k) => powerFR2(f2, u, k, alpha));
      return { n, actualPower: powerFR2(f2, u, n, alpha) };
    }
    case 't2': {
      check(spec.d > 0 && Number.isFinite(spec.d), `d must be a positive number, got ${spec.d}`);
      const perGroup = smallest(2, power, (k) => powerT2(spec.d, k, alpha));
      return { n: 2 * perGroup, actualPower: powerT2(spec.d, perGroup, alpha) };
    }
    case 'chisq': {
      const { w, df } = spec;
      check(w > 0 && Number.isFinite(w), `w must be a positive number, got ${w}`);
      check(Number.isInteger(df) && df >= 1, `df must be a positive integer, got ${df}`);
      const n = smallest(1, power, (k) => powerChisq(w, df, k, alpha));
      return { n, actualPower: powerChisq(w, df, n, alpha) };
    }
    default:
      return assertNever(spec);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected power test ${JSON.stringify(value)}`);
}
