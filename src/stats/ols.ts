// Ordinary least squares with dummy coding of categorical predictors (chosen reference category),
// listwise deletion, and the coefficient table SPSS REGRESSION prints: B, SE, t, p, stars, R², adjusted
// R², F. Solved by QR with refinement (lstsq.ts), never through the normal equations.

import { check, StatsError } from './errors.ts';
import { asCategorical, column, numericValues, type CategoricalColumn, type Dataset } from './dataset.ts';
import { pfUpper, ptTwoSided } from './dists.ts';
import type { Level } from './frequency.ts';
import { withScratch, type Offset, type Scratch } from './kernels/index.ts';
import { equilibration, leastSquares, solveDesign, type LeastSquares } from './lstsq.ts';
import { keepCoded, keepValid, rowsInViewList } from './rows.ts';

export type Predictor =
  { readonly kind: 'numeric'; readonly name: string } | { readonly kind: 'categorical'; readonly name: string; readonly reference: Level };

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

/**
 * Why a model could not be estimated on the data (an expected outcome, not a programming error), as data: a
 * kind and what a sentence about it needs, so that every reader can say it in their own language.
 */
export type NotEstimable =
  | { readonly kind: 'too-few-cases'; readonly cases: number; readonly coefficients: number }
  | { readonly kind: 'empty-reference'; readonly variable: string; readonly reference: Level; readonly cases: number }
  | { readonly kind: 'collinear'; readonly terms: readonly string[] };

/** The reason in English (the CLI's words, and the message of the error ols() throws). */
export function notEstimableMessage(reason: NotEstimable): string {
  switch (reason.kind) {
    case 'too-few-cases':
      return `ols: ${reason.cases} complete cases for ${reason.coefficients} coefficients; need more cases than coefficients`;
    case 'empty-reference':
      return `${reason.variable}: the reference category ${JSON.stringify(reason.reference)} has no cases among the ${reason.cases} complete cases`;
    case 'collinear':
      return `ols: ${reason.terms.join(', ')} is a linear combination of other terms`;
  }
}

const notEstimable = (reason: NotEstimable): { readonly ok: false; readonly reason: NotEstimable; readonly message: string } => ({
  ok: false,
  reason,
  message: notEstimableMessage(reason),
});

export type OlsOutcome =
  | {
      readonly ok: true;
      readonly fit: OlsResult;
      /** Dummy terms left out because their category has no cases among the complete cases. */
      readonly dropped: readonly string[];
    }
  | { readonly ok: false; readonly reason: NotEstimable; readonly message: string };

/** Fits `spec` on the rows in view that have no missing value in y or any predictor; throws when not estimable. */
export function ols(data: Dataset, spec: OlsSpec): OlsResult {
  const outcome = fitOls(data, spec);
  if (!outcome.ok) throw new StatsError(outcome.message);
  return outcome.fit;
}

/**
 * Fits `spec` like ols(), but returns "not estimable" with its reason as a value: too few complete cases, a
 * reference category without cases, or a term that is a linear combination of others. Invalid input (an
 * unknown variable, weights) still throws.
 */
export function fitOls(data: Dataset, spec: OlsSpec): OlsOutcome {
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
  const dropped: string[] = [];
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
    if (counts[refCode] === 0) return notEstimable({ kind: 'empty-reference', variable: name, reference, cases: rows.length });
    cat.levels.forEach((level, code) => {
      const count = counts[code] as number;
      const term = `${name}=${String(level)}`;
      if (code === refCode) return;
      if (count === 0) dropped.push(term);
      else design.push({ term, kind: 'dummy', codes: cat.codes, code, count });
    });
  }
  if (rows.length <= design.length) return notEstimable({ kind: 'too-few-cases', cases: rows.length, coefficients: design.length });
  const fit = fitDesign(design, rows, y);
  if (!fit.ok) return fit;
  return { ok: true, fit: fit.fit, dropped };
}

/** counts[c] += number of the rows whose code is c (codes of the rows are all ≥ 0). */
function countLevels(counts: Float64Array, codes: Int32Array, rows: Int32Array): void {
  for (let r = 0; r < rows.length; r++) {
    const c = codes[rows[r] as number] as number;
    counts[c] = (counts[c] as number) + 1;
  }
}

function fitDesign(
  design: readonly DesignColumn[],
  rows: Int32Array,
  y: Float64Array,
): { readonly ok: true; readonly fit: OlsResult } | { readonly ok: false; readonly reason: NotEstimable; readonly message: string } {
  const n = rows.length;
  const p = design.length;
  check(n > p, `ols: ${n} complete cases for ${p} coefficients; need more cases than coefficients`);
  return withScratch((scratch) => {
    const k = scratch.kernels;
    // The data columns the design reads, each copied once into the kernels' memory (dummies of one
    // variable share its codes), and the rows kept by listwise deletion.
    const copies = new Map<Float64Array | Int32Array, Offset>();
    const copyOf = (values: Float64Array | Int32Array): Offset => {
      let at = copies.get(values);
      if (at === undefined) copies.set(values, (at = values instanceof Float64Array ? scratch.f64From(values) : scratch.i32From(values)));
      return at;
    };
    const sources = design.map((col) => (col.kind === 'numeric' ? copyOf(col.values) : col.kind === 'dummy' ? copyOf(col.codes) : 0));
    const rowsAt = scratch.i32From(rows);
    const scale = new Float64Array(p);
    design.forEach((col, j) => {
      scale[j] = equilibration(
        col.kind === 'constant' ? n : col.kind === 'dummy' ? col.count : k.sumOfSquaresAt(sources[j] as Offset, rowsAt, n),
      );
    });
    // The buffer is zero-filled, so a dummy column only writes its ones.
    const fill = (inner: Scratch, x: Offset): void => {
      design.forEach((col, j) => {
        const s = scale[j] as number;
        if (col.kind === 'constant') inner.float64(x + j * n * 8, n).fill(s);
        else if (col.kind === 'numeric') k.gatherScaled(x, j * n, sources[j] as Offset, rowsAt, n, s);
        else k.gatherDummy(x, j * n, sources[j] as Offset, col.code, rowsAt, n, s);
      });
    };
    const yAt = scratch.f64(n);
    k.gatherScaled(yAt, 0, scratch.f64From(y), rowsAt, n, 1);
    const yy = scratch.float64(yAt, n).slice();
    const solved = solveDesign({ n, p, scale, fill }, yy);
    const terms = design.map((d) => d.term);
    if (solved.aliased.length > 0) return notEstimable({ kind: 'collinear', terms: aliasedTerms(solved, terms) });
    return { ok: true as const, fit: summarise(solved, n, p, yy, terms) };
  });
}

const aliasedTerms = (fit: LeastSquares, terms: readonly string[]): string[] => fit.aliased.map((k) => terms[k] as string);

/** OLS on a ready design matrix (n×p column-major, first column the constant). */
export function fitMatrix(x: Float64Array, n: number, p: number, y: Float64Array, terms: readonly string[]): OlsResult {
  return summarise(leastSquares(x, n, p, y), n, p, y, terms);
}

/** RSS = Σ rᵢ² and the model sum of squares Σ (ŷᵢ − mean ŷ)² with ŷ = y − r, by the kernels. */
function sumsOfSquares(y: Float64Array, r: Float64Array): { rss: number; mss: number } {
  return withScratch((scratch) => {
    const yAt = scratch.f64From(y);
    const rAt = scratch.f64From(r);
    return { rss: scratch.kernels.dot(0, rAt, 0, rAt, 0, r.length), mss: scratch.kernels.modelSumOfSquares(yAt, rAt, r.length) };
  });
}

function summarise(fit: LeastSquares, n: number, p: number, y: Float64Array, terms: readonly string[]): OlsResult {
  if (fit.aliased.length > 0) throw new StatsError(notEstimableMessage({ kind: 'collinear', terms: aliasedTerms(fit, terms) }));
  const { rss, mss } = sumsOfSquares(y, fit.residuals);
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
