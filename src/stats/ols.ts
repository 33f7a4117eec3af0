// Ordinary least squares with dummy coding of categorical predictors (chosen reference category),
// listwise deletion, and the coefficient table SPSS REGRESSION prints: B, SE, t, p, stars, R², adjusted
// R², F. Solved by QR with refinement (lstsq.ts), never through the normal equations.

import { check, StatsError } from './errors.ts';
import { asCategorical, column, numericValues, type CategoricalColumn, type Dataset } from './dataset.ts';
import { pfUpper, ptTwoSided } from './dists.ts';
import type { Level } from './frequency.ts';
import { dotFrom } from './linalg.ts';
import { equilibration, leastSquares, solveDesign, type LeastSquares } from './lstsq.ts';
import { keepCoded, keepValid, rowsInViewList } from './rows.ts';

export type Predictor =
  | { readonly kind: 'numeric'; readonly name: string }
  | { readonly kind: 'categorical'; readonly name: string; readonly reference: Level };

export interface OlsSpec {
  readonly y: string;
  readonly predictors: readonly Predictor[];
}

export type Stars = '' | '*' | '**' | '***';

export interface Coefficient {
  /** "(Constant)", a numeric predictor's name, or "name=level" for a dummy. */
  readonly term: string;
  readonly B: number;
  readonly SE: number;
  readonly t: number;
  readonly p: number;
  readonly stars: Stars;
}

export interface OlsResult {
  /** Cases used after listwise deletion. */
  readonly n: number;
  readonly coefficients: Coefficient[];
  readonly r2: number;
  readonly adjR2: number;
  readonly F: number;
  readonly dfModel: number;
  readonly dfResidual: number;
  /** p-value of the overall F test. */
  readonly pF: number;
  readonly rss: number;
  /** Residual standard error √(RSS / df). */
  readonly sigma: number;
}

/** Significance stars: *** p ≤ .001, ** p ≤ .01, * p ≤ .05. */
export function stars(p: number): Stars {
  return p <= 0.001 ? '***' : p <= 0.01 ? '**' : p <= 0.05 ? '*' : '';
}

type DesignColumn =
  | { readonly term: string; readonly kind: 'constant' }
  | { readonly term: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly term: string; readonly kind: 'dummy'; readonly codes: Int32Array; readonly code: number; readonly count: number };

type Prepared =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly name: string; readonly reference: Level; readonly cat: CategoricalColumn };

/** Fits `spec` on the rows in view that have no missing value in y or any predictor. */
export function ols(data: Dataset, spec: OlsSpec): OlsResult {
  check(data.weights === undefined, 'ols: weighted regression is not supported; remove the weights');
  const y = numericValues(data, spec.y);
  const prepared = spec.predictors.map((predictor): Prepared => {
    if (predictor.kind === 'numeric') return { kind: 'numeric', name: predictor.name, values: numericValues(data, predictor.name) };
    return { kind: 'categorical', name: predictor.name, reference: predictor.reference, cat: asCategorical(column(data, predictor.name)) };
  });
  // Listwise deletion: the rows in view, narrowed by y and then by each predictor in turn.
  const all = rowsInViewList(data);
  let n = keepValid(all, all.length, y);
  for (const item of prepared) n = item.kind === 'numeric' ? keepValid(all, n, item.values) : keepCoded(all, n, item.cat.codes);
  const rows = all.subarray(0, n);
  const design: DesignColumn[] = [{ term: '(Constant)', kind: 'constant' }];
  for (const item of prepared) {
    if (item.kind === 'numeric') {
      design.push({ term: item.name, kind: 'numeric', values: item.values });
      continue;
    }
    const { cat, name, reference } = item;
    const refCode = cat.levels.findIndex((level) => String(level) === String(reference));
    check(refCode >= 0, `${name} has no category ${JSON.stringify(reference)} to use as reference`);
    const counts = new Float64Array(cat.levels.length);
    countLevels(counts, cat.codes, rows);
    check(counts[refCode] !== 0, `${name}: the reference category ${JSON.stringify(reference)} has no cases among the ${rows.length} complete cases`);
    cat.levels.forEach((level, code) => {
      const count = counts[code] as number;
      if (code === refCode || count === 0) return;
      design.push({ term: `${name}=${String(level)}`, kind: 'dummy', codes: cat.codes, code, count });
    });
  }
  return fitDesign(design, rows, y);
}

/** counts[c] += number of the rows whose code is c (codes of the rows are all ≥ 0). */
function countLevels(counts: Float64Array, codes: Int32Array, rows: Int32Array): void {
  for (let r = 0; r < rows.length; r++) {
    const c = codes[rows[r] as number] as number;
    counts[c] = (counts[c] as number) + 1;
  }
}

function fitDesign(design: readonly DesignColumn[], rows: Int32Array, y: Float64Array): OlsResult {
  const n = rows.length;
  const p = design.length;
  check(n > p, `ols: ${n} complete cases for ${p} coefficients; need more cases than coefficients`);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const col = design[j] as DesignColumn;
    scale[j] = equilibration(col.kind === 'constant' ? n : col.kind === 'dummy' ? col.count : sumOfSquaresAt(col.values, rows));
  }
  // The buffer is zero-filled (a fresh Float64Array), so a dummy column only writes its ones.
  const fill = (x: Float64Array): void => {
    for (let j = 0; j < p; j++) {
      const col = design[j] as DesignColumn;
      const s = scale[j] as number;
      if (col.kind === 'constant') x.fill(s, j * n, (j + 1) * n);
      else if (col.kind === 'numeric') gatherScaled(x, j * n, col.values, rows, s);
      else gatherDummy(x, j * n, col.codes, col.code, rows, s);
    }
  };
  const yy = new Float64Array(n);
  gatherScaled(yy, 0, y, rows, 1);
  return summarise(solveDesign({ n, p, scale, fill }, yy), n, p, yy, design.map((d) => d.term));
}

function sumOfSquaresAt(values: Float64Array, rows: Int32Array): number {
  let ss = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = values[rows[r] as number] as number;
    ss += v * v;
  }
  return ss;
}

/** out[offset + r] = values[rows[r]] · s. */
function gatherScaled(out: Float64Array, offset: number, values: Float64Array, rows: Int32Array, s: number): void {
  for (let r = 0; r < rows.length; r++) out[offset + r] = (values[rows[r] as number] as number) * s;
}

/** out[offset + r] = s where codes[rows[r]] = code (other entries are left at 0). */
function gatherDummy(out: Float64Array, offset: number, codes: Int32Array, code: number, rows: Int32Array, s: number): void {
  for (let r = 0; r < rows.length; r++) if (codes[rows[r] as number] === code) out[offset + r] = s;
}

/** OLS on a ready design matrix (n×p column-major, first column the constant). */
export function fitMatrix(x: Float64Array, n: number, p: number, y: Float64Array, terms: readonly string[]): OlsResult {
  return summarise(leastSquares(x, n, p, y), n, p, y, terms);
}

/** Σ (ŷᵢ − mean ŷ)² with ŷ = y − r (two passes: the mean first). */
function modelSumOfSquares(y: Float64Array, r: Float64Array, n: number): number {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (y[i] as number) - (r[i] as number);
  mean /= n;
  let mss = 0;
  for (let i = 0; i < n; i++) {
    const d = (y[i] as number) - (r[i] as number) - mean;
    mss += d * d;
  }
  return mss;
}

function summarise(fit: LeastSquares, n: number, p: number, y: Float64Array, terms: readonly string[]): OlsResult {
  if (fit.aliased.length > 0) {
    throw new StatsError(`ols: ${fit.aliased.map((k) => terms[k]).join(', ')} is a linear combination of other terms`);
  }
  const rss = dotFrom(0, fit.residuals, 0, fit.residuals, 0, n);
  const mss = modelSumOfSquares(y, fit.residuals, n);
  const dfResidual = n - p;
  const dfModel = p - 1;
  const sigma2 = rss / dfResidual;
  const coefficients = terms.map((term, j) => {
    const B = fit.beta[j] as number;
    const SE = Math.sqrt(sigma2 * (fit.inverseGramDiagonal[j] as number));
    const t = B / SE;
    const pv = ptTwoSided(t, dfResidual);
    return { term, B, SE, t, p: pv, stars: stars(pv) };
  });
  const r2 = mss / (mss + rss);
  const F = mss / dfModel / sigma2;
  return {
    n,
    coefficients,
    r2,
    adjR2: 1 - ((1 - r2) * (n - 1)) / dfResidual,
    F,
    dfModel,
    dfResidual,
    pF: pfUpper(F, dfModel, dfResidual),
    rss,
    sigma: Math.sqrt(sigma2),
  };
}
