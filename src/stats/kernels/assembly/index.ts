// The statistics core's hot loops, in AssemblyScript compiled to WebAssembly (../binary.ts, built by
// scripts/wasm/build.ts). WebAssembly runs at full speed from the first call, where JavaScript first
// runs these loops in V8's interpreter and baseline tiers until the optimising compiler catches up: most
// of a fresh process's time on the report's workload. Each kernel is the JavaScript it replaced, operation
// for operation (IEEE double arithmetic, no fused multiply-add, no reordering), so results are bit-identical.
// Arrays are byte offsets into this module's memory (see ../index.ts); offset 0 means "none".
// This file is AssemblyScript, not TypeScript: tsconfig.json leaves this folder out.

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + ((<usize>i) << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + ((<usize>i) << 3), v);
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}

/** s0 + Σ x[xo+i]·y[yo+i] for i < len, summed left to right. */
export function dot(s0: f64, x: usize, xo: i32, y: usize, yo: i32, len: i32): f64 {
  let s = s0;
  for (let i = 0; i < len; i++) s += f64At(x, xo + i) * f64At(y, yo + i);
  return s;
}

// ---- Householder QR, block by block (flat-tree TSQR; see ../../tsqr.ts) ----

/**
 * Factorises [0_p; V] in place: V n×p column-major becomes the reflectors, R (p×p column-major, zeroed by
 * the caller) the triangle; v0 and vtv (blocks×p, zeroed) get each reflector's top entry and uᵀu.
 */
export function qr(v: usize, n: i32, p: i32, block: i32, R: usize, v0: usize, vtv: usize): void {
  const blocks = (n + block - 1) / block;
  for (let b = 0; b < blocks; b++) {
    const r0 = b * block;
    const len = min(n, r0 + block) - r0;
    for (let k = 0; k < p; k++) {
      const ck = k * n + r0;
      const top = f64At(R, k * p + k);
      const ss = dot(top * top, v, ck, v, ck, len);
      if (ss == 0) continue; // nothing to eliminate (vtv stays 0: identity reflector)
      const norm = Math.sqrt(ss);
      const alpha = top >= 0 ? -norm : norm;
      const head = top - alpha;
      const w = 2 * norm * (norm + Math.abs(top));
      const slot = b * p + k;
      setF64(v0, slot, head);
      setF64(vtv, slot, w);
      setF64(R, k * p + k, alpha);
      let j = k + 1;
      for (; j + 1 < p; j += 2) reflectPair(v, ck, len, head, w, j * n + r0, (j + 1) * n + r0, R, j * p + k, (j + 1) * p + k);
      if (j < p) reflectInto(v, ck, len, head, w, v, j * n + r0, R, j * p + k);
    }
  }
}

/** [top; y] ← Qᵀ[top; y] (top has p entries, y has n). */
export function applyQt(v: usize, v0: usize, vtv: usize, n: i32, p: i32, block: i32, top: usize, y: usize): void {
  const blocks = (n + block - 1) / block;
  for (let b = 0; b < blocks; b++) for (let k = 0; k < p; k++) reflect(v, v0, vtv, n, p, block, b, k, top, y);
}

/** [top; y] ← Q[top; y]. */
export function applyQ(v: usize, v0: usize, vtv: usize, n: i32, p: i32, block: i32, top: usize, y: usize): void {
  const blocks = (n + block - 1) / block;
  for (let b = blocks - 1; b >= 0; b--) for (let k = p - 1; k >= 0; k--) reflect(v, v0, vtv, n, p, block, b, k, top, y);
}

@inline function reflect(v: usize, v0: usize, vtv: usize, n: i32, p: i32, block: i32, b: i32, k: i32, top: usize, y: usize): void {
  const w = f64At(vtv, b * p + k);
  if (w == 0) return;
  const r0 = b * block;
  reflectInto(v, k * n + r0, min(n, r0 + block) - r0, f64At(v0, b * p + k), w, y, r0, top, k);
}

/** The reflector I − 2uuᵀ/w, u = (head; v[vo .. vo+len)), applied to (top[t]; y[yo .. yo+len)). */
function reflectInto(v: usize, vo: i32, len: i32, head: f64, w: f64, y: usize, yo: i32, top: usize, t: i32): void {
  let s = head * f64At(top, t);
  for (let i = 0; i < len; i++) s += f64At(v, vo + i) * f64At(y, yo + i);
  const g = (2 * s) / w;
  setF64(top, t, f64At(top, t) - g * head);
  for (let i = 0; i < len; i++) setF64(y, yo + i, f64At(y, yo + i) - g * f64At(v, vo + i));
}

/** The same reflector applied to columns c1 and c2 of v at once (top entries R[t1], R[t2]). */
function reflectPair(v: usize, vo: i32, len: i32, head: f64, w: f64, c1: i32, c2: i32, R: usize, t1: i32, t2: i32): void {
  let s1 = head * f64At(R, t1);
  let s2 = head * f64At(R, t2);
  for (let i = 0; i < len; i++) {
    const e = f64At(v, vo + i);
    s1 += e * f64At(v, c1 + i);
    s2 += e * f64At(v, c2 + i);
  }
  const f1 = (2 * s1) / w;
  const f2 = (2 * s2) / w;
  setF64(R, t1, f64At(R, t1) - f1 * head);
  setF64(R, t2, f64At(R, t2) - f2 * head);
  for (let i = 0; i < len; i++) {
    const e = f64At(v, vo + i);
    setF64(v, c1 + i, f64At(v, c1 + i) - f1 * e);
    setF64(v, c2 + i, f64At(v, c2 + i) - f2 * e);
  }
}

// ---- Residuals in double-double for iterative refinement (Dekker 1971; Ogita, Rump & Oishi 2005) ----

const SPLITTER: f64 = 134217729; // 2^27 + 1, Dekker's splitting constant

/**
 * f = y − r − X b and g = −Xᵀ r, each accumulated in double-double (error-free TwoSum/TwoProduct), for
 * x n×p column-major; hi and lo are n-long work arrays.
 */
export function residuals(x: usize, n: i32, p: i32, y: usize, r: usize, b: usize, hi: usize, lo: usize, f: usize, g: usize): void {
  for (let i = 0; i < n; i++) {
    // (hi, lo) ← (y, 0) − r, keeping the rounding error of each subtraction in lo (TwoSum)
    const a = -f64At(r, i);
    const h = f64At(y, i);
    const s = h + a;
    const bb = s - h;
    setF64(hi, i, s);
    setF64(lo, i, 0 + (h - (s - bb) + (a - bb)));
  }
  for (let j = 0; j < p; j++) {
    const bj = f64At(b, j);
    const t = SPLITTER * bj;
    const bh = t - (t - bj);
    setF64(g, j, -columnResiduals(hi, lo, x, j * n, bj, bh, bj - bh, r, n));
  }
  for (let i = 0; i < n; i++) setF64(f, i, f64At(hi, i) + f64At(lo, i));
}

/**
 * Column j of X (x[offset ..]), in one pass: (hi, lo) ← (hi, lo) − x·bj in double-double, and returns
 * Σ x[offset+i]·r[i] in double-double (Dot2). Each x is split once for both.
 */
function columnResiduals(hi: usize, lo: usize, x: usize, offset: i32, bj: f64, bh: f64, bl: f64, r: usize, n: i32): f64 {
  let s: f64 = 0;
  let c: f64 = 0;
  for (let i = 0; i < n; i++) {
    const a = f64At(x, offset + i);
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    const ph = a * bj;
    const pl = al * bl - (ph - ah * bh - al * bh - ah * bl);
    const h = f64At(hi, i);
    const sh = h - ph;
    const bb = sh - h;
    setF64(hi, i, sh);
    setF64(lo, i, f64At(lo, i) + (h - (sh - bb) + (-ph - bb)) - pl);
    const ri = f64At(r, i);
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

/** out[i] = a[i] + b[i] for i < n (out may be a or b). */
export function addInto(out: usize, a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i++) setF64(out, i, f64At(a, i) + f64At(b, i));
}

// ---- Tabulation (frequencies and crosstabs) ----

/**
 * Counts and weight sums per (row, column) cell, row-major with nCol columns, and rows with a missing row
 * code per column. colCodes 0: one column. weights 0: unit weights. mask 0: every row; else only the rows
 * whose mask byte is 1 (as everywhere in the core).
 */
export function tabulate(rowCodes: usize, colCodes: usize, nCol: i32, weights: usize, mask: usize, n: i32, counts: usize, sums: usize, missing: usize): void {
  for (let i = 0; i < n; i++) {
    if (mask != 0 && load<u8>(mask + <usize>i) != 1) continue;
    const c = colCodes == 0 ? 0 : i32At(colCodes, i);
    if (c < 0) continue;
    const r = i32At(rowCodes, i);
    if (r < 0) {
      setF64(missing, c, f64At(missing, c) + 1);
      continue;
    }
    const cell = r * nCol + c;
    setF64(counts, cell, f64At(counts, cell) + 1);
    setF64(sums, cell, f64At(sums, cell) + (weights == 0 ? 1 : f64At(weights, i)));
  }
}

// ---- Gathering rows of data columns (listwise deletion keeps the rows listed in `rows`) ----

/** out[offset + r] = values[rows[r]] · s for r < n. */
export function gatherScaled(out: usize, offset: i32, values: usize, rows: usize, n: i32, s: f64): void {
  for (let r = 0; r < n; r++) setF64(out, offset + r, f64At(values, i32At(rows, r)) * s);
}

/** out[offset + r] = s where codes[rows[r]] = code, for r < n (other entries are left as they are). */
export function gatherDummy(out: usize, offset: i32, codes: usize, code: i32, rows: usize, n: i32, s: f64): void {
  for (let r = 0; r < n; r++) if (i32At(codes, i32At(rows, r)) == code) setF64(out, offset + r, s);
}

/** Σ values[rows[r]]² for r < n. */
export function sumOfSquaresAt(values: usize, rows: usize, n: i32): f64 {
  let ss: f64 = 0;
  for (let r = 0; r < n; r++) {
    const v = f64At(values, i32At(rows, r));
    ss += v * v;
  }
  return ss;
}

/** Σ (ŷᵢ − mean ŷ)² with ŷ = y − r (two passes: the mean first). */
export function modelSumOfSquares(y: usize, r: usize, n: i32): f64 {
  let mean: f64 = 0;
  for (let i = 0; i < n; i++) mean += f64At(y, i) - f64At(r, i);
  mean /= n;
  let mss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = f64At(y, i) - f64At(r, i) - mean;
    mss += d * d;
  }
  return mss;
}

/** x[offset + r] −= their mean, for r < n (two passes: the mean first). */
export function centre(x: usize, offset: i32, n: i32): void {
  let mean: f64 = 0;
  for (let r = 0; r < n; r++) mean += f64At(x, offset + r);
  mean /= n;
  for (let r = 0; r < n; r++) setF64(x, offset + r, f64At(x, offset + r) - mean);
}

/** sum[i] += col[i] and valid[i] += 1 where col[i] is not NaN, for i < n. */
export function addValid(sum: usize, valid: usize, col: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const v = f64At(col, i);
    if (v == v) {
      setF64(sum, i, f64At(sum, i) + v);
      store<i32>(valid + ((<usize>i) << 2), i32At(valid, i) + 1);
    }
  }
}

// ---- Answer codes as categories (integer-valued columns with a small range) ----

/**
 * range ← [min, max] of the n values that are not NaN (min > max if there are none), or [NaN, NaN] if one is
 * not an integer or they include ±Infinity.
 */
export function integerRange(values: usize, n: i32, range: usize): void {
  let min = Infinity;
  let max = -Infinity;
  setF64(range, 0, NaN);
  setF64(range, 1, NaN);
  for (let i = 0; i < n; i++) {
    const v = f64At(values, i);
    if (v != v) continue;
    if (v != Math.floor(v)) return;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min <= max && !isFinite(max - min)) return;
  setF64(range, 0, min);
  setF64(range, 1, max);
}

/** codes[i] = values[i] − min (−1 when NaN), setting present[code] = 1 for each code that occurs. */
export function offsetCodes(values: usize, n: i32, min: f64, codes: usize, present: usize): void {
  for (let i = 0; i < n; i++) {
    const v = f64At(values, i);
    if (v == v) {
      const c = <i32>(v - min);
      store<i32>(codes + ((<usize>i) << 2), c);
      store<u8>(present + <usize>c, 1);
    } else {
      store<i32>(codes + ((<usize>i) << 2), -1);
    }
  }
}

/** codes[i] ← table[codes[i]] for the codes that are not missing (≥ 0). */
export function remapCodes(codes: usize, n: i32, table: usize): void {
  for (let i = 0; i < n; i++) {
    const c = i32At(codes, i);
    if (c >= 0) store<i32>(codes + ((<usize>i) << 2), i32At(table, c));
  }
}
