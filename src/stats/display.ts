// The report's display rules for percentages: whole numbers, "<1%" for values above 0 and below 0.5,
// columns that add up to exactly 100 (largest remainder), and flags for group differences of at least
// 8 percentage points (appendix B.1: "een verschil van ongeveer acht procentpunten"). Display only.

import { check } from './errors.ts';

/**
 * Whole percentages that sum to `total` (default 100), by the largest-remainder (Hamilton) method:
 * floor every value, then give the missing units to the largest fractional parts (ties: first wins).
 * Input percentages must be ≥ 0 and sum to `total` within 1e-6; an all-zero column stays all zero.
 */
export function roundToTotal(percents: readonly number[], total = 100): number[] {
  const sum = percents.reduce((a, b) => a + b, 0);
  for (const p of percents) check(Number.isFinite(p) && p >= 0, `percentage ${p} is not a finite value ≥ 0`);
  if (sum === 0) return percents.map(() => 0);
  check(Math.abs(sum - total) < 1e-6, `percentages sum to ${sum}, not ${total}`);
  const floors = percents.map(Math.floor);
  let remaining = total - floors.reduce((a, b) => a + b, 0);
  const order = percents.map((p, i) => ({ i, fraction: p - Math.floor(p) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    remaining--;
  }
  return floors;
}

/** Text of one cell: "0%", "<1%" for 0 < p < 0.5, otherwise the whole percentage given. */
export function formatPercent(exact: number, whole: number): string {
  if (exact > 0 && exact < 0.5) return '<1%';
  return `${whole}%`;
}

/** A printed percentage: a whole number, or "<1" for a value above 0 and below 0.5. */
export type PrintedPercent = number | '<1';

/**
 * Percentages as the report prints them, as numbers: whole, "<1" above 0 and below 0.5. With `sumTo100`
 * (a single-answer column) the whole numbers add up to 100 by largest remainder; otherwise each is rounded
 * half up on its own (multiple answers, top boxes).
 */
export function printedPercents(percents: readonly number[], sumTo100: boolean): PrintedPercent[] {
  const whole = sumTo100 ? roundToTotal(percents) : percents.map((p) => Math.round(p));
  return percents.map((p, i) => (p > 0 && p < 0.5 ? '<1' : (whole[i] as number)));
}

/** A column of percentages as the report prints it (whole, summing to 100, "<1%" for small values). */
export function displayColumn(percents: readonly number[]): string[] {
  const whole = roundToTotal(percents);
  return percents.map((p, i) => formatPercent(p, whole[i] as number));
}

export interface DifferenceFlag {
  /** Row (answer category) index. */
  readonly row: number;
  /** The two column (group) indices compared, a < b. */
  readonly a: number;
  readonly b: number;
  /** percent[row][b] − percent[row][a], in percentage points. */
  readonly difference: number;
}

/**
 * Pairs of groups whose percentages in the same row differ by at least `threshold` points (default 8),
 * compared on exact (unrounded) percentages. `percent` is [row][column] as Crosstab.columnPercent.
 */
export function differenceFlags(percent: readonly (readonly number[])[], threshold = 8): DifferenceFlag[] {
  check(threshold >= 0, `threshold must be ≥ 0, got ${threshold}`);
  const flags: DifferenceFlag[] = [];
  percent.forEach((row, r) => {
    for (let a = 0; a < row.length; a++) {
      for (let b = a + 1; b < row.length; b++) {
        const difference = (row[b] as number) - (row[a] as number);
        if (Math.abs(difference) >= threshold - 1e-9) flags.push({ row: r, a, b, difference });
      }
    }
  });
  return flags;
}
