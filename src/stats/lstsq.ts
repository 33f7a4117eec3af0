// Least-squares solver behind OLS: column equilibration by powers of two (exact), Householder QR, and
// Björck's (1967) iterative refinement of the augmented system with double-double residuals, which
// recovers the digits plain QR loses on ill-conditioned designs (NIST Longley, Wampler, Filip).

import {
  applyQ,
  applyQt,
  householderQR,
  inverseGramDiagonal,
  refinementResiduals,
  solveR,
  solveRt,
} from './linalg.ts';

export interface LeastSquares {
  /** Coefficients in the original units. */
  readonly beta: Float64Array;
  /** Diagonal of (XᵀX)⁻¹ in the original units (times σ² gives the coefficient variances). */
  readonly inverseGramDiagonal: Float64Array;
  /** Residuals y − Xβ. */
  readonly residuals: Float64Array;
  /** Columns judged linearly dependent on earlier ones (|R_kk| ≤ 1e-10·max|R_ii| after scaling). */
  readonly aliased: number[];
}

/** Minimises ‖y − Xβ‖ for X n×p column-major (n > p); `refinements` Björck steps (default 3). */
export function leastSquares(x: Float64Array, n: number, p: number, y: Float64Array, refinements = 3): LeastSquares {
  const scale = new Float64Array(p);
  const xs = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[j * n + i] as number) ** 2;
    // A power of two near 1/‖x_j‖: scaling by it is exact, so the scaled problem has the same solution.
    const s = ss > 0 ? 2 ** -Math.round(Math.log2(Math.sqrt(ss))) : 1;
    scale[j] = s;
    for (let i = 0; i < n; i++) xs[j * n + i] = (x[j * n + i] as number) * s;
  }
  const f = householderQR(xs, n, p);
  let maxDiag = 0;
  for (let k = 0; k < p; k++) maxDiag = Math.max(maxDiag, Math.abs(f.rdiag[k] as number));
  const aliased: number[] = [];
  for (let k = 0; k < p; k++) if (!(Math.abs(f.rdiag[k] as number) > 1e-10 * maxDiag)) aliased.push(k);
  if (aliased.length > 0) {
    return { beta: new Float64Array(p).fill(NaN), inverseGramDiagonal: new Float64Array(p).fill(NaN), residuals: new Float64Array(n).fill(NaN), aliased };
  }
  const c = Float64Array.from(y);
  applyQt(f, c);
  const b = solveR(f, c);
  const r = new Float64Array(n);
  for (let i = p; i < n; i++) r[i] = c[i] as number;
  applyQ(f, r);
  for (let it = 0; it < refinements; it++) {
    const { f: fr, g } = refinementResiduals(xs, n, p, y, r, b);
    const d1 = solveRt(f, g);
    applyQt(f, fr);
    const rhs = new Float64Array(p);
    for (let k = 0; k < p; k++) rhs[k] = (fr[k] as number) - (d1[k] as number);
    const db = solveR(f, rhs);
    for (let k = 0; k < p; k++) fr[k] = d1[k] as number;
    applyQ(f, fr);
    let change = 0;
    let size = 0;
    for (let k = 0; k < p; k++) {
      b[k] = (b[k] as number) + (db[k] as number);
      change = Math.max(change, Math.abs(db[k] as number));
      size = Math.max(size, Math.abs(b[k] as number));
    }
    for (let i = 0; i < n; i++) r[i] = (r[i] as number) + (fr[i] as number);
    if (change <= 1e-17 * size) break;
  }
  const g = inverseGramDiagonal(f);
  const beta = new Float64Array(p);
  const gram = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    beta[j] = (b[j] as number) * (scale[j] as number);
    gram[j] = (g[j] as number) * (scale[j] as number) ** 2;
  }
  return { beta, inverseGramDiagonal: gram, residuals: r, aliased };
}
