// Shared test helpers: load committed fixtures (CSV inputs and R/Python reference values) and compare
// numbers by relative error / log relative error (LRE, McCullough 1998).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import assert from 'node:assert/strict';
import type { TextTable } from '../../src/stats/records.ts';

const FIXTURES = new URL('../fixtures/stats/', import.meta.url);

export function fixtureTable(name: string): TextTable {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  const records = parse(text, { skip_empty_lines: true });
  const [header, ...rows] = records;
  return { source: name, header: header ?? [], rows };
}

export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** NIST StRD data (copied from shared/reference/nist-strd into test/fixtures/stats/nist). */
export function nistTable(name: string): TextTable {
  const text = readFileSync(new URL(`nist/${name}.csv`, FIXTURES), 'utf8');
  const [header, ...rows] = parse(text, { skip_empty_lines: true });
  return { source: `${name}.csv`, header: header ?? [], rows };
}

export const relError = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

/** Log relative error: the number of correct significant digits (capped at 16 for exact results). */
export const lre = (actual: number, expected: number): number => {
  const e = relError(actual, expected);
  return e === 0 ? 16 : Math.min(16, -Math.log10(e));
};

/** Asserts |actual − expected| ≤ tol·|expected| element-wise, naming the failing entry. */
export function assertClose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, tol: number, label: string): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${label}: length ${a.length} ≠ ${e.length}`);
  a.forEach((v, i) => {
    const err = relError(v, e[i] as number);
    assert.ok(err <= tol, `${label}[${i}]: ${v} vs ${e[i]} (relative error ${err.toExponential(2)} > ${tol})`);
  });
}

/** Largest relative error over paired arrays. */
export const maxRelError = (actual: ArrayLike<number>, expected: ArrayLike<number>): number =>
  Array.from(actual).reduce((m, v, i) => Math.max(m, relError(v, expected[i] as number)), 0);
