// Dense linear algebra kernels for least squares: Householder QR on column-major Float64Array, products
// in double-double precision (Dekker 1971, Ogita-Rump-Oishi 2005 "Dot2"), and a small pivoted solver.
// Total kernels: no validation here, callers check shapes.

/** Householder QR of an n×p column-major matrix (Golub & Van Loan §5.2). R's strict upper part and the
 * Householder vectors are stored in `qr`, R's diagonal in `rdiag`, vᵀv per reflector in `vtv`. */
export interface QR {
  readonly n: number;
  readonly p: number;
  readonly qr: Float64Array;
  readonly rdiag: Float64Array;
  readonly vtv: Float64Array;
}

/** Factorises a copy of `a` (n×p, column-major, n ≥ p). */
export function householderQR(a: Float64Array, n: number, p: number): QR {
  const qr = Float64Array.from(a);
  const rdiag = new Float64Array(p);
  const vtv = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const ck = k * n;
    let scale = 0;
    for (let i = k; i < n; i++) scale = Math.max(scale, Math.abs(qr[ck + i] as number));
    let ss = 0;
    if (scale > 0) {
      for (let i = k; i < n; i++) {
        const v = (qr[ck + i] as number) / scale;
        ss += v * v;
      }
    }
    const norm = scale * Math.sqrt(ss);
    if (norm === 0) {
      rdiag[k] = 0;
      vtv[k] = 0;
      continue;
    }
    const x0 = qr[ck + k] as number;
    const alpha = x0 >= 0 ? -norm : norm;
    qr[ck + k] = x0 - alpha;
    vtv[k] = 2 * norm * (norm + Math.abs(x0));
    rdiag[k] = alpha;
    for (let j = k + 1; j < p; j++) {
      const cj = j * n;
      let s = 0;
      for (let i = k; i < n; i++) s += (qr[ck + i] as number) * (qr[cj + i] as number);
      const f = (2 * s) / (vtv[k] as number);
      for (let i = k; i < n; i++) qr[cj + i] = (qr[cj + i] as number) - f * (qr[ck + i] as number);
    }
  }
  return { n, p, qr, rdiag, vtv };
}

/** y ← Qᵀ y (length n). */
export function applyQt(f: QR, y: Float64Array): void {
  for (let k = 0; k < f.p; k++) reflect(f, k, y);
}

/** y ← Q y (length n). */
export function applyQ(f: QR, y: Float64Array): void {
  for (let k = f.p - 1; k >= 0; k--) reflect(f, k, y);
}

function reflect(f: QR, k: number, y: Float64Array): void {
  const vtv = f.vtv[k] as number;
  if (vtv === 0) return;
  const ck = k * f.n;
  let s = 0;
  for (let i = k; i < f.n; i++) s += (f.qr[ck + i] as number) * (y[i] as number);
  const g = (2 * s) / vtv;
  for (let i = k; i < f.n; i++) y[i] = (y[i] as number) - g * (f.qr[ck + i] as number);
}

/** R(k, j) for k ≤ j. */
export function rAt(f: QR, k: number, j: number): number {
  return k === j ? (f.rdiag[k] as number) : (f.qr[j * f.n + k] as number);
}

/** Solves R x = b (b's first p entries); returns x. */
export function solveR(f: QR, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(f.p);
  for (let k = f.p - 1; k >= 0; k--) {
    let s = b[k] as number;
    for (let j = k + 1; j < f.p; j++) s -= rAt(f, k, j) * (x[j] as number);
    x[k] = s / (f.rdiag[k] as number);
  }
  return x;
}

/** Solves Rᵀ x = b; returns x. */
export function solveRt(f: QR, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(f.p);
  for (let k = 0; k < f.p; k++) {
    let s = b[k] as number;
    for (let j = 0; j < k; j++) s -= rAt(f, j, k) * (x[j] as number);
    x[k] = s / (f.rdiag[k] as number);
  }
  return x;
}

/** Diagonal of (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, i.e. of (XᵀX)⁻¹. */
export function inverseGramDiagonal(f: QR): Float64Array {
  const p = f.p;
  const inv = new Float64Array(p * p); // R⁻¹, upper triangular, row-major
  for (let c = 0; c < p; c++) {
    for (let k = c; k >= 0; k--) {
      let s = k === c ? 1 : 0;
      for (let j = k + 1; j <= c; j++) s -= rAt(f, k, j) * (inv[j * p + c] as number);
      inv[k * p + c] = s / (f.rdiag[k] as number);
    }
  }
  const diag = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = j; k < p; k++) s += (inv[j * p + k] as number) ** 2;
    diag[j] = s;
  }
  return diag;
}

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
    for (let i = 0; i < n; i++) {
      const [ph, pl] = twoProduct(x[cj + i] as number, bj);
      addTo(hi, lo, i, -ph, -pl);
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

function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
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
