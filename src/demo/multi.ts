// Multiple-choice items: first who answers at all (the column Ns, a figure's N), then each option among those
// answering, exclusive options first (the tables' percentages per option, a figure's quoted shares), and at
// last a choice for whoever chose nothing, taken over from someone alike who chose several. Pure.
import type { ChoiceItem, Item } from '../questionnaire/types.ts';
import { allocate, SKIP, type AllocationColumn, type Constraint } from './allocate.ts';
import { ASSUMED_WEIGHT, pooled, resolveColumns, setAnswer, targetContext, type Context, type ResolvedColumn } from './context.ts';
import { DemoDataError } from './errors.ts';
import { barRegions } from './figure-targets.ts';
import { profileOf } from './people.ts';
import type { ItemPlan } from './targets.ts';

export function multiItem(itemId: string, visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): void {
  const units = visible.map(([u]) => u);
  const resolved = resolveColumns(plan, units, ctx);
  const options = [...new Map(visible.flatMap(([, it]) => (it as ChoiceItem).options.map((o) => [o.code, o] as const))).values()].sort(
    (a, b) => Number(b.exclusive ?? false) - Number(a.exclusive ?? false),
  );
  // The figures' bars: their N counts who answers, less those whose only choice is a non-answer the figure
  // leaves out ("Dat weet ik niet", chosen first as an exclusive option); a quote is the share choosing an
  // option among the rest.
  const figures = (ctx.figures.get(itemId) ?? []).map((t) => ({
    t,
    bars: barRegions(t, targetContext(itemId, units, [1, SKIP], ctx)),
    unlisted: options.filter((o) => o.missing && o.exclusive && !t.rows.includes(o.code)).map((o) => o.code),
  }));
  const counts = figures.flatMap(({ t, bars, unlisted }): Constraint[] =>
    t.N === null || unlisted.length > 0
      ? []
      : [{ kind: 'count', region: bars.map((b) => ({ members: b.members, categories: [1] })), target: t.N }],
  );
  const answerRate = (c: ResolvedColumn): Constraint => {
    const members = new Set(c.members);
    return {
      kind: 'share',
      part: [{ members, categories: [1] }],
      whole: [{ members, categories: [1, SKIP] }],
      value: c.N / Math.max(1, c.members.length),
      weight: ASSUMED_WEIGHT,
    };
  };
  // First who answers at all, then each option among them (exclusive options first).
  const answered = allocate(
    {
      units,
      categories: [1, SKIP],
      columns: resolved
        .filter((c) => counts.length === 0 || !c.soft)
        .map((c) => ({
          members: new Set(c.members),
          target: new Map([
            [1, c.N],
            [SKIP, c.members.length - c.N],
          ]),
        })),
      fallback: new Map([
        [1, 95],
        [SKIP, 5],
      ]),
      ordered: new Set(),
      constraints: [...counts, ...(counts.length > 0 ? resolved.filter((c) => c.soft).map(answerRate) : [])],
    },
    ctx.rng,
  );
  const answering = units.filter((u) => answered.get(u) === 1);
  const chosen = new Map<number, number[]>(answering.map((u) => [u, []]));
  const itemOf = new Map(visible.map(([u, it]) => [u, it as ChoiceItem]));
  const exclusiveTaken = new Set<number>();
  for (const option of options) {
    const pool = answering.filter((u) => !exclusiveTaken.has(u) && itemOf.get(u)!.options.some((o) => o.code === option.code));
    if (pool.length === 0) continue;
    const columns: AllocationColumn[] = [];
    for (const c of resolved) {
      const pct = c.plan.dist.get(option.code);
      if (pct === undefined) continue;
      const inAnswered = c.members.filter((u) => answered.get(u) === 1);
      const members = inAnswered.filter((u) => pool.includes(u));
      const want = Math.min(members.length, (inAnswered.length * pct) / 100);
      columns.push({
        members: new Set(members),
        target: new Map([
          [1, want],
          [0, members.length - want],
        ]),
      });
    }
    const chosenShare = (members: readonly number[], base: number, share: number): AllocationColumn => {
      const want = Math.max(0, Math.min(members.length, base * share));
      return {
        members: new Set(members),
        target: new Map([
          [1, want],
          [0, members.length - want],
        ]),
      };
    };
    for (const { t, bars, unlisted } of figures) {
      const answering = (indices: readonly number[]): number[] =>
        [...new Set(indices.flatMap((i) => bars[i]!.list))].filter((u) => answered.get(u) === 1);
      if (t.N !== null && unlisted[0] === option.code) {
        const all = answering(bars.map((_, i) => i));
        columns.push(
          chosenShare(
            all.filter((u) => pool.includes(u)),
            all.length - t.N,
            1,
          ),
        );
      }
      for (const quote of t.quotes) {
        if (quote.codes.length !== 1)
          throw new DemoDataError(`figure ${t.id}: a quote of a multiple-choice figure names one option, not ${quote.codes.join('+')}`);
        if (quote.codes[0] !== option.code) continue;
        const base = answering(quote.bars).filter((u) => !chosen.get(u)!.some((c) => unlisted.includes(c)));
        columns.push(
          chosenShare(
            base.filter((u) => pool.includes(u)),
            base.length,
            quote.value / 100,
          ),
        );
      }
    }
    const p = option.exclusive ? 6 : 25;
    const result = allocate(
      {
        units: pool,
        categories: [0, 1],
        columns,
        fallback: pooled(
          columns,
          [0, 1],
          new Map([
            [1, p],
            [0, 100 - p],
          ]),
        ),
        ordered: new Set([0, 1]),
        latent: (u) => -10 * (chosen.get(u)?.length ?? 0) + ctx.rng.next(),
      },
      ctx.rng,
    );
    for (const u of pool) {
      if (result.get(u) !== 1) continue;
      chosen.get(u)!.push(option.code);
      if (option.exclusive) exclusiveTaken.add(u);
    }
  }
  giveEveryoneAChoice(answering, chosen, itemOf, ctx);
  for (const u of answering)
    setAnswer(
      ctx.people[u]!,
      itemOf.get(u)!,
      [...chosen.get(u)!].sort((a, b) => a - b),
      ctx,
    );
}

/**
 * Whoever answers a multiple-choice item chooses something: one who chose nothing takes a choice over from
 * someone alike (type, route, cohort, gender) who made several, so no option's count changes in any column;
 * only without such a donor the item's first option is added.
 */
function giveEveryoneAChoice(
  answering: readonly number[],
  chosen: ReadonlyMap<number, number[]>,
  itemOf: ReadonlyMap<number, ChoiceItem>,
  ctx: Context,
): void {
  const keyOf = (u: number): string => {
    const p = profileOf(ctx.people[u]!);
    return `${p.type}|${p.route}|${p.cohort}|${p.gender}`;
  };
  const donors = new Map<string, number[]>();
  for (const u of ctx.rng.shuffle(answering)) if (chosen.get(u)!.length > 1) donors.set(keyOf(u), [...(donors.get(keyOf(u)) ?? []), u]);
  for (const u of answering) {
    const codes = chosen.get(u)!;
    if (codes.length > 0) continue;
    const offered = itemOf.get(u)!.options;
    const alike = donors.get(keyOf(u)) ?? [];
    const donor = alike.find((v) => chosen.get(v)!.length > 1 && chosen.get(v)!.some((c) => offered.some((o) => o.code === c)));
    if (donor === undefined) {
      codes.push(offered.find((o) => !o.exclusive)!.code);
      continue;
    }
    const from = chosen.get(donor)!;
    const code = from.find((c) => offered.some((o) => o.code === c))!;
    from.splice(from.indexOf(code), 1);
    codes.push(code);
  }
}
