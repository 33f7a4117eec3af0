// Special functions the noncentral distributions need: log-gamma and the regularized incomplete beta.
// Total kernels (NaN on domain errors). The incomplete beta is taken from stdlib's F CDF, which is one.

import fCdf from '@stdlib/stats-base-dists-f-cdf';

// Lanczos approximation, g = 607/128, 15 terms (Godfrey's coefficients, as used by Boost and stdlib);
// relative error about 1e-15 over the positive axis. Written as the shortest decimals of the doubles that
// Godfrey's 20-digit values round to (the same numbers; more digits would be lost when parsed).
const G = 607 / 128;
const C = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5,
  4.652362892704858e-5, -9.837447530487956e-5, 1.580887032249125e-4, -2.1026444172410488e-4, 2.1743961811521265e-4, -1.643181065367639e-4,
  8.441822398385275e-5, -2.6190838401581408e-5, 3.6899182659531625e-6,
];
const LN_SQRT_2PI = 0.9189385332046728;

/** log Γ(x) for x > 0 (Lanczos; Γ of small positive integers and halves is taken exactly). */
export function lgamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return NaN;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const z = x - 1;
  let sum = C[0] as number;
  for (let i = 1; i < C.length; i++) sum += (C[i] as number) / (z + i);
  const t = z + G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Regularized incomplete beta I_x(a, b), with `oneMinusX` = 1 − x supplied by the caller for accuracy.
 * Uses I_x(a, b) = P(F(2a, 2b) ≤ b·x / (a·(1 − x))).
 */
export function pbeta(x: number, oneMinusX: number, a: number, b: number): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return NaN;
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  return fCdf((b * x) / (a * oneMinusX), 2 * a, 2 * b);
}
