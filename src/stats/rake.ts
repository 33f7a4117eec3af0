// Raking (iterative proportional fitting, Deming & Stephan 1940) of case weights to population margins,
// with a convergence report, optional trimming (trim, then re-rake), and Kish's (1965) design effect
// due to weighting and effective sample size. The margins are population totals, so the raked weights
// sum to the population size.

import { check } from './errors.ts';
import { asCategorical, column, type Dataset } from './dataset.ts';

export interface Margin {
  readonly variable: string;
  /** Population total per category (keys compared with String(level)). */
  readonly targets: Readonly<Record<string, number>>;
}

export interface RakeOptions {
  /** Maximum number of full cycles over the margins (default 100). */
  readonly maxIterations?: number;
  /** Converged when no weight changes by more than tolerance × mean weight in a cycle (default 1e-10). */
  readonly tolerance?: number;
  /** Bounds on weight / mean weight; weights outside are set to the bound and the rest re-raked. */
  readonly trim?: { readonly lower?: number; readonly upper?: number };
}

export interface RakeResult {
  /** One weight per dataset row (0 for rows outside the view). */
  readonly weights: Float64Array;
  readonly converged: boolean;
  /** Cycles over all margins performed (all rounds of trimming together). */
  readonly iterations: number;
  /** Largest |weighted margin − target| / target after the last cycle. */
  readonly maxMarginError: number;
  /** Number of weights held at a trimming bound. */
  readonly trimmed: number;
  /** Kish: n·Σw² / (Σw)². */
  readonly designEffect: number;
  /** Kish: (Σw)² / Σw². */
  readonly effectiveN: number;
}

interface PreparedMargin {
  readonly codes: Int32Array; // target index per row, -1 outside the view
  readonly targets: Float64Array;
}

/** Rakes the dataset's weights (unit weights if none) to the margins. */
export function rake(data: Dataset, margins: readonly Margin[], options: RakeOptions = {}): RakeResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  check(margins.length > 0, 'rake needs at least one margin');
  const inView = (i: number): boolean => data.mask === undefined || data.mask[i] === 1;
  const prepared = margins.map((m) => prepareMargin(data, m, inView));
  const totals = prepared.map((m) => m.targets.reduce((a, b) => a + b, 0));
  for (const t of totals) {
    check(
      Math.abs(t - (totals[0] as number)) <= 1e-9 * (totals[0] as number),
      `margin totals differ (${totals.join(', ')}); every margin must sum to the same population size`,
    );
  }
  const w = new Float64Array(data.rows);
  let n = 0;
  for (let i = 0; i < data.rows; i++) {
    if (!inView(i)) continue;
    w[i] = data.weights === undefined ? 1 : (data.weights[i] as number);
    n++;
  }
  const lower = options.trim?.lower;
  const upper = options.trim?.upper;
  const fixed = new Uint8Array(data.rows);
  let iterations = 0;
  let converged = false;
  for (let round = 0; round < 20; round++) {
    const result = ipf(w, fixed, prepared, maxIterations, tolerance, n);
    iterations += result.iterations;
    converged = result.converged;
    if (lower === undefined && upper === undefined) break;
    const mean = sum(w) / n;
    let newlyFixed = 0;
    for (let i = 0; i < data.rows; i++) {
      if (!inView(i) || fixed[i] === 1) continue;
      const v = w[i] as number;
      const bound = upper !== undefined && v > upper * mean ? upper * mean : lower !== undefined && v < lower * mean ? lower * mean : NaN;
      if (Number.isNaN(bound)) continue;
      w[i] = bound;
      fixed[i] = 1;
      newlyFixed++;
    }
    if (newlyFixed === 0) break;
  }
  let sw = 0;
  let sw2 = 0;
  for (let i = 0; i < data.rows; i++) {
    sw += w[i] as number;
    sw2 += (w[i] as number) ** 2;
  }
  return {
    weights: w,
    converged,
    iterations,
    maxMarginError: marginError(w, prepared),
    trimmed: fixed.reduce((a, b) => a + b, 0),
    designEffect: (n * sw2) / (sw * sw),
    effectiveN: (sw * sw) / sw2,
  };
}

function prepareMargin(data: Dataset, margin: Margin, inView: (i: number) => boolean): PreparedMargin {
  const cat = asCategorical(column(data, margin.variable));
  const keys = Object.keys(margin.targets);
  check(keys.length > 0, `margin ${margin.variable} has no targets`);
  const targets = Float64Array.from(keys, (key) => margin.targets[key] as number);
  targets.forEach((t, j) =>
    check(Number.isFinite(t) && t > 0, `margin ${margin.variable}, ${keys[j]}: target ${t} must be a positive number`),
  );
  const levelToTarget = cat.levels.map((level) => keys.indexOf(String(level)));
  const codes = new Int32Array(data.rows).fill(-1);
  const seen = new Uint8Array(keys.length);
  for (let i = 0; i < data.rows; i++) {
    if (!inView(i)) continue;
    const code = cat.codes[i] as number;
    check(code >= 0, `rake: ${margin.variable} is missing in row ${i}; impute or drop it before raking`);
    const target = levelToTarget[code] as number;
    check(target >= 0, `rake: ${margin.variable} = ${JSON.stringify(cat.levels[code])} (row ${i}) has no population target`);
    codes[i] = target;
    seen[target] = 1;
  }
  keys.forEach((key, j) => check(seen[j] === 1, `rake: ${margin.variable} = ${key} has a target but no respondents`));
  return { codes, targets };
}

/** Cycles over the margins until no weight moves more than tolerance·mean; fixed (trimmed) weights stay. */
function ipf(
  w: Float64Array,
  fixed: Uint8Array,
  margins: readonly PreparedMargin[],
  maxIterations: number,
  tolerance: number,
  n: number,
): { iterations: number; converged: boolean } {
  const before = new Float64Array(w.length);
  for (let it = 1; it <= maxIterations; it++) {
    before.set(w);
    for (const m of margins) {
      const free = new Float64Array(m.targets.length);
      const held = new Float64Array(m.targets.length);
      for (let i = 0; i < w.length; i++) {
        const c = m.codes[i] as number;
        if (c < 0) continue;
        if (fixed[i] === 1) held[c] = (held[c] as number) + (w[i] as number);
        else free[c] = (free[c] as number) + (w[i] as number);
      }
      const factor = m.targets.map((t, c) => ((free[c] as number) > 0 ? Math.max(t - (held[c] as number), 0) / (free[c] as number) : 1));
      for (let i = 0; i < w.length; i++) {
        const c = m.codes[i] as number;
        if (c >= 0 && fixed[i] === 0) w[i] = (w[i] as number) * (factor[c] as number);
      }
    }
    let change = 0;
    for (let i = 0; i < w.length; i++) change = Math.max(change, Math.abs((w[i] as number) - (before[i] as number)));
    if (change <= tolerance * (sum(w) / n)) return { iterations: it, converged: true };
  }
  return { iterations: maxIterations, converged: false };
}

function marginError(w: Float64Array, margins: readonly PreparedMargin[]): number {
  let worst = 0;
  for (const m of margins) {
    const got = new Float64Array(m.targets.length);
    for (let i = 0; i < w.length; i++) {
      const c = m.codes[i] as number;
      if (c >= 0) got[c] = (got[c] as number) + (w[i] as number);
    }
    m.targets.forEach((t, c) => (worst = Math.max(worst, Math.abs((got[c] as number) - t) / t)));
  }
  return worst;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s;
}
