// Ordinary least squares with dummy coding of categorical predictors (chosen reference category),
// listwise deletion, and the coefficient table SPSS REGRESSION prints: B, SE, t, p, stars, R², adjusted
// R², F. Solved by QR with refinement (lstsq.ts), never through the normal equations.

import { check, StatsError } from './errors.ts';
import { asCategorical, column, numericValues, type Dataset } from './dataset.ts';
import { pfUpper, ptTwoSided } from './dists.ts';
import type { Level } from './frequency.ts';
import { equilibration, leastSquares, solveDesign, type LeastSquares } from './lstsq.ts';

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
  | { readonly term: string; readonly kind: 'dummy'; readonly codes: Int32Array; readonly code: number };

/** Fits `spec` on the rows in view that have no missing value in y or any predictor. */
export function ols(data: Dataset, spec: OlsSpec): OlsResult {
  check(data.weights === undefined, 'ols: weighted regression is not supported; remove the weights');
  const y = numericValues(data, spec.y);
  // Listwise deletion: start from the rows in view with y valid, then drop rows missing a predictor
  // (filtering the shrinking row list, not all rows, once per predictor).
  let rows = rowsWhere(data.rows, (i) => (data.mask === undefined || data.mask[i] === 1) && y[i] === y[i]);
  const prepared = spec.predictors.map((predictor) => {
    if (predictor.kind === 'numeric') {
      const values = numericValues(data, predictor.name);
      rows = filterRows(rows, (i) => values[i] === values[i]);
      return { predictor, values } as const;
    }
    const cat = asCategorical(column(data, predictor.name));
    const codes = cat.codes;
    rows = filterRows(rows, (i) => (codes[i] as number) >= 0);
    return { predictor, cat } as const;
  });
  const design: DesignColumn[] = [{ term: '(Constant)', kind: 'constant' }];
  for (const item of prepared) {
    if ('values' in item) {
      design.push({ term: item.predictor.name, kind: 'numeric', values: item.values });
      continue;
    }
    const { cat, predictor } = item;
    const name = predictor.name;
    const reference = predictor.kind === 'categorical' ? predictor.reference : '';
    const refCode = cat.levels.findIndex((level) => String(level) === String(reference));
    check(refCode >= 0, `${name} has no category ${JSON.stringify(reference)} to use as reference`);
    const present = new Uint8Array(cat.levels.length);
    for (let r = 0; r < rows.length; r++) present[cat.codes[rows[r] as number] as number] = 1;
    check(present[refCode] === 1, `${name}: the reference category ${JSON.stringify(reference)} has no cases among the ${rows.length} complete cases`);
    cat.levels.forEach((level, code) => {
      if (code === refCode || present[code] === 0) return;
      design.push({ term: `${name}=${String(level)}`, kind: 'dummy', codes: cat.codes, code });
    });
  }
  return fitDesign(design, rows, y);
}

function rowsWhere(n: number, keep: (i: number) => boolean): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (keep(i)) out[k++] = i;
  return out.subarray(0, k);
}

function filterRows(rows: Int32Array, keep: (i: number) => boolean): Int32Array {
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    if (keep(i)) rows[k++] = i;
  }
  return rows.subarray(0, k);
}

function fitDesign(design: readonly DesignColumn[], rows: Int32Array, y: Float64Array): OlsResult {
  const n = rows.length;
  const p = design.length;
  check(n > p, `ols: ${n} complete cases for ${p} coefficients; need more cases than coefficients`);
  const scale = new Float64Array(p);
  design.forEach((col, j) => {
    let ss = n;
    if (col.kind === 'numeric') {
      ss = 0;
      for (let i = 0; i < n; i++) ss += (col.values[rows[i] as number] as number) ** 2;
    } else if (col.kind === 'dummy') {
      ss = 0;
      for (let i = 0; i < n; i++) if (col.codes[rows[i] as number] === col.code) ss++;
    }
    scale[j] = equilibration(ss);
  });
  const fill = (x: Float64Array): void => {
    for (let j = 0; j < p; j++) {
      const col = design[j] as DesignColumn;
      const offset = j * n;
      const s = scale[j] as number;
      if (col.kind === 'constant') {
        x.fill(s, offset, offset + n);
      } else if (col.kind === 'numeric') {
        const values = col.values;
        for (let i = 0; i < n; i++) x[offset + i] = (values[rows[i] as number] as number) * s;
      } else {
        const { codes, code } = col;
        for (let i = 0; i < n; i++) x[offset + i] = codes[rows[i] as number] === code ? s : 0;
      }
    }
  };
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) yy[i] = y[rows[i] as number] as number;
  return summarise(solveDesign({ n, p, scale, fill }, yy), n, p, yy, design.map((d) => d.term));
}

/** OLS on a ready design matrix (n×p column-major, first column the constant). */
export function fitMatrix(x: Float64Array, n: number, p: number, y: Float64Array, terms: readonly string[]): OlsResult {
  return summarise(leastSquares(x, n, p, y), n, p, y, terms);
}

function summarise(fit: LeastSquares, n: number, p: number, y: Float64Array, terms: readonly string[]): OlsResult {
  if (fit.aliased.length > 0) {
    throw new StatsError(`ols: ${fit.aliased.map((k) => terms[k]).join(', ')} is a linear combination of other terms`);
  }
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (fit.residuals[i] as number) ** 2;
  let meanFitted = 0;
  for (let i = 0; i < n; i++) meanFitted += (y[i] as number) - (fit.residuals[i] as number);
  meanFitted /= n;
  let mss = 0;
  for (let i = 0; i < n; i++) mss += ((y[i] as number) - (fit.residuals[i] as number) - meanFitted) ** 2;
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
