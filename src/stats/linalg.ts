// A small dense solver in JavaScript (the QR and the double-double residuals of least-squares
// refinement are WebAssembly kernels: kernels/assembly).
// Total kernels: no validation here, callers check shapes.

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
