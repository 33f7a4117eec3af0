// Dense linear algebra kernels: products in double-double precision (Dekker 1971, Ogita-Rump-Oishi 2005
// "Dot2") for least-squares refinement, and a small pivoted solver. (The QR itself is in tsqr.ts.)
// Loops over rows live in small monomorphic functions with nothing after the loop, so the code V8
// compiles for them during the first calls stays valid for every later one.
// Total kernels: no validation here, callers check shapes.

const SPLITTER = 134217729; // 2^27 + 1, Dekker's splitting constant

/** s0 + Σ x[xo+i]·y[yo+i] for i < len, summed left to right. */
export function dotFrom(s0: number, x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s = s0;
  for (let i = 0; i < len; i++) s += (x[xo + i] as number) * (y[yo + i] as number);
  return s;
}

/** out[i] = a[i] + b[i] (out may be a or b). */
export function addInto(out: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) + (b[i] as number);
}

/**
 * f = y − r − X b and g = −Xᵀ r, each accumulated in double-double (error-free TwoSum/TwoProduct),
 * the residuals Björck's (1967) iterative refinement of least squares needs.
 */
export function refinementResiduals(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  r: Float64Array,
  b: Float64Array,
): { f: Float64Array; g: Float64Array } {
  const hi = y.slice();
  const lo = new Float64Array(n);
  const f = new Float64Array(n);
  const g = new Float64Array(p);
  subtractTwoSum(hi, lo, r, n);
  for (let j = 0; j < p; j++) {
    const bj = b[j] as number;
    const t = SPLITTER * bj;
    const bh = t - (t - bj);
    g[j] = -columnResiduals(hi, lo, x, j * n, bj, bh, bj - bh, r, n);
  }
  addInto(f, hi, lo);
  return { f, g };
}

/** (hi, lo) ← (hi, lo) − r, with the rounding error of each subtraction kept in lo (TwoSum). */
function subtractTwoSum(hi: Float64Array, lo: Float64Array, r: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const a = -(r[i] as number);
    const h = hi[i] as number;
    const s = h + a;
    const bb = s - h;
    hi[i] = s;
    lo[i] = (lo[i] as number) + (h - (s - bb) + (a - bb));
  }
}

/**
 * Column j of X, x[offset .. offset+n), in one pass: (hi, lo) ← (hi, lo) − x·bj in double-double
 * (Dekker's TwoProduct with bj = bh + bl, then TwoSum), and returns Σ x[offset+i]·r[i] in double-double
 * (Ogita, Rump & Oishi 2005, Dot2). Each x is split once for both.
 */
function columnResiduals(
  hi: Float64Array,
  lo: Float64Array,
  x: Float64Array,
  offset: number,
  bj: number,
  bh: number,
  bl: number,
  r: Float64Array,
  n: number,
): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const a = x[offset + i] as number;
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    // (hi, lo) −= a·bj
    const ph = a * bj;
    const pl = al * bl - (ph - ah * bh - al * bh - ah * bl);
    const h = hi[i] as number;
    const sh = h - ph;
    const bb = sh - h;
    hi[i] = sh;
    lo[i] = (lo[i] as number) + (h - (sh - bb) + (-ph - bb)) - pl;
    // (s, c) += a·r[i]
    const ri = r[i] as number;
    t = SPLITTER * ri;
    const rh = t - (t - ri);
    const rl = ri - rh;
    const q = a * ri;
    const ql = al * rl - (q - ah * rh - al * rh - ah * rl);
    const sum = s + q;
    const z = sum - s;
    c += s - (sum - z) + (q - z) + ql;
    s = sum;
  }
  return s + c;
}

/** Solves A X = B for square A (m×m, row-major) and B (m×k, row-major) by LU with partial pivoting. */
export function solveDense(a: Float64Array, b: Float64Array, m: number, k: number): Float64Array {
  const lu = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(lu[r * m + c] as number) > Math.abs(lu[piv * m + c] as number)) piv = r;
    if (piv !== c) {
      swapRows(lu, c, piv, m);
      swapRows(x, c, piv, k);
    }
    const d = lu[c * m + c] as number;
    for (let r = c + 1; r < m; r++) {
      const f = (lu[r * m + c] as number) / d;
      if (f === 0) continue;
      for (let j = c; j < m; j++) lu[r * m + j] = (lu[r * m + j] as number) - f * (lu[c * m + j] as number);
      for (let j = 0; j < k; j++) x[r * k + j] = (x[r * k + j] as number) - f * (x[c * k + j] as number);
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    const d = lu[c * m + c] as number;
    for (let j = 0; j < k; j++) {
      let s = x[c * k + j] as number;
      for (let r = c + 1; r < m; r++) s -= (lu[c * m + r] as number) * (x[r * k + j] as number);
      x[c * k + j] = s / d;
    }
  }
  return x;
}

function swapRows(a: Float64Array, r1: number, r2: number, width: number): void {
  for (let j = 0; j < width; j++) {
    const t = a[r1 * width + j] as number;
    a[r1 * width + j] = a[r2 * width + j] as number;
    a[r2 * width + j] = t;
  }
}
