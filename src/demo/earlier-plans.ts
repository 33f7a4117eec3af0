// The answer targets of an earlier wave (wave 1, 2023): the 2024 targets per type inburgeraar as a starting
// point (the report finds most answers "vergelijkbaar met de vorige meting"), with the earlier figures the
// report quotes put in place (earlier.ts) and the 2023 assumptions (assumptions.ts). Column Ns of 2024 do not
// carry over: they become shares (non-response), as the report prints no wave-1 Ns. Pure.
import type { ColumnFilter } from './filters.ts';
import type { ChoiceItem } from '../questionnaire/types.ts';
import { ASSUMED_2023, ASSUMED_MULTI_2023 } from './assumptions.ts';
import { EARLIER_FIGURES, type EarlierFigure } from './earlier.ts';
import { DemoDataError } from './errors.ts';
import { defaultDist, fromAssumption, type ItemPlan, type PlanColumn } from './targets.ts';
import { WAVE_2024 } from './waves.ts';

/** Item non-response on an optional item when the report gives no N (about the 2024 median). */
export const DEFAULT_SKIP = 0.04;

const typeOnly = (filter: ColumnFilter): boolean =>
  filter.route === undefined && filter.cohort === undefined && filter.gender === undefined;
const isTotal = (filter: ColumnFilter): boolean => typeOnly(filter) && filter.type === undefined;
const isType = (filter: ColumnFilter, type: number): boolean => typeOnly(filter) && filter.type?.length === 1 && filter.type[0] === type;

/** A 2024 column with its counts turned into shares. */
function asShares(col: PlanColumn, item: ChoiceItem | undefined): PlanColumn {
  if (col.N === null && col.pool === undefined) return col;
  const type = col.filter.type?.length === 1 ? (col.filter.type[0] as 1 | 2 | 3 | 4) : undefined;
  const skipRate =
    col.wholeGroup && col.N !== null && type !== undefined
      ? Math.max(0, 1 - col.N / WAVE_2024.sizes[type])
      : item?.required
        ? 0
        : DEFAULT_SKIP;
  return { source: `${col.source} (as shares)`, filter: col.filter, N: null, dist: col.dist, skipRate };
}

/**
 * Gives each figure's codes its printed share of the base (figures of one item and type share a base);
 * the base's other codes share the rest in their old proportions; codes outside the base keep their weight.
 */
export function withFigures(dist: ReadonlyMap<number, number>, item: ChoiceItem, figures: readonly EarlierFigure[]): Map<number, number> {
  const out = new Map(dist);
  for (const o of item.options) if (!out.has(o.code)) out.set(o.code, 0);
  if (figures.every((f) => f.kind === 'option')) {
    for (const f of figures) out.set(f.codes[0] as number, f.value);
    return out;
  }
  const base = figures[0]?.base ?? item.options.map((o) => o.code);
  const sum = (codes: readonly number[]): number => codes.reduce((s, c) => s + (out.get(c) ?? 0), 0);
  const total = sum(base) > 0 ? sum(base) : base.length;
  const scaleTo = (codes: readonly number[], mass: number): void => {
    const now = sum(codes);
    for (const c of codes) out.set(c, now > 0 ? ((out.get(c) ?? 0) * mass) / now : mass / codes.length);
  };
  const named = new Set(figures.flatMap((f) => f.codes));
  const rest = base.filter((c) => !named.has(c));
  scaleTo(rest, total * (1 - figures.reduce((s, f) => s + f.value, 0) / 100));
  for (const f of figures) scaleTo(f.codes, (total * f.value) / 100);
  return out;
}

/** The targets of wave 1 from the 2024 targets; `items` are the wave-1 questionnaires' choice items. */
export function earlierPlans(current: ReadonlyMap<string, ItemPlan>, items: ReadonlyMap<string, ChoiceItem>): Map<string, ItemPlan> {
  const columns = new Map<string, PlanColumn[]>();
  // Breakdowns by route, cohort or gender are 2024 tables; wave 1 is reproduced per type inburgeraar.
  for (const [id, plan] of current)
    columns.set(
      id,
      plan.columns.filter((c) => typeOnly(c.filter)).map((c) => asShares(c, items.get(id))),
    );
  for (const [id, cols] of [...Object.entries(ASSUMED_2023), ...Object.entries(ASSUMED_MULTI_2023)])
    columns.set(id, fromAssumption(id, cols));
  const groups = new Map<string, EarlierFigure[]>();
  for (const f of EARLIER_FIGURES) {
    if (f.type === null || f.kind === 'mean') continue;
    const key = `${f.item}|${f.type}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const figures of groups.values()) {
    const { item: id, type } = figures[0] as EarlierFigure & { type: number };
    const item = items.get(id);
    if (!item)
      throw new DemoDataError(
        `the report's earlier figure ${figures[0]?.source} counts ${id}, which is in none of the wave-1 questionnaires`,
      );
    const cols = columns.get(id) ?? [];
    const own = cols.find((c) => isType(c.filter, type));
    const from = own ?? cols.find((c) => isTotal(c.filter));
    const base: PlanColumn = from ?? {
      source: `default ${id}`,
      filter: {},
      N: null,
      dist: defaultDist(item),
      skipRate: item.required ? 0 : DEFAULT_SKIP,
    };
    const column: PlanColumn = {
      ...base,
      source: `earlier figures ${id} type ${type}`,
      filter: { type: [type] },
      dist: withFigures(base.dist, item, figures),
    };
    columns.set(id, own ? cols.map((c) => (c === own ? column : c)) : [...cols, column]);
  }
  // A total column would pull the types back to the 2024 shares where the figures are per type.
  const out = new Map<string, ItemPlan>();
  for (const [id, cols] of columns) {
    const perType = cols.some((c) => c.filter.type !== undefined);
    out.set(id, { item: id, columns: perType ? cols.filter((c) => !isTotal(c.filter)) : cols });
  }
  return out;
}
