// Special functions the noncentral distributions need: log-gamma and the regularized incomplete beta.
// Total kernels (NaN on domain errors). The incomplete beta is taken from stdlib's F CDF, which is one.

import fCdf from '@stdlib/stats-base-dists-f-cdf';

// Lanczos approximation, g = 607/128, 15 terms (Godfrey's coefficients, as used by Boost and stdlib);
// relative error about 1e-15 over the positive axis.
const G = 607 / 128;
const C = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174, -0.49191381609762019978,
  0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4, 0.15808870322491248884e-3, -0.21026444172410488319e-3,
  0.2174396181152126432e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4, -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];
const LN_SQRT_2PI = 0.91893853320467274178;

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
