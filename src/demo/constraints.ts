// Targets the allocator meets besides its columns' per-category counts: a count over a region of the units ×
// categories table (a figure's N: the answers it draws among the people in its bars) and a share of one region
// within another (a percentage the report quotes: "80 procent (heel) goed" of a bar). Compiled onto the
// allocator's cells, with the iterative-fitting step and the cost the integer repair lowers. Pure.

/** Some units and, for them, the categories a target counts. */
export interface RegionPart {
  readonly members: ReadonlySet<number>;
  readonly categories: readonly number[];
}

/** A region of the units × categories table: the union of its parts. */
export type Region = readonly RegionPart[];

export type Constraint =
  /** As many units in the region as the target (the rest of its units' categories make up the difference). */
  | { readonly kind: 'count'; readonly region: Region; readonly target: number; readonly weight?: number }
  /** `part` holds `value` (0-1) of `whole`; `part` lies inside `whole`. */
  | { readonly kind: 'share'; readonly part: Region; readonly whole: Region; readonly value: number; readonly weight?: number };

/** What the compiled constraints need of a cell. */
export interface ConstraintCell {
  readonly units: readonly number[];
  weights: number[];
  counts: number[];
}

/** Per cell index, the categories (by index) a region counts there. */
type Masks = Map<number, Uint8Array>;

export interface CompiledConstraint {
  readonly kind: Constraint['kind'];
  /** count: the region; share: the part. */
  readonly inner: Masks;
  /** count: every category of the region's cells; share: the whole. */
  readonly outer: Masks;
  /** count: the target; share: the value. */
  readonly goal: number;
  readonly weight: number;
  /** Current integer totals of inner and outer (kept by the repair). */
  inside: number;
  around: number;
}

/** Cost weight of a figure's N (like a column N: exact) and of a quoted share (like a table cell), by default. */
const COUNT_WEIGHT = 4;
const SHARE_WEIGHT = 1;

/** The distinct member sets of the constraints (the allocator splits its cells by them). */
export function memberSets(constraints: readonly Constraint[]): ReadonlySet<number>[] {
  const out = new Set<ReadonlySet<number>>();
  for (const c of constraints) for (const part of c.kind === 'count' ? c.region : [...c.part, ...c.whole]) out.add(part.members);
  return [...out];
}

function masksOf(region: Region, cells: readonly ConstraintCell[], categories: readonly number[]): Masks {
  const out: Masks = new Map();
  cells.forEach((cell, i) => {
    const unit = cell.units[0];
    if (unit === undefined) return;
    let mask: Uint8Array | null = null;
    for (const part of region) {
      if (!part.members.has(unit)) continue;
      mask ??= new Uint8Array(categories.length);
      for (const c of part.categories) {
        const k = categories.indexOf(c);
        if (k >= 0) mask[k] = 1;
      }
    }
    if (mask?.some((m) => m === 1)) out.set(i, mask);
  });
  return out;
}

/** The constraints on the cells (which must not mix members and non-members of any part). */
export function compileConstraints(
  constraints: readonly Constraint[],
  cells: readonly ConstraintCell[],
  categories: readonly number[],
): CompiledConstraint[] {
  return constraints.map((c): CompiledConstraint => {
    if (c.kind === 'count') {
      const inner = masksOf(c.region, cells, categories);
      const outer: Masks = new Map([...inner.keys()].map((i) => [i, new Uint8Array(categories.length).fill(1)]));
      return { kind: 'count', inner, outer, goal: c.target, weight: c.weight ?? COUNT_WEIGHT, inside: 0, around: 0 };
    }
    return {
      kind: 'share',
      inner: masksOf(c.part, cells, categories),
      outer: masksOf(c.whole, cells, categories),
      goal: c.value,
      weight: c.weight ?? SHARE_WEIGHT,
      inside: 0,
      around: 0,
    };
  });
}

function sumOf(masks: Masks, cells: readonly ConstraintCell[], of: 'weights' | 'counts'): number {
  let s = 0;
  for (const [i, mask] of masks) {
    const values = cells[i]![of];
    for (let k = 0; k < mask.length; k++) if (mask[k]) s += values[k] as number;
  }
  return s;
}

/** Scales the cells' weights inside `inner` by `a` and those in `outer` but not `inner` by `b`. */
function scale(c: CompiledConstraint, cells: readonly ConstraintCell[], a: number, b: number): void {
  for (const [i, mask] of c.outer) {
    const w = cells[i]!.weights;
    const own = c.inner.get(i);
    for (let k = 0; k < mask.length; k++) if (mask[k]) w[k] = (w[k] as number) * (own?.[k] ? a : b);
  }
  for (const [i, own] of c.inner) {
    if (c.outer.has(i)) continue;
    const w = cells[i]!.weights;
    for (let k = 0; k < own.length; k++) if (own[k]) w[k] = (w[k] as number) * a;
  }
}

/** One step of iterative proportional fitting towards the constraint. */
export function fitStep(c: CompiledConstraint, cells: readonly ConstraintCell[]): void {
  const inside = sumOf(c.inner, cells, 'weights');
  const around = sumOf(c.outer, cells, 'weights');
  const want = c.kind === 'count' ? Math.min(c.goal, around) : c.goal * around;
  if (inside <= 0 || around - inside <= 0) {
    if (inside > 0 && want < inside) scale(c, cells, want / inside, 1);
    return;
  }
  scale(c, cells, want / inside, Math.max(0, around - want) / (around - inside));
}

/** Starts the repair's running totals from the cells' counts. */
export function startTotals(constraints: readonly CompiledConstraint[], cells: readonly ConstraintCell[]): void {
  for (const c of constraints) {
    c.inside = sumOf(c.inner, cells, 'counts');
    c.around = sumOf(c.outer, cells, 'counts');
  }
}

/**
 * A share within 0.4 points of its value costs nothing (it prints as the quoted whole percentage), so the
 * repair can spend that slack on the exact counts.
 */
const SHARE_SLACK = 0.004;

const costOf = (c: CompiledConstraint, inside: number, around: number): number =>
  c.kind === 'count'
    ? c.weight * Math.abs(inside - c.goal)
    : c.weight * Math.max(0, Math.abs(inside - c.goal * around) - SHARE_SLACK * around);

/** The constraint's current cost (zero when met). */
export const constraintCost = (c: CompiledConstraint): number => costOf(c, c.inside, c.around);

/** A constraint as one cell sees it: the categories (by index) it counts there, inner and outer. */
export interface CellView {
  readonly c: CompiledConstraint;
  readonly inner: Uint8Array | null;
  readonly outer: Uint8Array | null;
}

/** How much moving one unit of the cell from category `from` to `to` lowers the constraint's cost. */
export function gainOf(view: CellView, from: number, to: number): number {
  const dIn = (view.inner?.[to] ?? 0) - (view.inner?.[from] ?? 0);
  const dOut = (view.outer?.[to] ?? 0) - (view.outer?.[from] ?? 0);
  if (dIn === 0 && dOut === 0) return 0;
  const c = view.c;
  return costOf(c, c.inside, c.around) - costOf(c, c.inside + dIn, c.around + dOut);
}

/** Records the move in the running totals. */
export function applyMove(view: CellView, from: number, to: number): void {
  view.c.inside += (view.inner?.[to] ?? 0) - (view.inner?.[from] ?? 0);
  view.c.around += (view.outer?.[to] ?? 0) - (view.outer?.[from] ?? 0);
}

/** The constraints that count anything in each cell (by cell index), as the cell sees them. */
export function constraintsByCell(constraints: readonly CompiledConstraint[], cellCount: number): CellView[][] {
  const out: CellView[][] = Array.from({ length: cellCount }, () => []);
  for (const c of constraints) {
    const touched = new Set([...c.inner.keys(), ...c.outer.keys()]);
    for (const i of touched) out[i]!.push({ c, inner: c.inner.get(i) ?? null, outer: c.outer.get(i) ?? null });
  }
  return out;
}
