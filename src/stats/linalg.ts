// Dense linear algebra kernels: products in double-double precision (Dekker 1971, Ogita-Rump-Oishi 2005
// "Dot2") for least-squares refinement, and a small pivoted solver. (The QR itself is in tsqr.ts.)
// Total kernels: no validation here, callers check shapes.

const SPLITTER = 134217729; // 2^27 + 1, Dekker's splitting constant

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
  const hi = Float64Array.from(y);
  const lo = new Float64Array(n);
  for (let i = 0; i < n; i++) addTo(hi, lo, i, -(r[i] as number), 0);
  for (let j = 0; j < p; j++) {
    const bj = b[j] as number;
    const cj = j * n;
    let t = SPLITTER * bj;
    const bh = t - (t - bj);
    const bl = bj - bh;
    for (let i = 0; i < n; i++) {
      // TwoProduct(x_ij, b_j) inlined (Dekker): allocation-free in the hot loop
      const a = x[cj + i] as number;
      const ph = a * bj;
      t = SPLITTER * a;
      const ah = t - (t - a);
      const al = a - ah;
      const pl = al * bl - (ph - ah * bh - al * bh - ah * bl);
      // TwoSum(hi, −ph)
      const h = hi[i] as number;
      const s = h - ph;
      const bb = s - h;
      const e = h - (s - bb) + (-ph - bb);
      hi[i] = s;
      lo[i] = (lo[i] as number) + e - pl;
    }
  }
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = (hi[i] as number) + (lo[i] as number);
  const g = new Float64Array(p);
  for (let j = 0; j < p; j++) g[j] = -dot2(x, j * n, r, n);
  return { f, g };
}

function addTo(hi: Float64Array, lo: Float64Array, i: number, a: number, aLow: number): void {
  const h = hi[i] as number;
  const s = h + a;
  const bb = s - h;
  const e = h - (s - bb) + (a - bb);
  hi[i] = s;
  lo[i] = (lo[i] as number) + e + aLow;
}

/** Σ x[offset+i]·r[i] in double-double (Ogita, Rump & Oishi 2005, Dot2). */
function dot2(x: Float64Array, offset: number, r: Float64Array, n: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const a = x[offset + i] as number;
    const b = r[i] as number;
    const p = a * b;
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    t = SPLITTER * b;
    const bh = t - (t - b);
    const bl = b - bh;
    const pl = al * bl - (p - ah * bh - al * bh - ah * bl);
    const sum = s + p;
    const z = sum - s;
    c += s - (sum - z) + (p - z) + pl;
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
