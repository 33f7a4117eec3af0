// Least-squares solver behind OLS: column equilibration by powers of two (exact), blocked Householder QR
// (tsqr.ts), and Björck's (1967) iterative refinement of the augmented system [I X; Xᵀ 0][r; b] = [y; 0]
// with residuals in double-double, which recovers the digits plain QR loses on ill-conditioned designs
// (NIST Longley, Wampler, Filip). Refinement runs while a next correction could still move the solution
// by an ulp (see refine), for every problem up to 2·10⁶ matrix entries (where it costs little) and for
// ill-conditioned ones of any size (κ_F(R) ≥ 100); a large well-conditioned design is already accurate to
// ~κ²·ε ≈ 1e-13 without it (Higham 2002, §20.1), and skipping it halves the time on a million rows.

import { addInto, refinementResiduals } from './linalg.ts';
import { applyQ, applyQt, blockedQR, inverseR, solveR, solveRt } from './tsqr.ts';

export interface LeastSquares {
  /** Coefficients in the original units. */
  readonly beta: Float64Array;
  /** Diagonal of (XᵀX)⁻¹ in the original units (times σ² gives the coefficient variances). */
  readonly inverseGramDiagonal: Float64Array;
  /** Residuals y − Xβ. */
  readonly residuals: Float64Array;
  /** Columns judged linearly dependent on earlier ones (|R_kk| ≤ 1e-10·max|R_ii| after scaling). */
  readonly aliased: number[];
  /** Refinement steps taken. */
  readonly refinements: number;
  /** Condition estimate ‖R‖_F·‖R⁻¹‖_F of the equilibrated design. */
  readonly condition: number;
}

/**
 * A design matrix that can write itself, already equilibrated, into a zero-filled buffer: column j times
 * scale[j] (powers of two), n×p column-major. Lets OLS build the matrix once, straight from the data
 * columns, and rebuild it if refinement turns out to be needed after the QR overwrote it.
 */
export interface DesignSource {
  readonly n: number;
  readonly p: number;
  readonly scale: Float64Array;
  fill(out: Float64Array): void;
}

const EPS = 2.220446049250313e-16;
const SMALL = 2e6;

/** A power of two near 1/√ss: multiplying by it is exact, so the scaled problem has the same solution. */
export function equilibration(sumOfSquares: number): number {
  return sumOfSquares > 0 ? 2 ** -Math.round(Math.log2(Math.sqrt(sumOfSquares))) : 1;
}

/** Minimises ‖y − Xβ‖ for X n×p column-major (n > p); at most `maxRefinements` Björck steps (default 4). */
export function leastSquares(x: Float64Array, n: number, p: number, y: Float64Array, maxRefinements = 4): LeastSquares {
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let i = j * n; i < (j + 1) * n; i++) ss += (x[i] as number) * (x[i] as number);
    scale[j] = equilibration(ss);
  }
  const fill = (out: Float64Array): void => {
    for (let j = 0; j < p; j++) {
      const s = scale[j] as number;
      for (let i = j * n; i < (j + 1) * n; i++) out[i] = (x[i] as number) * s;
    }
  };
  return solveDesign({ n, p, scale, fill }, y, maxRefinements);
}

/** Least squares for a design source (see DesignSource). */
export function solveDesign(source: DesignSource, y: Float64Array, maxRefinements = 4): LeastSquares {
  const { n, p, scale } = source;
  const buffer = new Float64Array(n * p);
  source.fill(buffer);
  // Small problems keep an intact copy for refinement; large ones factorise in place and rebuild if needed.
  const keep = n * p <= SMALL ? buffer.slice() : null;
  const f = blockedQR(buffer, n, p, true);
  let maxDiag = 0;
  for (let k = 0; k < p; k++) maxDiag = Math.max(maxDiag, Math.abs(f.R[k * p + k] as number));
  const aliased: number[] = [];
  for (let k = 0; k < p; k++) if (!(Math.abs(f.R[k * p + k] as number) > 1e-10 * maxDiag)) aliased.push(k);
  if (aliased.length > 0) {
    const nan = (m: number): Float64Array => new Float64Array(m).fill(NaN);
    return { beta: nan(p), inverseGramDiagonal: nan(p), residuals: nan(n), aliased, refinements: 0, condition: Infinity };
  }
  // Initial solution: c = Qᵀ[0; y], b = R⁻¹c₁, r = Q[0; c₂] (top p entries of r belong to the zero rows).
  const cTop = new Float64Array(p);
  const r = y.slice();
  applyQt(f, cTop, r);
  const b = solveR(f, cTop);
  const rTop = new Float64Array(p);
  applyQ(f, rTop, r);
  const inv = inverseR(f);
  const kappa = conditionEstimate(f.R, inv, p);
  const limit = keep !== null || kappa >= 100 ? maxRefinements : 0;
  const xs = limit === 0 ? null : (keep ?? rebuilt(source));
  let steps = 0;
  while (xs !== null && steps < limit) {
    steps++;
    if (refine(f, xs, y, r, rTop, b, kappa)) break;
  }
  const beta = new Float64Array(p);
  const gram = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let d = 0;
    for (let k = j; k < p; k++) d += (inv[j * p + k] as number) ** 2;
    beta[j] = (b[j] as number) * (scale[j] as number);
    gram[j] = d * (scale[j] as number) ** 2;
  }
  return { beta, inverseGramDiagonal: gram, residuals: r, aliased, refinements: steps, condition: kappa };
}

function rebuilt(source: DesignSource): Float64Array {
  const out = new Float64Array(source.n * source.p);
  source.fill(out);
  return out;
}

/** ‖R‖_F · ‖R⁻¹‖_F (R column-major, R⁻¹ row-major). */
function conditionEstimate(R: Float64Array, inv: Float64Array, p: number): number {
  let normR = 0;
  let normInv = 0;
  for (let k = 0; k < p; k++) {
    for (let j = k; j < p; j++) {
      normR += (R[j * p + k] as number) ** 2;
      normInv += (inv[k * p + j] as number) ** 2;
    }
  }
  return Math.sqrt(normR * normInv);
}

/**
 * One Björck step on the scaled system; updates b, r, rTop in place. True when refinement is done: the
 * correction was ≤ 4ε‖b‖, or so small that the next one cannot matter. Each step shrinks the error by a
 * factor of about κ·ε (Björck 1967; Higham 2002, §20.5), so after a correction δ the next is ≈ κ·ε·δ, and
 * κ·δ ≤ 1e-4·‖b‖ makes that ≤ 1e-4·ε‖b‖: below an ulp of ‖b‖ even if the estimate's constant were 10³
 * (κ here is κ_F, an upper bound). On the survey designs (κ_F ≈ 40) the second step's correction was
 * exactly 0 every time.
 */
function refine(
  f: ReturnType<typeof blockedQR>,
  xs: Float64Array,
  y: Float64Array,
  r: Float64Array,
  rTop: Float64Array,
  b: Float64Array,
  kappa: number,
): boolean {
  const { n, p } = f;
  // Residuals of the augmented system: f = [0; y] − r − [0; X]b, g = −Xᵀr (double-double).
  const { f: fb, g } = refinementResiduals(xs, n, p, y, r, b);
  const fTop = new Float64Array(p);
  for (let k = 0; k < p; k++) fTop[k] = -(rTop[k] as number);
  const d1 = solveRt(f, g);
  applyQt(f, fTop, fb);
  const rhs = new Float64Array(p);
  for (let k = 0; k < p; k++) rhs[k] = (fTop[k] as number) - (d1[k] as number);
  const db = solveR(f, rhs);
  applyQ(f, d1, fb); // δr = Q[d1; h₂]: d1 becomes δr's top, fb its bottom
  let change = 0;
  let size = 0;
  for (let k = 0; k < p; k++) {
    b[k] = (b[k] as number) + (db[k] as number);
    change = Math.max(change, Math.abs(db[k] as number));
    size = Math.max(size, Math.abs(b[k] as number));
    rTop[k] = (rTop[k] as number) + (d1[k] as number);
  }
  addInto(r, r, fb);
  return change <= 4 * EPS * size || change * kappa <= 1e-4 * size;
}
