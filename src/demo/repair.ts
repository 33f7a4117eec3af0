// The allocator's integer repair: after rounding the fitted cells, moves one unit at a time between
// categories inside a cell while that lowers the summed distance to the column targets (non-response
// weighted more, so column Ns come out exact) and to the constraints (figures' Ns and quoted shares); then
// pairs of opposite moves; then, while a column's or a figure's N is still missed, a short chain of moves
// each towards a missed N, kept when the chain as a whole lowers the total (crossing margins can need a
// chain no single step or pair improves). Deterministic.
import {
  applyMove,
  constraintsByCell,
  gainOf as constraintGain,
  startTotals,
  type CompiledConstraint,
  type ConstraintCell,
} from './constraints.ts';

export interface RepairCell extends ConstraintCell {
  readonly columns: readonly number[];
}

/** Category code of "no answer" (as in allocate.ts). */
const SKIP = -1;
/** Weight of non-response against an answer category in a column's distance. */
const SKIP_WEIGHT = 4;
/** The chain search: moves deep, moves tried per missed target, cost it may run up on the way, rounds, moves in all. */
const CHAIN_DEPTH = 3;
const CHAIN_WIDTH = 12;
const CHAIN_LOSS = 9;
const CHAIN_ROUNDS = 10;
const CHAIN_BUDGET = 200_000;

export function repair(
  cells: RepairCell[],
  targets: readonly (readonly number[])[],
  categories: readonly number[],
  constraints: readonly CompiledConstraint[],
): void {
  const K = categories.length;
  const weight = categories.map((c) => (c === SKIP ? SKIP_WEIGHT : 1));
  const totals = targets.map((row) => row.map(() => 0));
  const recount = (): void => {
    for (const row of totals) row.fill(0);
    for (const cell of cells) for (const j of cell.columns) for (let k = 0; k < K; k++) totals[j]![k]! += cell.counts[k] as number;
    startTotals(constraints, cells);
  };
  recount();
  const cost = (j: number, k: number, value: number): number => weight[k]! * Math.abs(value - (targets[j]![k] as number));
  const byCell = constraintsByCell(constraints, cells.length);
  const apply = (i: number, from: number, to: number): void => {
    const cell = cells[i]!;
    cell.counts[from]!--;
    cell.counts[to]!++;
    for (const j of cell.columns) {
      totals[j]![from]!--;
      totals[j]![to]!++;
    }
    for (const view of byCell[i]!) applyMove(view, from, to);
  };
  const gainOf = (i: number, from: number, to: number): number => {
    let gain = 0;
    for (const view of byCell[i]!) gain += constraintGain(view, from, to);
    for (const j of cells[i]!.columns) {
      const tf = totals[j]![from] as number;
      const tt = totals[j]![to] as number;
      gain += cost(j, from, tf) - cost(j, from, tf - 1) + cost(j, to, tt) - cost(j, to, tt + 1);
    }
    return gain;
  };
  const constrained = cells.flatMap((cell, i) => (cell.columns.length > 0 || byCell[i]!.length > 0 ? [i] : []));
  // First improvement, cell after cell, until a whole pass finds none; then a pair of opposite moves.
  const descend = (): void => {
    for (let pass = 0; pass < 2000; pass++) {
      let improved = false;
      for (const i of constrained) {
        const counts = cells[i]!.counts;
        for (let from = 0; from < K; from++)
          for (let to = 0; to < K; to++) {
            if (to === from) continue;
            while ((counts[from] as number) > 0 && gainOf(i, from, to) > 1e-9) {
              apply(i, from, to);
              improved = true;
            }
          }
      }
      // No single move helps: try a pair of opposite moves in two cells (a local optimum of crossing margins).
      if (!improved && !pairMove(constrained, cells, K, apply, gainOf)) break;
    }
  };
  descend();
  // Hard targets (column Ns, figures' Ns) still missed: a short chain of moves, each towards a missed one.
  const hardMisses = (): { i: number; from: number; to: number }[][] => {
    const out: { i: number; from: number; to: number }[][] = [];
    totals.forEach((row, j) =>
      row.forEach((value, k) => {
        const off = value - (targets[j]![k] as number);
        if (weight[k] !== SKIP_WEIGHT || Math.abs(off) < 1 - 1e-9) return;
        out.push(
          bestMoves(
            constrained.filter((i) => cells[i]!.columns.includes(j)),
            () => (off > 0 ? [[k, null]] : [[null, k]]),
          ),
        );
      }),
    );
    for (const c of constraints) {
      if (c.kind !== 'count' || Math.abs(c.inside - c.goal) < 1 - 1e-9) continue;
      const over = c.inside > c.goal;
      out.push(
        bestMoves(
          [...c.inner.keys(), ...c.outer.keys()].filter((i, n, all) => all.indexOf(i) === n),
          (i) => {
            const inner = c.inner.get(i);
            const pairs: [number | null, number | null][] = [];
            for (let k = 0; k < K; k++) if (inner?.[k]) pairs.push(over ? [k, null] : [null, k]);
            return pairs;
          },
        ),
      );
    }
    return out;
  };
  // Per cell the best move for each (from, to) pattern (null: any category), so the chain stays narrow.
  const bestMoves = (
    where: readonly number[],
    patterns: (i: number) => [number | null, number | null][],
  ): { i: number; from: number; to: number }[] => {
    const out: { i: number; from: number; to: number; gain: number }[] = [];
    for (const i of where)
      for (const [f, t] of patterns(i)) {
        let best: { i: number; from: number; to: number; gain: number } | null = null;
        for (let from = 0; from < K; from++) {
          if ((f !== null && from !== f) || (cells[i]!.counts[from] as number) <= 0) continue;
          for (let to = 0; to < K; to++) {
            if (to === from || (t !== null && to !== t)) continue;
            const gain = gainOf(i, from, to);
            if (!best || gain > best.gain) best = { i, from, to, gain };
          }
        }
        if (best) out.push(best);
      }
    return out.sort((a, b) => b.gain - a.gain).slice(0, CHAIN_WIDTH);
  };
  let budget = CHAIN_BUDGET;
  const chain = (depth: number, gained: number): boolean => {
    for (const moves of hardMisses())
      for (const m of moves) {
        if (budget-- <= 0) return false;
        const g = gainOf(m.i, m.from, m.to);
        if (gained + g < -CHAIN_LOSS) continue;
        apply(m.i, m.from, m.to);
        if (gained + g > 1e-9 || (depth > 1 && chain(depth - 1, gained + g))) return true;
        apply(m.i, m.to, m.from);
      }
    return false;
  };
  for (let round = 0; round < CHAIN_ROUNDS && chain(CHAIN_DEPTH, 0); round++) descend();
}

/** At most this many two-cell moves are weighed per search for a pair (large problems stop early). */
const PAIR_BUDGET = 400_000;

function pairMove(
  constrained: readonly number[],
  cells: readonly RepairCell[],
  K: number,
  apply: (i: number, from: number, to: number) => void,
  gainOf: (i: number, from: number, to: number) => number,
): boolean {
  let budget = PAIR_BUDGET;
  for (const a of constrained) {
    for (let from = 0; from < K; from++) {
      if ((cells[a]!.counts[from] as number) <= 0) continue;
      for (let to = 0; to < K; to++) {
        if (to === from) continue;
        const first = gainOf(a, from, to);
        apply(a, from, to);
        for (const b of constrained) {
          if (b === a || (cells[b]!.counts[to] as number) <= 0) continue;
          if (budget-- <= 0) {
            apply(a, to, from);
            return false;
          }
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
