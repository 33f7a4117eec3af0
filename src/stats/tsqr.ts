// Householder QR of a tall n×p matrix computed block by block (flat-tree TSQR, Demmel et al. 2012): the
// running triangle R is stacked on each block of rows and triangularised again, so every step works
// on cache-sized data. Reflectors are kept so Q and Qᵀ can be applied (needed for refinement).
// The factorised matrix is [0_p; X] (p zero rows on top), whose least-squares problem equals X's.
// The loops over rows run in the WebAssembly kernels (kernels/assembly/index.ts); the matrix and its
// reflectors live in their scratch memory, R and the small p-vectors in JavaScript.

import type { Offset, Scratch } from './kernels/index.ts';

/** Blocked QR: R (p×p, column-major, upper) plus per-block reflectors in scratch memory. */
export interface BlockedQR {
  readonly n: number;
  readonly p: number;
  readonly block: number;
  /** R(k, j) = R[j·p + k] for k ≤ j. */
  readonly R: Float64Array;
  /** Reflector parts below the top, column-major n×p (block b, column k: rows of block b). */
  readonly v: Offset;
  /** Reflector entry on the top row k, and uᵀu, per (block, k). */
  readonly v0: Offset;
  readonly vtv: Offset;
  /** p doubles through which top vectors pass to the kernels. */
  readonly top: Offset;
}

/**
 * Factorises [0; x] for x n×p column-major at `x` in scratch memory, overwriting it with the reflectors.
 * Columns should be equilibrated (norms near 1), so sums of squares need no overflow guard.
 */
export function blockedQR(scratch: Scratch, x: Offset, n: number, p: number, block = 256): BlockedQR {
  const blocks = Math.ceil(n / block);
  const R = scratch.f64(p * p);
  const v0 = scratch.f64(blocks * p);
  const vtv = scratch.f64(blocks * p);
  const top = scratch.f64(p);
  scratch.kernels.qr(x, n, p, block, R, v0, vtv);
  return { n, p, block, R: scratch.float64(R, p * p).slice(), v: x, v0, vtv, top };
}

/** [top; y] ← Qᵀ [top; y] (top has p entries, y has n, in scratch memory). */
export function applyQt(scratch: Scratch, f: BlockedQR, top: Float64Array, y: Offset): void {
  scratch.float64(f.top, f.p).set(top);
  scratch.kernels.applyQt(f.v, f.v0, f.vtv, f.n, f.p, f.block, f.top, y);
  top.set(scratch.float64(f.top, f.p));
}

/** [top; y] ← Q [top; y]. */
export function applyQ(scratch: Scratch, f: BlockedQR, top: Float64Array, y: Offset): void {
  scratch.float64(f.top, f.p).set(top);
  scratch.kernels.applyQ(f.v, f.v0, f.vtv, f.n, f.p, f.block, f.top, y);
  top.set(scratch.float64(f.top, f.p));
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
