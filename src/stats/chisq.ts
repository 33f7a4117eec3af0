// Chi-square test of independence for a two-way table: Pearson's X² without weights, and under weights
// the Rao-Scott second-order correction exactly as R's survey::svychisq (statistic = "F", the default)
// computes it for a design with weights only (svydesign(ids = ~1, weights = ~w)).

import { check } from './errors.ts';
import { asCategorical, column, rowsInView, type Dataset } from './dataset.ts';
import { tabulate } from './crosstab.ts';
import { pchisqUpper, pfUpper } from './dists.ts';
import { solveDense } from './linalg.ts';

export type ChiSquareResult =
  | { readonly method: 'pearson'; readonly statistic: number; readonly df: number; readonly p: number }
  | {
      readonly method: 'rao-scott';
      /** F = X² / tr(Δ). */
      readonly statistic: number;
      /** Numerator degrees of freedom d₀ = tr(Δ)² / tr(Δ²). */
      readonly df: number;
      /** Denominator degrees of freedom d₀·ν, ν = cases − 1. */
      readonly ddf: number;
      readonly p: number;
      /** Pearson X² of the weighted table scaled to the number of cases. */
      readonly pearson: number;
    };

/** Pearson's X² of an r×c table of counts (row-major); rows and columns that are all zero are dropped. */
export function pearsonChiSquare(table: Float64Array, nr: number, nc: number): { statistic: number; df: number; p: number } {
  const rowSum = new Float64Array(nr);
  const colSum = new Float64Array(nc);
  let total = 0;
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const v = table[r * nc + c] as number;
      rowSum[r] = (rowSum[r] as number) + v;
      colSum[c] = (colSum[c] as number) + v;
      total += v;
    }
  }
  let statistic = 0;
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const e = ((rowSum[r] as number) * (colSum[c] as number)) / total;
      if (e > 0) statistic += ((table[r * nc + c] as number) - e) ** 2 / e;
    }
  }
  const df = (rowSum.filter((v) => v > 0).length - 1) * (colSum.filter((v) => v > 0).length - 1);
  return { statistic, df, p: df > 0 ? pchisqUpper(statistic, df) : NaN };
}

/** Test of independence of `rowVariable` and `columnVariable`; Rao-Scott when the data carry weights. */
export function chiSquareTest(data: Dataset, rowVariable: string, columnVariable: string): ChiSquareResult {
  const rows = asCategorical(column(data, rowVariable));
  const cols = asCategorical(column(data, columnVariable));
  const t = tabulate(rows.codes, rows.levels.length, cols.codes, cols.levels.length, data.weights, data.mask);
  const keepR = presentLevels(t.counts, rows.levels.length, cols.levels.length, 'row');
  const keepC = presentLevels(t.counts, rows.levels.length, cols.levels.length, 'col');
  check(keepR.length >= 2 && keepC.length >= 2, 'chi-square needs at least two observed categories in each variable');
  const nr = keepR.length;
  const nc = keepC.length;
  const pick = (source: Float64Array): Float64Array =>
    Float64Array.from(
      { length: nr * nc },
      (_, i) => source[(keepR[Math.floor(i / nc)] as number) * cols.levels.length + (keepC[i % nc] as number)] as number,
    );
  if (data.weights === undefined) {
    return { method: 'pearson', ...pearsonChiSquare(pick(t.counts), nr, nc) };
  }
  const squares = tabulate(rows.codes, rows.levels.length, cols.codes, cols.levels.length, squared(data.weights), data.mask);
  return raoScott(pick(t.sums), pick(squares.sums), nr, nc, rowsInView(data));
}

function presentLevels(counts: Float64Array, nr: number, nc: number, along: 'row' | 'col'): number[] {
  const out: number[] = [];
  const m = along === 'row' ? nr : nc;
  for (let a = 0; a < m; a++) {
    let s = 0;
    for (let b = 0; b < (along === 'row' ? nc : nr); b++) s += counts[along === 'row' ? a * nc + b : b * nc + a] as number;
    if (s > 0) out.push(a);
  }
  return out;
}

function squared(w: Float64Array): Float64Array {
  return w.map((v) => v * v);
}

/**
 * Rao & Scott (1984) second-order correction from per-cell weight sums W and sums of squared weights W2
 * (r×c row-major) and N, the number of cases in the design (svychisq's nrow(mm), missing included).
 * With p = W/ΣW, V = N/(N−1)·Σᵢ zᵢzᵢᵀ (zᵢ = wᵢ(eᵢ − p)/ΣW, the linearised variance of the cell means),
 * C a basis of the interaction contrasts orthogonal to the main effects, D = diag(p):
 * Δ = (CᵀD⁻¹C/N)⁻¹ CᵀD⁻¹VD⁻¹C, F = X²/tr Δ on d₀ = (tr Δ)²/tr Δ² and d₀(N−1) degrees of freedom.
 */
export function raoScott(W: Float64Array, W2: Float64Array, nr: number, nc: number, N: number): ChiSquareResult {
  const m = nr * nc;
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < m; i++) {
    sumW += W[i] as number;
    sumW2 += W2[i] as number;
  }
  const scaled = W.map((v) => (v * N) / sumW);
  const pearson = pearsonChiSquare(scaled, nr, nc).statistic;
  const p = W.map((v) => v / sumW);
  const factor = N / (N - 1) / (sumW * sumW);
  // V = factor·[diag(W2) − W2 pᵀ − p W2ᵀ + ΣW2 · p pᵀ]
  const V = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const pa = p[a] as number;
      const pb = p[b] as number;
      const diag = a === b ? (W2[a] as number) : 0;
      V[a * m + b] = factor * (diag - (W2[a] as number) * pb - pa * (W2[b] as number) + sumW2 * pa * pb);
    }
  }
  const q = (nr - 1) * (nc - 1);
  const C = interactionContrasts(nr, nc); // m×q row-major
  const invD = p.map((v) => (v === 0 ? 0 : 1 / v));
  const denom = new Float64Array(q * q);
  const DC = new Float64Array(m * q); // D⁻¹C
  for (let a = 0; a < m; a++) for (let j = 0; j < q; j++) DC[a * q + j] = (invD[a] as number) * (C[a * q + j] as number);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += (C[a * q + i] as number) * (DC[a * q + j] as number);
      denom[i * q + j] = s / N;
    }
  }
  const VDC = new Float64Array(m * q);
  for (let a = 0; a < m; a++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += (V[a * m + b] as number) * (DC[b * q + j] as number);
      VDC[a * q + j] = s;
    }
  }
  const numr = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += (DC[a * q + i] as number) * (VDC[a * q + j] as number);
      numr[i * q + j] = s;
    }
  }
  const delta = solveDense(denom, numr, q, q);
  let tr = 0;
  let tr2 = 0;
  for (let i = 0; i < q; i++) {
    tr += delta[i * q + i] as number;
    for (let j = 0; j < q; j++) tr2 += (delta[i * q + j] as number) * (delta[j * q + i] as number);
  }
  const statistic = pearson / tr;
  const df = (tr * tr) / tr2;
  const ddf = df * (N - 1);
  return { method: 'rao-scott', statistic, df, ddf, p: pfUpper(statistic, df, ddf), pearson };
}

/** Interaction dummies (r, c ≥ 1) double-centred over the r×c grid: a basis of the contrasts orthogonal
 * to the row and column main effects (the space of qr.resid(qr(X1), X12[, interaction]) in svychisq). */
function interactionContrasts(nr: number, nc: number): Float64Array {
  const m = nr * nc;
  const q = (nr - 1) * (nc - 1);
  const C = new Float64Array(m * q);
  let j = 0;
  for (let r0 = 1; r0 < nr; r0++) {
    for (let c0 = 1; c0 < nc; c0++) {
      for (let r = 0; r < nr; r++) {
        for (let c = 0; c < nc; c++) {
          const e = r === r0 && c === c0 ? 1 : 0;
          const rowMean = r === r0 ? 1 / nc : 0;
          const colMean = c === c0 ? 1 / nr : 0;
          C[(r * nc + c) * q + j] = e - rowMean - colMean + 1 / m;
        }
      }
      j++;
    }
  }
  return C;
}
