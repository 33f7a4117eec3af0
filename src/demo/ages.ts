// Ages (Q2.02): a band per respondent allocated like any item (Tabel 2.12's sample per group, the figures of
// age bands), then an age inside the band, shifted a year at a time to the mean age the report prints. Pure.
import type { Item } from '../questionnaire/types.ts';
import { allocate, SKIP, type AllocationColumn } from './allocate.ts';
import { figureConstraints, pooled, resolveColumns, setAnswer, targetOf, type Context } from './context.ts';
import { AGE_BANDS } from './people.ts';
import type { Rng } from './prng.ts';
import type { ItemPlan } from './targets.ts';

export function ageItem(visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): void {
  const units = visible.map(([u]) => u);
  const categories = [1, 2, 3, 4, SKIP];
  const columns = resolveColumns(plan, units, ctx).map((c): AllocationColumn => ({
    members: new Set(c.members),
    target: targetOf(c, [1, 2, 3, 4]),
  }));
  const base = new Map([
    [1, 8],
    [2, 30],
    [3, 44],
    [4, 18],
    [SKIP, 4],
  ]);
  const constraints = figureConstraints('Q2.02', units, categories, ctx);
  const result = allocate(
    { units, categories, columns, fallback: pooled(columns, categories, base), ordered: new Set(), constraints },
    ctx.rng,
  );
  const ages: Age[] = [];
  for (const [u, item] of visible) {
    const band = result.get(u) ?? SKIP;
    if (band === SKIP) continue;
    const r = ctx.rng.next();
    const [lo, hi] = AGE_BANDS[band - 1] as [number, number];
    ages.push({ unit: u, item, lo, hi, age: band === 4 ? lo + Math.floor((hi - lo + 1) * r * r) : lo + Math.floor((hi - lo + 1) * r) });
  }
  if (ctx.plan.meanAge !== null) shiftToMean(ages, ctx.plan.meanAge, ctx.rng);
  for (const { unit, item, age } of ages) setAnswer(ctx.people[unit]!, item, age, ctx);
}

interface Age {
  readonly unit: number;
  readonly item: Item;
  readonly lo: number;
  readonly hi: number;
  age: number;
}

/** Moves randomly chosen ages a year at a time, inside their band, until their mean is the target. */
function shiftToMean(ages: Age[], target: number, rng: Rng): void {
  for (let pass = 0; pass < 6 && ages.length > 0; pass++) {
    const excess = ages.reduce((s, a) => s + a.age, 0) - target * ages.length;
    const step = Math.sign(excess);
    const movable = rng.shuffle(ages.filter((a) => a.age - step >= a.lo && a.age - step <= a.hi));
    const moves = Math.min(Math.round(Math.abs(excess)), movable.length);
    for (let k = 0; k < moves; k++) (movable[k] as Age).age -= step;
    if (moves === 0) break;
  }
}
