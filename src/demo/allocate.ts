// Exact allocation of answer categories to respondents so that several overlapping published margins hold
// at once (e.g. one statement by type inburgeraar, by learning route and by cohort): iterative proportional
// fitting over the cells the columns define, integer rounding, a greedy repair towards the targets, and
// finally, inside each cell, an assignment ordered by a latent score (so regressions keep their structure).
// Besides the columns' per-category counts, targets on sums of categories (the figures: constraints.ts).
import type { Rng } from './prng.ts';
import { compileConstraints, fitStep, memberSets, type CompiledConstraint, type Constraint, type Region } from './constraints.ts';
import { repair } from './repair.ts';

export type { Constraint, Region, RegionPart } from './constraints.ts';

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
  /** Targets on counts and shares of parts of the units × categories table (figures' Ns and quoted percentages). */
  readonly constraints?: readonly Constraint[];
}

export interface Cell {
  readonly units: number[];
  readonly columns: number[];
  /**
   * Cells of one group differ only in member sets that count all ordered categories alike (a figure's N):
   * their ordered categories are handed out together, by the latent score, as if they were one cell.
   */
  readonly group: string;
  weights: number[];
  counts: number[];
}

/** Assigns every unit one category; returns unit → category. */
export function allocate(input: AllocationInput, rng: Rng): Map<number, number> {
  return assign(fitCells(input), input, rng);
}

/** The cells and how many of each category every cell gets (the counting part of allocate). */
export function fitCells(input: AllocationInput): Cell[] {
  const { cells, targets, constraints } = fitWeights(input);
  for (const cell of cells) cell.counts = roundRow(cell.weights, cell.units.length);
  repair(cells, targets, input.categories, constraints);
  return cells;
}

/** How many units each region would get before rounding (the fitted weights summed over the region). */
export function expectedCounts(input: AllocationInput, regions: readonly Region[]): number[] {
  const { cells } = fitWeights(input, memberSets(regions.map((region) => ({ kind: 'count', region, target: 0 }))));
  const compiled = compileConstraints(
    regions.map((region) => ({ kind: 'count', region, target: 0 })),
    cells,
    input.categories,
  );
  return compiled.map((c) => {
    let sum = 0;
    for (const [i, mask] of c.inner) mask.forEach((m, k) => (sum += m ? (cells[i]!.weights[k] as number) : 0));
    return sum;
  });
}

/** Iterative proportional fitting of the cells × categories table to every column's targets and constraint. */
function fitWeights(
  input: AllocationInput,
  splitBy: readonly ReadonlySet<number>[] = [],
): { cells: Cell[]; targets: number[][]; constraints: CompiledConstraint[] } {
  const { categories, columns } = input;
  const K = categories.length;
  const cells = buildCells(input, splitBy);
  const constraints = compileConstraints(input.constraints ?? [], cells, categories);
  const base = categories.map((c) => input.fallback.get(c) ?? 0);
  const baseTotal = base.reduce((a, b) => a + b, 0) || 1;
  for (const cell of cells) cell.weights = base.map((w) => (w / baseTotal) * cell.units.length + 1e-9);
  const targets = columns.map((col) => categories.map((c) => col.target.get(c) ?? 0));
  const cellsOf = columns.map((_, j) => cells.filter((cell) => cell.columns.includes(j)));
  for (let iter = 0; iter < 80; iter++) {
    columns.forEach((_, j) => {
      const inCol = cellsOf[j]!;
      for (let k = 0; k < K; k++) {
        const current = inCol.reduce((s, cell) => s + (cell.weights[k] as number), 0);
        const want = targets[j]![k] as number;
        const factor = current > 0 ? want / current : 0;
        for (const cell of inCol) cell.weights[k] = (cell.weights[k] as number) * factor;
      }
    });
    for (const c of constraints) fitStep(c, cells);
    for (const cell of cells) {
      const sum = cell.weights.reduce((a, b) => a + b, 0);
      cell.weights =
        sum > 0 ? cell.weights.map((w) => (w / sum) * cell.units.length) : base.map((w) => (w / baseTotal) * cell.units.length);
    }
  }
  return { cells, targets, constraints };
}

/** Cells: units alike in every column and every member set of the constraints. */
function buildCells(input: AllocationInput, splitBy: readonly ReadonlySet<number>[]): Cell[] {
  const byKey = new Map<string, Cell>();
  const sets = [...memberSets(input.constraints ?? []), ...splitBy];
  const ordering = new Set(orderingSets(input));
  // Per unit, the sets it is in (as "set index," strings): all of them, and those that order categories.
  const inSets = new Map<number, string>();
  const inOrdering = new Map<number, string>();
  sets.forEach((set, j) => {
    for (const unit of set) {
      inSets.set(unit, `${inSets.get(unit) ?? ''}${j},`);
      if (ordering.has(set)) inOrdering.set(unit, `${inOrdering.get(unit) ?? ''}${j},`);
    }
  });
  for (const unit of input.units) {
    const cols = input.columns.flatMap((col, j) => (col.members.has(unit) ? [j] : []));
    const key = `${cols.join(',')}|${inSets.get(unit) ?? ''}`;
    const cell = byKey.get(key) ?? {
      units: [],
      columns: cols,
      group: `${cols.join(',')}|${inOrdering.get(unit) ?? ''}`,
      weights: [],
      counts: [],
    };
    cell.units.push(unit);
    byKey.set(key, cell);
  }
  return [...byKey.values()];
}

/**
 * Member sets of the constraints that tell ordered categories apart: all but those of counts over every
 * ordered category (a figure's N over its whole scale only decides who answers, not what).
 */
function orderingSets(input: AllocationInput): ReadonlySet<number>[] {
  const ordered = [...input.ordered];
  const out = new Set<ReadonlySet<number>>();
  for (const c of input.constraints ?? []) {
    const parts = c.kind === 'count' ? c.region : [...c.part, ...c.whole];
    if (c.kind === 'count' && parts.every((p) => ordered.every((o) => p.categories.includes(o)))) continue;
    for (const p of parts) out.add(p.members);
  }
  return [...out];
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

/** Hands out each cell's counts to its units (random, or by the latent score for ordered categories). */
export function assign(cells: readonly Cell[], input: AllocationInput, rng: Rng): Map<number, number> {
  const out = new Map<number, number>();
  const K = input.categories.length;
  const ordered = input.categories
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => input.ordered.has(c))
    .sort((a, b) => a.c - b.c);
  const groups = new Map<string, Cell[]>();
  for (const cell of cells) groups.set(cell.group, [...(groups.get(cell.group) ?? []), cell]);
  for (const group of groups.values()) {
    const rest: number[] = [];
    for (const cell of group) {
      const units = rng.shuffle(cell.units);
      let at = 0;
      // Unordered categories (non-response, "weet ik niet", nominal answers) go to random units first.
      for (let k = 0; k < K; k++) {
        const category = input.categories[k] as number;
        if (input.ordered.has(category)) continue;
        for (let n = 0; n < (cell.counts[k] as number); n++) out.set(units[at++] as number, category);
      }
      rest.push(...units.slice(at));
    }
    const latent = input.latent;
    if (latent) {
      // Score each unit once: a latent with random error must not be redrawn inside the comparator.
      const score = new Map(rest.map((u) => [u, latent(u)]));
      rest.sort((a, b) => (score.get(a) as number) - (score.get(b) as number));
    } else if (group.length > 1) rest.splice(0, rest.length, ...rng.shuffle(rest));
    let i = 0;
    for (const { c, k } of ordered) {
      const n = group.reduce((sum, cell) => sum + (cell.counts[k] as number), 0);
      for (let m = 0; m < n; m++) out.set(rest[i++] as number, c);
    }
  }
  return out;
}
