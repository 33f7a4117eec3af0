// Exact allocation of answer categories to respondents so that several overlapping published margins hold
// at once (e.g. one statement by type inburgeraar, by learning route and by cohort): iterative proportional
// fitting over the cells the columns define, integer rounding, a greedy repair towards the targets, and
// finally, inside each cell, an assignment ordered by a latent score (so regressions keep their structure).
import type { Rng } from './prng.ts';

/** Category code of "no answer" (item non-response). */
export const SKIP = -1;

export interface AllocationColumn {
  /** Units (respondent indices) the column counts. */
  readonly members: ReadonlySet<number>;
  /** Target count per category (SKIP included); need not be integers, must sum to the members. */
  readonly target: ReadonlyMap<number, number>;
}

export interface AllocationInput {
  readonly units: readonly number[];
  readonly categories: readonly number[];
  readonly columns: readonly AllocationColumn[];
  /** Proportions per category for units in no column, and the starting point of the fit. */
  readonly fallback: ReadonlyMap<number, number>;
  /** Categories ordered by the latent score (ascending code order = ascending latent); others are random. */
  readonly ordered: ReadonlySet<number>;
  /** Latent score per unit; absent = random order. */
  readonly latent?: (unit: number) => number;
}

export interface Cell {
  readonly units: number[];
  readonly columns: number[];
  weights: number[];
  counts: number[];
}

/** Assigns every unit one category; returns unit → category. */
export function allocate(input: AllocationInput, rng: Rng): Map<number, number> {
  return assign(fitCells(input), input, rng);
}

/** The cells and how many of each category every cell gets (the counting part of allocate). */
export function fitCells(input: AllocationInput): Cell[] {
  const { categories, columns } = input;
  const K = categories.length;
  const cells = buildCells(input);
  const base = categories.map((c) => input.fallback.get(c) ?? 0);
  const baseTotal = base.reduce((a, b) => a + b, 0) || 1;
  for (const cell of cells) cell.weights = base.map((w) => (w / baseTotal) * cell.units.length + 1e-9);
  const targets = columns.map((col) => categories.map((c) => col.target.get(c) ?? 0));
  // Iterative proportional fitting of the cells × categories table to every column's targets.
  for (let iter = 0; iter < 80; iter++) {
    columns.forEach((_, j) => {
      const inCol = cells.filter((cell) => cell.columns.includes(j));
      for (let k = 0; k < K; k++) {
        const current = inCol.reduce((s, cell) => s + (cell.weights[k] as number), 0);
        const want = targets[j]![k] as number;
        const factor = current > 0 ? want / current : 0;
        for (const cell of inCol) cell.weights[k] = (cell.weights[k] as number) * factor;
      }
    });
    for (const cell of cells) {
      const sum = cell.weights.reduce((a, b) => a + b, 0);
      cell.weights =
        sum > 0 ? cell.weights.map((w) => (w / sum) * cell.units.length) : base.map((w) => (w / baseTotal) * cell.units.length);
    }
  }
  for (const cell of cells) cell.counts = roundRow(cell.weights, cell.units.length);
  repair(cells, targets, categories);
  return cells;
}

function buildCells(input: AllocationInput): Cell[] {
  const byKey = new Map<string, Cell>();
  for (const unit of input.units) {
    const cols = input.columns.flatMap((col, j) => (col.members.has(unit) ? [j] : []));
    const key = cols.join(',');
    const cell = byKey.get(key) ?? { units: [], columns: cols, weights: [], counts: [] };
    cell.units.push(unit);
    byKey.set(key, cell);
  }
  return [...byKey.values()];
}

/** Largest-remainder rounding of one row to a whole total. */
function roundRow(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * total : 0));
  const floors = exact.map(Math.floor);
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, f: x - Math.floor(x) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i]!++;
    rest--;
  }
  return floors;
}

/**
 * Greedy integer repair: moves one unit at a time between categories inside a cell while that lowers the
 * summed absolute distance to the column targets (SKIP weighted more, so column Ns come out exact).
 */
function repair(cells: Cell[], targets: number[][], categories: readonly number[]): void {
  const K = categories.length;
  const weight = categories.map((c) => (c === SKIP ? 4 : 1));
  const totals = targets.map((row) => row.map(() => 0));
  for (const cell of cells) for (const j of cell.columns) for (let k = 0; k < K; k++) totals[j]![k]! += cell.counts[k] as number;
  const cost = (j: number, k: number, value: number): number => weight[k]! * Math.abs(value - (targets[j]![k] as number));
  const apply = (cell: Cell, from: number, to: number): void => {
    cell.counts[from]!--;
    cell.counts[to]!++;
    for (const j of cell.columns) {
      totals[j]![from]!--;
      totals[j]![to]!++;
    }
  };
  const gainOf = (cell: Cell, from: number, to: number): number => {
    let gain = 0;
    for (const j of cell.columns) {
      const tf = totals[j]![from] as number;
      const tt = totals[j]![to] as number;
      gain += cost(j, from, tf) - cost(j, from, tf - 1) + cost(j, to, tt) - cost(j, to, tt + 1);
    }
    return gain;
  };
  const constrained = cells.filter((cell) => cell.columns.length > 0);
  for (let iter = 0; iter < 20000; iter++) {
    let best: { cell: Cell; from: number; to: number; gain: number } | null = null;
    for (const cell of constrained) {
      for (let from = 0; from < K; from++) {
        if ((cell.counts[from] as number) <= 0) continue;
        for (let to = 0; to < K; to++) {
          if (to === from) continue;
          const gain = gainOf(cell, from, to);
          if (gain > 1e-9 && (!best || gain > best.gain)) best = { cell, from, to, gain };
        }
      }
    }
    if (best) {
      apply(best.cell, best.from, best.to);
      continue;
    }
    // No single move helps: try a pair of opposite moves in two cells (a local optimum of crossing margins).
    if (!pairMove(constrained, K, apply, gainOf)) break;
  }
}

function pairMove(
  cells: readonly Cell[],
  K: number,
  apply: (cell: Cell, from: number, to: number) => void,
  gainOf: (cell: Cell, from: number, to: number) => number,
): boolean {
  for (const a of cells) {
    for (let from = 0; from < K; from++) {
      if ((a.counts[from] as number) <= 0) continue;
      for (let to = 0; to < K; to++) {
        if (to === from) continue;
        const first = gainOf(a, from, to);
        apply(a, from, to);
        for (const b of cells) {
          if (b === a || (b.counts[to] as number) <= 0) continue;
          if (first + gainOf(b, to, from) > 1e-9) {
            apply(b, to, from);
            return true;
          }
        }
        apply(a, to, from);
      }
    }
  }
  return false;
}

/** Hands out each cell's counts to its units (random, or by the latent score for ordered categories). */
export function assign(cells: readonly Cell[], input: AllocationInput, rng: Rng): Map<number, number> {
  const out = new Map<number, number>();
  const K = input.categories.length;
  for (const cell of cells) {
    const units = rng.shuffle(cell.units);
    let at = 0;
    // Unordered categories (non-response, "weet ik niet", nominal answers) go to random units first.
    for (let k = 0; k < K; k++) {
      const category = input.categories[k] as number;
      if (input.ordered.has(category)) continue;
      for (let n = 0; n < (cell.counts[k] as number); n++) out.set(units[at++] as number, category);
    }
    const rest = units.slice(at);
    const latent = input.latent;
    if (latent) {
      // Score each unit once: a latent with random error must not be redrawn inside the comparator.
      const score = new Map(rest.map((u) => [u, latent(u)]));
      rest.sort((a, b) => (score.get(a) as number) - (score.get(b) as number));
    }
    const ordered = input.categories
      .map((c, k) => ({ c, k }))
      .filter(({ c }) => input.ordered.has(c))
      .sort((a, b) => a.c - b.c);
    let i = 0;
    for (const { c, k } of ordered) for (let n = 0; n < (cell.counts[k] as number); n++) out.set(rest[i++] as number, c);
  }
  return out;
}
