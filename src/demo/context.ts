// What generating one item needs from the wave being generated: the context (people, seeded generator,
// models, the figures' targets), a plan's columns resolved to their members, the figures' constraints on the
// item, and storing an answer (with an "anders, namelijk" text where the option has one). Pure.
import type { AnswerValue, Item, Language } from '../questionnaire/types.ts';
import { SKIP, type AllocationColumn, type Constraint } from './allocate.ts';
import { OTHER_GENDER, OTHER_ROUTE, OTHER_ROUTE_COHORT_2, type Dist } from './assumptions.ts';
import { targetConstraints, type FigureTarget, type TargetContext } from './figure-targets.ts';
import { matches, type ColumnFilter, type Profile } from './filters.ts';
import type { LatentModel } from './latent.ts';
import { profileOf, type Person } from './people.ts';
import type { Rng } from './prng.ts';
import type { ItemPlan, PlanColumn } from './targets.ts';
import { otherText } from './texts.ts';
import type { DemoWavePlan } from './waves.ts';

export interface Context {
  readonly plan: DemoWavePlan;
  readonly rng: Rng;
  readonly people: readonly Person[];
  /** Questionnaire language per person (provisional until the country of origin is known). */
  readonly languages: Language[];
  readonly models: ReadonlyMap<string, LatentModel>;
  /** Models of whole scales that items do not follow one by one (Tabel 4.7, kwaliteit). */
  readonly scaleModels: ReadonlyMap<string, LatentModel>;
  /** The report's figures as targets, by the question whose allocation meets them (wave 2 only). */
  readonly figures: ReadonlyMap<string, readonly FigureTarget[]>;
}

export interface ResolvedColumn {
  readonly members: number[];
  readonly N: number;
  readonly plan: PlanColumn;
  /** Its N comes from a share (an assumption's non-response), not from a published count. */
  readonly soft: boolean;
}

/** Column members among the units and the number of answers each column wants. */
export function resolveColumns(plan: ItemPlan | undefined, units: readonly number[], ctx: Context): ResolvedColumn[] {
  if (!plan) return [];
  const profiles = units.map((u) => profileOf(ctx.people[u]!));
  const memberOf = (filter: ColumnFilter): number[] => units.filter((_, i) => matches(filter, profiles[i]!));
  const cols = plan.columns.map((c) => ({ plan: c, members: memberOf(c.filter) })).filter((c) => c.members.length > 0);
  const poolSize = new Map<string, number>();
  for (const c of cols) if (c.plan.pool) poolSize.set(c.plan.pool.id, (poolSize.get(c.plan.pool.id) ?? 0) + c.members.length);
  return cols.map(({ plan: p, members }) => {
    const wanted =
      p.N ??
      (p.pool
        ? Math.round((p.pool.total * members.length) / (poolSize.get(p.pool.id) ?? 1))
        : Math.round(members.length * (1 - p.skipRate)));
    return { plan: p, members, N: Math.min(wanted, members.length), soft: p.N === null && p.pool === undefined };
  });
}

export function targetOf(col: ResolvedColumn, codes: readonly number[]): Map<number, number> {
  const dist = [...col.plan.dist].filter(([code]) => codes.includes(code));
  const total = dist.reduce((s, [, v]) => s + v, 0);
  const target = new Map<number, number>(codes.map((c) => [c, 0]));
  for (const [code, v] of dist) target.set(code, total > 0 ? (col.N * v) / total : 0);
  target.set(SKIP, col.members.length - col.N);
  return target;
}

export function pooled(
  cols: readonly AllocationColumn[],
  categories: readonly number[],
  fallback: Map<number, number>,
): Map<number, number> {
  if (cols.length === 0) return fallback;
  const out = new Map<number, number>(categories.map((c) => [c, 0]));
  for (const col of cols) for (const [c, v] of col.target) out.set(c, (out.get(c) ?? 0) + v);
  return out;
}

export function setAnswer(person: Person, item: Item, value: AnswerValue, ctx: Context): void {
  person.answers.set(item.id, value);
  if (item.kind !== 'single' && item.kind !== 'scale' && item.kind !== 'multi') return;
  const codes = Array.isArray(value) ? value : [value];
  for (const option of item.options) {
    if (option.other && codes.includes(option.code))
      person.answers.set(option.other, otherText(ctx.languages[person.index] as Language, ctx.rng));
  }
}

export function drawFrom(dist: Dist, rng: Rng): number {
  const entries = Object.entries(dist).map(([k, v]) => [Number(k), v] as const);
  return entries[rng.pick(entries.map(([, v]) => v))]![0];
}

/**
 * Codes a later draw gives to those the allocation leaves without an answer (not counted by the tables):
 * the codes it can give, and its distribution for a respondent.
 */
export const DRAWN: Readonly<Record<string, { readonly codes: readonly number[]; readonly dist: (profile: Profile) => Dist }>> = {
  'Q2.01': { codes: [3, 98], dist: () => OTHER_GENDER },
  'Q2.09': { codes: [4, 99], dist: (p) => (p.cohort === 2 ? OTHER_ROUTE_COHORT_2 : OTHER_ROUTE) },
};

/** The figures' constraints on the allocation of `itemId` (N: for figures with their own N). */
export function figureConstraints(itemId: string, units: readonly number[], categories: readonly number[], ctx: Context): Constraint[] {
  const drawn = DRAWN[itemId]?.codes ?? [];
  const context = targetContext(itemId, units, categories, ctx);
  return (ctx.figures.get(itemId) ?? [])
    .filter((t) => t.question !== itemId || !t.rows.some((r) => drawn.includes(r)))
    .flatMap((t) => targetConstraints(t, context));
}

export function targetContext(itemId: string, units: readonly number[], categories: readonly number[], ctx: Context): TargetContext {
  const profiles = new Map<number, Profile>();
  const profile = (u: number): Profile => {
    let p = profiles.get(u);
    if (!p) profiles.set(u, (p = profileOf(ctx.people[u]!)));
    return p;
  };
  return { at: itemId, units, categories, profile };
}

/** Weight of an assumption's shares against a figure's quotes (1) and Ns (4): the published numbers win. */
export const ASSUMED_WEIGHT = 0.25;

/**
 * A column whose N is only a share (an assumption's non-response) as shares of its codes among the answers
 * and of non-response among its members: where a figure counts the item, the figure's N decides.
 */
export function asShares(col: ResolvedColumn, codes: readonly number[]): Constraint[] {
  const members = new Set(col.members);
  const dist = [...col.plan.dist].filter(([code]) => codes.includes(code));
  const total = dist.reduce((s, [, v]) => s + v, 0);
  const answers = [{ members, categories: codes }];
  return [
    ...dist.map(([code, v]): Constraint => ({
      kind: 'share',
      part: [{ members, categories: [code] }],
      whole: answers,
      value: total > 0 ? v / total : 0,
      weight: ASSUMED_WEIGHT,
    })),
    {
      kind: 'share',
      part: [{ members, categories: [SKIP] }],
      whole: [{ members, categories: [...codes, SKIP] }],
      value: col.plan.skipRate,
      weight: ASSUMED_WEIGHT,
    },
  ];
}
