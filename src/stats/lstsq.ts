// Least-squares solver behind OLS: column equilibration by powers of two (exact), blocked Householder QR
// (tsqr.ts), and Björck's (1967) iterative refinement of the augmented system [I X; Xᵀ 0][r; b] = [y; 0]
// with residuals in double-double, which recovers the digits plain QR loses on ill-conditioned designs
// (NIST Longley, Wampler, Filip). Refinement runs while a next correction could still move the solution
// by an ulp (see refine), for every problem up to 2·10⁶ matrix entries (where it costs little) and for
// ill-conditioned ones of any size (κ_F(R) ≥ 100); a large well-conditioned design is already accurate to
// ~κ²·ε ≈ 1e-13 without it (Higham 2002, §20.1), and skipping it halves the time on a million rows.

import { withScratch, type Offset, type Scratch } from './kernels/index.ts';
import { applyQ, applyQt, blockedQR, inverseR, solveR, solveRt, type BlockedQR } from './tsqr.ts';

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
 * columns, into the kernels' memory, and rebuild it if refinement turns out to be needed after the QR
 * overwrote it.
 */
export interface DesignSource {
  readonly n: number;
  readonly p: number;
  readonly scale: Float64Array;
  /** Writes the design into `out`, a zero-filled n×p array of `scratch` (offsets from an enclosing scratch stay valid). */
  fill(scratch: Scratch, out: Offset): void;
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
  const fill = (scratch: Scratch, at: Offset): void => {
    const out = scratch.float64(at, n * p);
    for (let j = 0; j < p; j++) {
      const s = scale[j] as number;
      for (let i = j * n; i < (j + 1) * n; i++) out[i] = (x[i] as number) * s;
    }
  };
  return solveDesign({ n, p, scale, fill }, y, maxRefinements);
}

/** Least squares for a design source (see DesignSource). */
export function solveDesign(source: DesignSource, y: Float64Array, maxRefinements = 4): LeastSquares {
  return withScratch((scratch) => solveIn(scratch, source, y, maxRefinements));
}

function solveIn(scratch: Scratch, source: DesignSource, y: Float64Array, maxRefinements: number): LeastSquares {
  const { n, p, scale } = source;
  const x = filled(scratch, source);
  // Small problems keep an intact copy for refinement; large ones factorise in place and rebuild if needed.
  const keep = n * p <= SMALL ? scratch.f64Copy(x, n * p) : 0;
  const f = blockedQR(scratch, x, n, p);
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
  const r = scratch.f64From(y);
  applyQt(scratch, f, cTop, r);
  const b = solveR(f, cTop);
  const rTop = new Float64Array(p);
  applyQ(scratch, f, rTop, r);
  const inv = inverseR(f);
  const kappa = conditionEstimate(f.R, inv, p);
  const limit = keep !== 0 || kappa >= 100 ? maxRefinements : 0;
  let steps = 0;
  if (limit > 0) {
    const work: Refinement = {
      f,
      x: keep !== 0 ? keep : filled(scratch, source),
      y: scratch.f64From(y),
      r,
      rTop,
      b,
      kappa,
      ...refinementArrays(scratch, n, p),
    };
    while (steps < limit) {
      steps++;
      if (refine(scratch, work)) break;
    }
  }
  const beta = new Float64Array(p);
  const gram = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let d = 0;
    for (let k = j; k < p; k++) d += (inv[j * p + k] as number) ** 2;
    beta[j] = (b[j] as number) * (scale[j] as number);
    gram[j] = d * (scale[j] as number) ** 2;
  }
  return { beta, inverseGramDiagonal: gram, residuals: scratch.float64(r, n).slice(), aliased, refinements: steps, condition: kappa };
}

/** The equilibrated design, written by the source into a zero-filled n×p array of scratch memory. */
function filled(scratch: Scratch, source: DesignSource): Offset {
  const at = scratch.f64(source.n * source.p);
  source.fill(scratch, at);
  return at;
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

/** What a Björck step reads and updates; x, y, r and the work arrays are in scratch memory. */
interface Refinement {
  readonly f: BlockedQR;
  /** The intact (equilibrated) design. */
  readonly x: Offset;
  readonly y: Offset;
  /** Residuals, updated in place (bottom n entries); rTop holds the top p. */
  readonly r: Offset;
  readonly rTop: Float64Array;
  /** The scaled solution, updated in place. */
  readonly b: Float64Array;
  readonly kappa: number;
  readonly bAt: Offset;
  readonly hi: Offset;
  readonly lo: Offset;
  readonly fb: Offset;
  readonly g: Offset;
}

function refinementArrays(scratch: Scratch, n: number, p: number): Pick<Refinement, 'bAt' | 'hi' | 'lo' | 'fb' | 'g'> {
  return { bAt: scratch.f64(p), hi: scratch.f64(n), lo: scratch.f64(n), fb: scratch.f64(n), g: scratch.f64(p) };
}

/**
 * One Björck step on the scaled system; updates b, r, rTop in place. True when refinement is done: the
 * correction was ≤ 4ε‖b‖, or so small that the next one cannot matter. Each step shrinks the error by a
 * factor of about κ·ε (Björck 1967; Higham 2002, §20.5), so after a correction δ the next is ≈ κ·ε·δ, and
 * κ·δ ≤ 1e-4·‖b‖ makes that ≤ 1e-4·ε‖b‖: below an ulp of ‖b‖ even if the estimate's constant were 10³
 * (κ here is κ_F, an upper bound). On the survey designs (κ_F ≈ 40) the second step's correction was
 * exactly 0 every time.
 */
function refine(scratch: Scratch, w: Refinement): boolean {
  const { f, b, rTop } = w;
  const { n, p } = f;
  const k = scratch.kernels;
  // Residuals of the augmented system: f = [0; y] − r − [0; X]b, g = −Xᵀr (double-double).
  scratch.float64(w.bAt, p).set(b);
  k.residuals(w.x, n, p, w.y, w.r, w.bAt, w.hi, w.lo, w.fb, w.g);
  const fTop = new Float64Array(p);
  for (let j = 0; j < p; j++) fTop[j] = -(rTop[j] as number);
  const d1 = solveRt(f, scratch.float64(w.g, p));
  applyQt(scratch, f, fTop, w.fb);
  const rhs = new Float64Array(p);
  for (let j = 0; j < p; j++) rhs[j] = (fTop[j] as number) - (d1[j] as number);
  const db = solveR(f, rhs);
  applyQ(scratch, f, d1, w.fb); // δr = Q[d1; h₂]: d1 becomes δr's top, fb its bottom
  let change = 0;
  let size = 0;
  for (let j = 0; j < p; j++) {
    b[j] = (b[j] as number) + (db[j] as number);
    change = Math.max(change, Math.abs(db[j] as number));
    size = Math.max(size, Math.abs(b[j] as number));
    rTop[j] = (rTop[j] as number) + (d1[j] as number);
  }
  k.addInto(w.r, w.r, w.fb, n);
  return change <= 4 * EPS * size || change * w.kappa <= 1e-4 * size;
}
