// The report's figures as targets of the demo wave: per figure the N of its caption and the percentages the
// text quotes for it (published-figures.json, from figures.md), read against the figure's specification in
// report.json (item, rows, bars). A target is met when its item is allocated, or, when a bar depends on a
// question allocated later (a figure of age by learning route), when that question is: the bar is then a
// set of answer codes of that question among the people whose item falls in the figure's rows. Published Ns
// that the tables or the questionnaires' routing rule out are listed with the reason (UNREACHABLE_N); their
// quotes stay targets. Nothing on the path from data to a figure reads these numbers.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FigureSpec } from '../study/report-layout.ts';
import { nlText, type ReportSpec } from '../study/report-spec.ts';
import type { Constraint, RegionPart } from './constraints.ts';
import { DemoDataError } from './errors.ts';
import { answerOf, bothFilters, filterOf, filterQuestions, matches, withoutQuestion, type ColumnFilter, type Profile } from './filters.ts';

const quoteSchema = z.object({
  bar: z.union([z.string(), z.array(z.string())]),
  segments: z.array(z.union([z.number(), z.string()])),
  value: z.number(),
  line: z.number(),
});
const fileSchema = z.object({
  source: z.string(),
  figures: z.record(z.string(), z.object({ N: z.number(), meanN: z.boolean(), line: z.number(), quotes: z.array(quoteSchema) })),
});

export type PublishedFigure = z.infer<typeof fileSchema>['figures'][string];

const FILE = new URL('./published-figures.json', import.meta.url);

/** Every figure's published N and quoted percentages, by figure number. */
export function publishedFigures(): Readonly<Record<string, PublishedFigure>> {
  return fileSchema.parse(JSON.parse(readFileSync(FILE, 'utf8'))).figures;
}

/**
 * Caption Ns no synthetic wave can have while the tables hold and the questionnaires route as they do
 * (docs/demo-data.md); the figures' quoted percentages are still targets.
 */
export const UNREACHABLE_N: Readonly<Record<string, string>> = {
  '3.2':
    'Q3.07 by type and gender of Wi2021: Tabel 3.7 counts 2.553 + 1.740 Wi2021 answers and Tabel 2.10 gives 4.310 of the 4.419 Wi2021 respondents a gender, so at least 4.184 are in the bars, not 2.402',
  '3.4':
    'Q3.08 is asked of those who find integration (heel) moeilijk (Q3.07 1-2): 35 % of 2.553 and 54 % of 1.740 Wi2021 answers in Tabel 3.7, about 1.834 people, fewer than 2.359',
  '3.5': 'Q3.08 by route and type of Wi2021: about 1.834 Wi2021 respondents see it (see 3.4), fewer than 2.115',
  '3.6': 'Q3.08 by cohort of Wi2021: about 1.834 Wi2021 respondents see it (see 3.4), fewer than 1.925',
  '4.13': 'Q4.18 of Wi2021-asiel by gender: 2.789 answers, but Wi2021-asiel has 2.651 respondents (2.579 with a gender)',
  '4.24':
    'gemiddelde N = 2.707 is the mean over all four groups (Tabel 4.6); the Wi2021-asiel answers are fixed by Tabel B.4.1-B.4.7 at a mean of 1.571',
  'B.4.11':
    'gemiddelde N = 734 repeats Figuur B.4.10; the Wi2021-gezin answers to lesuitval, reistijd and reiskosten are 751, 730 and 692 (Tabel B.4.5-B.4.7), a mean of 724',
  '7.5': '2.452 is the N of Tabel 7.7 over three groups; the figure counts Wi2021-gezin, 1.768 respondents',
  '8.2':
    'Q8.05 by exam level of Wi2021: Tabel 8.3 counts 507 + 490 = 997 Wi2021 answers, fewer than 1.063 (Q8.03 is a single choice: nobody is in two bars)',
};

/** A figure item the questionnaires do not ask but derive: the question and the code an answer gives. */
export interface DerivedItem {
  readonly question: string;
  readonly code: (answer: number) => number | null;
}

export interface FigureBarTarget {
  readonly label: string;
  readonly filter: ColumnFilter;
}

export interface FigureQuote {
  /** Bars (indices) pooled by their counts. */
  readonly bars: readonly number[];
  readonly codes: readonly number[];
  /** Percentage of the bars' answers in `codes`. */
  readonly value: number;
}

export interface FigureTarget {
  readonly id: string;
  readonly kind: 'stacked' | 'multiple';
  /** The question behind the figure's item (Q2.02 for the age band). */
  readonly question: string;
  readonly derived: DerivedItem | null;
  /** Answer codes the figure counts (of the item; bands for the age band). */
  readonly rows: readonly number[];
  readonly bars: readonly FigureBarTarget[];
  /** Answers in the bars; null: no target (unreachable, or set from `mean`). */
  readonly N: number | null;
  /** A figure of several items: the mean N over `items` items (each item's own N is chosen when allocating). */
  readonly mean: { readonly figure: string; readonly N: number; readonly items: number } | null;
  readonly quotes: readonly FigureQuote[];
  /** The question whose allocation meets the target: the item's, or the last a bar depends on. */
  readonly at: string;
}

/** The figures' targets, each at the question that meets it: the last of those it depends on in `order` (the order items are drawn in). */
export function figureTargets(
  spec: ReportSpec,
  order: readonly string[],
  derived: Readonly<Record<string, DerivedItem>>,
  published: Readonly<Record<string, PublishedFigure>> = publishedFigures(),
): FigureTarget[] {
  const position = new Map(order.map((id, i) => [id, i]));
  const out: FigureTarget[] = [];
  for (const figure of spec.figures) {
    const target = published[figure.id];
    if (!target || figure.kind === 'sizes') continue;
    const items =
      figure.kind === 'items' ? figure.items.map((i) => ({ item: i.item, group: nlText(i.label) })) : [{ item: figure.item, group: null }];
    const used = new Set<number>();
    for (const { item, group } of items) {
      const built = targetOf(figure, item, group, target, derived[item] ?? null, position, items.length);
      built.used.forEach((q) => used.add(q));
      out.push(built.target);
    }
    const unused = target.quotes.findIndex((_, q) => !used.has(q));
    if (unused >= 0)
      throw new DemoDataError(`figure ${figure.id}: the quote of line ${target.quotes[unused]?.line} names no bar of the figure`);
  }
  return out;
}

function targetOf(
  figure: Exclude<FigureSpec, { kind: 'sizes' }>,
  item: string,
  group: string | null,
  published: PublishedFigure,
  derived: DerivedItem | null,
  position: ReadonlyMap<string, number>,
  itemCount: number,
): { target: FigureTarget; used: number[] } {
  const question = derived?.question ?? item;
  const within = filterOf(figure.where, figure.whereText ?? figure.id);
  let rows = figure.rows.map((r) => r.code);
  const bars = figure.breakdown.columns.map((c): FigureBarTarget => {
    const label = nlText(c.label);
    const filter = bothFilters(within, filterOf(c.where, c.whereText ?? label));
    // A condition on the figure's own item ("Q2.09 in (1, 2, 3)") narrows its rows.
    const own = filterQuestions(filter).get(question);
    if (own && !derived) rows = rows.filter((r) => own.includes(r));
    return { label, filter: derived ? filter : withoutQuestion(filter, question) };
  });
  const used: number[] = [];
  const quotes: FigureQuote[] = [];
  published.quotes.forEach((quote, q) => {
    const names = quote.bar === '*' ? null : Array.isArray(quote.bar) ? quote.bar : [quote.bar];
    // A quote names bars by label; on a figure of several items by the item's label (or "item, bar").
    const chosen = bars.flatMap((b, i) => {
      const named =
        group === null
          ? names === null || names.includes(b.label)
          : names !== null && (names.includes(group) || names.includes(`${group}, ${b.label}`));
      return named ? [i] : [];
    });
    if (chosen.length === 0) return;
    used.push(q);
    quotes.push({ bars: chosen, codes: quote.segments.map(Number), value: quote.value });
  });
  const reachable = !(figure.id in UNREACHABLE_N);
  const dependsOn = [question, ...bars.flatMap((b) => [...filterQuestions(b.filter).keys()])];
  const at = dependsOn.reduce((last, id) => ((position.get(id) ?? -1) > (position.get(last) ?? -1) ? id : last), question);
  return {
    target: {
      id: figure.id,
      kind: figure.kind === 'multiple' ? 'multiple' : 'stacked',
      question,
      derived,
      rows,
      bars,
      N: reachable && !published.meanN ? published.N : null,
      mean: reachable && published.meanN ? { figure: figure.id, N: published.N, items: itemCount } : null,
      quotes,
      at,
    },
    used,
  };
}

/** What the constraints need to know of the units being allocated. */
export interface TargetContext {
  /** The question being allocated. */
  readonly at: string;
  readonly units: readonly number[];
  /** Its categories (answer codes and SKIP). */
  readonly categories: readonly number[];
  readonly profile: (unit: number) => Profile;
}

/** The figure's item code of a unit (its band for the age band), null without an answer. */
function itemCode(target: FigureTarget, ctx: TargetContext, unit: number): number | null {
  const answer = answerOf(ctx.profile(unit), target.question);
  return answer === null ? null : target.derived ? target.derived.code(answer) : answer;
}

/** Per bar, the part of the units × categories table it counts (and its units as a list). */
export function barRegions(target: FigureTarget, ctx: TargetContext): (RegionPart & { readonly list: readonly number[] })[] {
  const own = target.question === ctx.at;
  return target.bars.map((bar) => {
    const rest = withoutQuestion(bar.filter, ctx.at);
    const list = ctx.units.filter((u) => {
      if (!matches(rest, ctx.profile(u))) return false;
      const code = own ? null : itemCode(target, ctx, u);
      return own || (code !== null && target.rows.includes(code));
    });
    // The item's own rows, or the codes of the later question the bar asks for (all of them when it asks none).
    const categories = own ? target.rows : (filterQuestions(bar.filter).get(ctx.at) ?? ctx.categories);
    return { members: new Set(list), categories, list };
  });
}

/** The target's N (its own, or `N` for one item of a figure of several) and quoted shares as constraints. */
export function targetConstraints(target: FigureTarget, ctx: TargetContext, N: number | null = target.N): Constraint[] {
  const regions = barRegions(target, ctx);
  const own = target.question === ctx.at;
  const out: Constraint[] = [];
  if (N !== null) out.push({ kind: 'count', region: regions, target: N });
  for (const quote of target.quotes) {
    const whole = quote.bars.map((i) => regions[i]!);
    const part = whole.map((b): RegionPart =>
      own
        ? { members: b.members, categories: b.categories.filter((c) => quote.codes.includes(c)) }
        : { members: new Set(b.list.filter((u) => quote.codes.includes(itemCode(target, ctx, u) ?? NaN))), categories: b.categories },
    );
    out.push({ kind: 'share', part, whole, value: quote.value / 100 });
  }
  return out;
}
