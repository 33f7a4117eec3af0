// One-way frequency tables over plain arrays: counts of valid values, missing count, percentages of the
// valid answers (weighted when weights are given, with the unweighted N). Never rounds: display.ts does.

import { check } from './errors.ts';

export type Level = number | string;

export interface FrequencyCategory {
  readonly value: Level;
  /** Unweighted number of respondents with this value. */
  readonly count: number;
  /** Percentage (0-100) of valid answers; weighted when weights were given. */
  readonly percent: number;
}

export interface FrequencyTable {
  /** Number of valid (non-missing) answers, unweighted. */
  readonly n: number;
  /** Number of missing answers (null, undefined, NaN, empty string), unweighted. */
  readonly missing: number;
  readonly categories: FrequencyCategory[];
}

export interface FrequencyOptions {
  /** Case weights (≥ 0, finite), parallel to `values`. A case with weight 0 counts in n but adds nothing. */
  readonly weights?: readonly number[];
  /** Categories to show, in this order (also those with zero count); other values become missing. */
  readonly levels?: readonly Level[];
}

/** True for the values the platform treats as missing. */
export function isMissing(value: Level | null | undefined): value is null | undefined {
  return value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value));
}

/** Compares levels for the default order: numbers ascending, then strings by code point. */
export function compareLevels(a: Level, b: Level): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Frequency table of `values`: unweighted counts, percentages of valid answers (weighted if weights). */
export function frequencyTable(values: readonly (Level | null)[], options: FrequencyOptions = {}): FrequencyTable {
  const { weights, levels } = options;
  if (weights !== undefined) {
    check(weights.length === values.length, `weights has ${weights.length} entries, values has ${values.length}`);
  }
  const counts = new Map<Level, { count: number; weight: number }>();
  if (levels !== undefined) {
    for (const level of levels) {
      check(!counts.has(level), `level ${JSON.stringify(level)} is listed twice`);
      counts.set(level, { count: 0, weight: 0 });
    }
  }
  let n = 0;
  let missing = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      missing++;
      continue;
    }
    const w = weights === undefined ? 1 : (weights[i] as number);
    check(Number.isFinite(w) && w >= 0, `weight ${i} is ${w}; weights must be finite and ≥ 0`);
    let cell = counts.get(value);
    if (cell === undefined) {
      if (levels !== undefined) {
        missing++;
        continue;
      }
      cell = { count: 0, weight: 0 };
      counts.set(value, cell);
    }
    cell.count++;
    cell.weight += w;
    total += w;
    n++;
  }
  const order = levels ?? [...counts.keys()].sort(compareLevels);
  const categories = order.map((value) => {
    const cell = counts.get(value) as { count: number; weight: number };
    return { value, count: cell.count, percent: total > 0 ? (100 * cell.weight) / total : 0 };
  });
  return { n, missing, categories };
}

/** Percentages (0-100) of each count in the sum of all; all 0 when the sum is 0 (a population's margins). */
export function sharesOf(counts: readonly number[]): number[] {
  let total = 0;
  for (const c of counts) {
    check(Number.isFinite(c) && c >= 0, `count ${c} is not a finite number ≥ 0`);
    total += c;
  }
  return counts.map((c) => (total > 0 ? (100 * c) / total : 0));
}
