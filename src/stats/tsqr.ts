// Householder QR of a tall n×p matrix computed block by block (flat-tree TSQR, Demmel et al. 2012): the
// running triangle R is stacked on each block of rows and triangularised again, so every step works
// on cache-sized data. Reflectors are kept so Q and Qᵀ can be applied (needed for refinement).
// The factorised matrix is [0_p; X] (p zero rows on top), whose least-squares problem equals X's.
// The loops over rows are in small monomorphic kernels (reflectPair, reflectInto): V8 optimises them after
// a few calls, and from then on every caller, the factorisation as well as Q and Qᵀ, runs them at full speed.

import { dotFrom } from './linalg.ts';

/** Blocked QR: R (p×p, column-major, upper) plus per-block reflectors. */
export interface BlockedQR {
  readonly n: number;
  readonly p: number;
  readonly block: number;
  /** R(k, j) = R[j·p + k] for k ≤ j. */
  readonly R: Float64Array;
  /** Reflector parts below the top, column-major n×p (block b, column k: rows of block b). */
  readonly v: Float64Array;
  /** Reflector entry on the top row k, and vᵀv, per (block, k). */
  readonly v0: Float64Array;
  readonly vtv: Float64Array;
}

/**
 * Factorises [0; x] for x n×p column-major. With `inPlace` x is overwritten by the reflectors, otherwise
 * copied. Columns should be equilibrated (norms near 1), so sums of squares need no overflow guard.
 */
export function blockedQR(x: Float64Array, n: number, p: number, inPlace = false, block = 256): BlockedQR {
  const v = inPlace ? x : Float64Array.from(x);
  const R = new Float64Array(p * p);
  const blocks = Math.ceil(n / block);
  const v0 = new Float64Array(blocks * p);
  const vtv = new Float64Array(blocks * p);
  for (let b = 0; b < blocks; b++) {
    const r0 = b * block;
    const len = Math.min(n, r0 + block) - r0;
    for (let k = 0; k < p; k++) {
      const ck = k * n + r0;
      const top = R[k * p + k] as number;
      const ss = dotFrom(top * top, v, ck, v, ck, len);
      if (ss === 0) continue; // nothing to eliminate (vtv stays 0: identity reflector)
      const norm = Math.sqrt(ss);
      const alpha = top >= 0 ? -norm : norm;
      const head = top - alpha;
      const w = 2 * norm * (norm + Math.abs(top));
      const slot = b * p + k;
      v0[slot] = head;
      vtv[slot] = w;
      R[k * p + k] = alpha;
      let j = k + 1;
      for (; j + 1 < p; j += 2) reflectPair(v, ck, len, head, w, j * n + r0, (j + 1) * n + r0, R, j * p + k, (j + 1) * p + k);
      if (j < p) reflectInto(v, ck, len, head, w, v, j * n + r0, R, j * p + k);
    }
  }
  return { n, p, block, R, v, v0, vtv };
}

/** [top; y] ← Qᵀ [top; y] (top has p entries, y has n). */
export function applyQt(f: BlockedQR, top: Float64Array, y: Float64Array): void {
  const blocks = Math.ceil(f.n / f.block);
  for (let b = 0; b < blocks; b++) for (let k = 0; k < f.p; k++) reflect(f.v, f.v0, f.vtv, f.n, f.p, f.block, b, k, top, y);
}

/** [top; y] ← Q [top; y]. */
export function applyQ(f: BlockedQR, top: Float64Array, y: Float64Array): void {
  const blocks = Math.ceil(f.n / f.block);
  for (let b = blocks - 1; b >= 0; b--) for (let k = f.p - 1; k >= 0; k--) reflect(f.v, f.v0, f.vtv, f.n, f.p, f.block, b, k, top, y);
}

/** Applies reflector k of block b to [top; y]. */
function reflect(
  v: Float64Array,
  v0: Float64Array,
  vtv: Float64Array,
  n: number,
  p: number,
  block: number,
  b: number,
  k: number,
  top: Float64Array,
  y: Float64Array,
): void {
  const w = vtv[b * p + k] as number;
  if (w === 0) return;
  const r0 = b * block;
  reflectInto(v, k * n + r0, Math.min(n, r0 + block) - r0, v0[b * p + k] as number, w, y, r0, top, k);
}

/**
 * The reflector I − 2uuᵀ/w with u = (head; v[vo .. vo+len)) applied to the vector (top[t]; y[yo .. yo+len)).
 * One kernel for the factorisation (an odd last column) and for applying Q and Qᵀ.
 */
function reflectInto(
  v: Float64Array,
  vo: number,
  len: number,
  head: number,
  w: number,
  y: Float64Array,
  yo: number,
  top: Float64Array,
  t: number,
): void {
  let s = head * (top[t] as number);
  for (let i = 0; i < len; i++) s += (v[vo + i] as number) * (y[yo + i] as number);
  const g = (2 * s) / w;
  top[t] = (top[t] as number) - g * head;
  for (let i = 0; i < len; i++) y[yo + i] = (y[yo + i] as number) - g * (v[vo + i] as number);
}

/** The same reflector applied to columns c1 and c2 of v at once (top entries R[t1], R[t2]): half the loads of u. */
function reflectPair(
  v: Float64Array,
  vo: number,
  len: number,
  head: number,
  w: number,
  c1: number,
  c2: number,
  R: Float64Array,
  t1: number,
  t2: number,
): void {
  let s1 = head * (R[t1] as number);
  let s2 = head * (R[t2] as number);
  for (let i = 0; i < len; i++) {
    const e = v[vo + i] as number;
    s1 += e * (v[c1 + i] as number);
    s2 += e * (v[c2 + i] as number);
  }
  const f1 = (2 * s1) / w;
  const f2 = (2 * s2) / w;
  R[t1] = (R[t1] as number) - f1 * head;
  R[t2] = (R[t2] as number) - f2 * head;
  for (let i = 0; i < len; i++) {
    const e = v[vo + i] as number;
    v[c1 + i] = (v[c1 + i] as number) - f1 * e;
    v[c2 + i] = (v[c2 + i] as number) - f2 * e;
  }
}

/** Solves R x = b. */
export function solveR(f: BlockedQR, b: ArrayLike<number>): Float64Array {
  const { p, R } = f;
  const x = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k] as number;
    for (let j = k + 1; j < p; j++) s -= (R[j * p + k] as number) * (x[j] as number);
    x[k] = s / (R[k * p + k] as number);
  }
  return x;
}

/** Solves Rᵀ x = b. */
export function solveRt(f: BlockedQR, b: ArrayLike<number>): Float64Array {
  const { p, R } = f;
  const x = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let s = b[k] as number;
    for (let j = 0; j < k; j++) s -= (R[k * p + j] as number) * (x[j] as number);
    x[k] = s / (R[k * p + k] as number);
  }
  return x;
}

/** R⁻¹ (upper triangular, row-major p×p). */
export function inverseR(f: BlockedQR): Float64Array {
  const { p, R } = f;
  const inv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let k = c; k >= 0; k--) {
      let s = k === c ? 1 : 0;
      for (let j = k + 1; j <= c; j++) s -= (R[j * p + k] as number) * (inv[j * p + c] as number);
      inv[k * p + c] = s / (R[k * p + k] as number);
    }
  }
  return inv;
}
