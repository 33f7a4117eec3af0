// A synthetic wave: every respondent answers the real questionnaire definition item by item and sees only
// what routing shows (in questionnaire order, except that the questions the report breaks its figures down
// by come first: DRAWN_FIRST). Per item, the allocator hands out exactly the answer counts the report's
// tables imply (targets.ts; for the earlier wave the figures the report quotes, earlier-plans.ts) and meets
// the report's figures: their Ns and quoted percentages (figure-targets.ts); the modelled outcomes are
// ordered by their regression model (latent.ts). What differs between waves is in the wave plan (waves.ts).
// Deterministic for a seed; pure (no I/O).
import { publishedTables, type PublishedRegression } from './published.ts';
import { isChoiceItem } from '../questionnaire/types.ts';
import { tablesForWave } from '../study/validate-report.ts';
import { DemoDataError } from './errors.ts';
import type { AnswerValue, ChoiceItem, Item, ItemId, Language, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { allocate, expectedCounts, fitCells, SKIP, type AllocationColumn, type AllocationInput, type Constraint } from './allocate.ts';
import { ageItem } from './ages.ts';
import { OTHER_GENDER_TYPED } from './assumptions.ts';
import {
  asShares,
  DRAWN,
  drawFrom,
  figureConstraints,
  pooled,
  resolveColumns,
  setAnswer,
  targetContext,
  targetOf,
  type Context,
  type ResolvedColumn,
} from './context.ts';
import { barRegions, figureTargets, type FigureTarget } from './figure-targets.ts';
import { modelOf, type LatentModel } from './latent.ts';
import { multiItem } from './multi.ts';
import { assignGroup, SCALE_GROUPS, type ScaleGroup } from './scales.ts';
import { ageBand, indexItems, itemOrder, planPeople, profileOf, sees } from './people.ts';
import { createRng } from './prng.ts';
import { earlierPlans } from './earlier-plans.ts';
import { buildPlans, defaultDist, type ItemPlan } from './targets.ts';
import { channelFor, languageFor, otherText } from './texts.ts';
import { WAVE_2024, type DemoWavePlan } from './waves.ts';

export interface DemoRespondent {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly waveId: string;
  readonly language: Language;
  readonly channel: string;
  readonly startedAt: Date;
  readonly completedAt: Date;
  readonly answers: ReadonlyMap<ItemId, AnswerValue>;
}

/** The regression model each outcome item follows, by item and type inburgeraar. */
function buildModels(): Map<string, LatentModel> {
  const tables = new Map(publishedTables().flatMap((t) => (t.kind === 'regression' ? [[t.id, t] as const] : [])));
  const out = new Map<string, LatentModel>();
  const table = (id: string): PublishedRegression => {
    const t = tables.get(id);
    if (!t) throw new Error(`published regression table ${id} is missing`);
    return t;
  };
  [1, 2, 3, 4].forEach((type, i) => {
    const goal = modelOf(table(`B.2.${7 + i}`), 'maatschappelijk_doel', 2, 0.81);
    const policy = modelOf(table(`B.2.${11 + i}`), 'beleidsdoelen', 4, 0.91);
    for (const item of ['Q3.01', 'Q3.02']) out.set(`${item}|${type}`, goal);
    for (const item of ['Q3.03', 'Q3.04', 'Q3.05', 'Q3.06']) out.set(`${item}|${type}`, policy);
  });
  for (let k = 0; k < 7; k++) out.set(`Q4.${25 + k}|1`, modelOf(table(`B.4.${8 + k}`), 'kwaliteit', 1, 0.79));
  return out;
}

function singleInput(itemId: string, visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): AllocationInput {
  const item = visible[0]![1] as ChoiceItem;
  const units = visible.map(([u]) => u);
  const codes = [...new Set(visible.flatMap(([, it]) => (it as ChoiceItem).options.map((o) => o.code)))];
  const categories = [...codes, SKIP];
  const resolved = resolveColumns(plan, units, ctx);
  const figures = figureConstraints(itemId, units, categories, ctx);
  const counted = figures.some((c) => c.kind === 'count');
  const asColumn = (c: ResolvedColumn): AllocationColumn => ({ members: new Set(c.members), target: targetOf(c, codes) });
  const columns = resolved.filter((c) => !counted || !c.soft).map(asColumn);
  const shares = counted ? resolved.filter((c) => c.soft).flatMap((c) => asShares(c, codes)) : [];
  const base = defaultDist(item);
  base.set(SKIP, item.required ? 0 : 4);
  const ordered = new Set(item.kind === 'scale' ? item.options.filter((o) => !o.missing).map((o) => o.code) : []);
  return {
    units,
    categories,
    columns,
    fallback: pooled(resolved.map(asColumn), categories, base),
    ordered,
    constraints: [...shares, ...figures],
  };
}

function applySingle(itemId: string, visible: readonly [number, Item][], result: ReadonlyMap<number, number>, ctx: Context): void {
  const open: [number, Item][] = [];
  for (const [u, it] of visible) {
    const person = ctx.people[u]!;
    let code = result.get(u) ?? SKIP;
    if (code === SKIP && itemId === 'Q2.01' && person.type !== null) open.push([u, it]);
    else if (code === SKIP && itemId in DRAWN) code = drawFrom(DRAWN[itemId]!.dist(profileOf(person)), ctx.rng);
    if (code !== SKIP) setAnswer(person, it, code, ctx);
  }
  // Gender outside man/vrouw among the respondents with a type: the counts the report gives (L513).
  let at = 0;
  const shuffled = ctx.rng.shuffle(open);
  for (const [code, n] of Object.entries(OTHER_GENDER_TYPED))
    for (let k = 0; k < n && at < shuffled.length; k++, at++) {
      const [u, it] = shuffled[at]!;
      setAnswer(ctx.people[u]!, it, Number(code), ctx);
    }
}

function singleItem(itemId: string, visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): void {
  applySingle(itemId, visible, allocate(singleInput(itemId, visible, plan, ctx), ctx.rng), ctx);
}

/** A composite outcome's items together: margins fixed first, then the best of several latent draws (scales.ts). */
function scaleGroupItems(
  group: ScaleGroup,
  visibleOf: (id: string) => [number, Item][],
  plans: ReadonlyMap<string, ItemPlan>,
  ctx: Context,
): void {
  const inputs = group.items.map((item) => {
    const visible = visibleOf(item);
    return { item, visible, input: singleInput(item, visible, plans.get(item), ctx) };
  });
  const parts = withMeanNs(inputs, ctx).map((p) => ({ ...p, cells: fitCells(p.input) }));
  const scaleModels = new Map<number, LatentModel>();
  for (const type of [1, 2, 3, 4]) {
    const model = group.itemModels
      ? type === 1
        ? ctx.scaleModels.get('kwaliteit')
        : undefined
      : ctx.models.get(`${group.items[0]}|${type}`);
    if (model) scaleModels.set(type, model);
  }
  const results = assignGroup(group, parts, ctx.people, { models: ctx.models, scaleModels, attempts: ctx.plan.attempts }, ctx.rng);
  for (const part of parts) applySingle(part.item, part.visible, results.get(part.item) ?? new Map(), ctx);
}

/** Largest-remainder shares of a whole total in proportion to the weights. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, f: x - Math.floor(x) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (let rest = total - out.reduce((a, b) => a + b, 0), k = 0; rest > 0; rest--, k++) out[order[k % order.length]!.i]!++;
  return out;
}

interface GroupInput {
  readonly item: string;
  readonly visible: [number, Item][];
  readonly input: AllocationInput;
}

/**
 * A figure of several items prints the mean N over them ("gemiddelde N"): each item gets its share of the
 * total in proportion to the answers it would get in the figure's bars without that target.
 */
function withMeanNs(parts: readonly GroupInput[], ctx: Context): GroupInput[] {
  const regions = parts.map(
    (p) =>
      new Map(
        (ctx.figures.get(p.item) ?? []).flatMap((t) =>
          t.mean && t.question === p.item
            ? [[t.mean.figure, { t, region: barRegions(t, targetContext(p.item, p.input.units, p.input.categories, ctx)) }] as const]
            : [],
        ),
      ),
  );
  const expected = parts.map((p, i) =>
    expectedCounts(
      p.input,
      [...regions[i]!.values()].map((r) => r.region),
    ),
  );
  const extra: Constraint[][] = parts.map(() => []);
  for (const figure of new Set(regions.flatMap((r) => [...r.keys()]))) {
    const holders = parts.flatMap((_, i) => (regions[i]!.has(figure) ? [i] : []));
    const mean = regions[holders[0]!]!.get(figure)!.t.mean!;
    if (holders.length !== mean.items) throw new DemoDataError(`figure ${figure}: its items are not generated together`);
    const weights = holders.map((i) => expected[i]![[...regions[i]!.keys()].indexOf(figure)]!);
    apportion(mean.N * mean.items, weights).forEach((N, k) => {
      const i = holders[k]!;
      extra[i]!.push({ kind: 'count', region: regions[i]!.get(figure)!.region, target: N });
    });
  }
  return parts.map((p, i) => ({ ...p, input: { ...p.input, constraints: [...(p.input.constraints ?? []), ...extra[i]!] } }));
}

/** Every choice item of the questionnaires by id (the first that has it; the others add missing options). */
export function choiceItems(questionnaires: readonly QuestionnaireDefinition[]): Map<string, ChoiceItem> {
  const out = new Map<string, ChoiceItem>();
  for (const q of questionnaires) {
    for (const page of q.pages) {
      for (const item of page.items) {
        if (!isChoiceItem(item)) continue;
        const known = out.get(item.id);
        const extra = known ? item.options.filter((o) => !known.options.some((k) => k.code === o.code)) : [];
        if (!known) out.set(item.id, item);
        else if (extra.length > 0) out.set(item.id, { ...known, options: [...known.options, ...extra] });
      }
    }
  }
  return out;
}

/** The answer targets of a wave: the report's tables (as its latest wave has them), or the earlier figures. */
function plansOf(study: StudyDefinition, wave: WaveDefinition, plan: DemoWavePlan): Map<string, ItemPlan> {
  if (!study.report) throw new DemoDataError(`the study "${study.id}" has no report.json: the demo generates answers to its tables`);
  const latest = [...study.waves].sort((a, b) => b.number - a.number)[0] ?? wave;
  const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
  const { tables } = tablesForWave(
    study.report,
    { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
    latest.id,
  );
  const current = buildPlans(tables);
  return plan.earlier ? earlierPlans(current, choiceItems(wave.questionnaires)) : current;
}

/**
 * Questions drawn before the rest: those the report breaks its figures down by (gender, PIP year for the
 * cohort, learning route), so that a figure of an earlier question by one of them is met where that question
 * is drawn. They have no routing conditions, so every respondent still sees exactly what routing shows.
 */
const DRAWN_FIRST = ['Q2.01', 'Q2.11', 'Q2.09'] as const;

/** The questionnaires' item order, with DRAWN_FIRST moved to the front. */
function generationOrder(questionnaires: readonly QuestionnaireDefinition[]): string[] {
  const order = itemOrder(questionnaires);
  for (const q of questionnaires)
    for (const page of q.pages)
      for (const item of page.items)
        if ((DRAWN_FIRST as readonly string[]).includes(item.id) && (item.condition || page.condition))
          throw new DemoDataError(`${item.id} on ${q.id} has a routing condition: the demo cannot draw it before the other questions`);
  return [...DRAWN_FIRST.filter((id) => order.includes(id)), ...order.filter((id) => !(DRAWN_FIRST as readonly string[]).includes(id))];
}

/** Figure items derived from a question: the age band (variables.json "leeftijdsklasse"). */
const DERIVED = { leeftijdsklasse: { question: 'Q2.02', code: ageBand } } as const;

/** The report's figures as targets by the question that meets them; wave 1 has none (the report prints its figures for 2024). */
function figuresOf(study: StudyDefinition, order: readonly string[], plan: DemoWavePlan): Map<string, FigureTarget[]> {
  const out = new Map<string, FigureTarget[]>();
  if (plan.earlier || !study.report) return out;
  const asked = new Set(order);
  for (const t of figureTargets(study.report, order, DERIVED)) if (asked.has(t.question)) out.set(t.at, [...(out.get(t.at) ?? []), t]);
  return out;
}

/**
 * Minutes a demo respondent took, from one draw of 0-34: 8 to 42 minutes, except the draw 0 (about 1 in 35),
 * 3 minutes: the speeders appendix B.1's check should find (well under 0.3 of any questionnaire's median).
 * One draw either way, so every later draw of the wave stays as it was.
 */
const minutesTaken = (draw: number): number => (draw === 0 ? 3 : 8 + draw);

/** Generates a demo wave of the study through the wave's questionnaires (wave 2: 5,173 respondents). */
export function generateWave(study: StudyDefinition, wave: WaveDefinition, seed: number, plan: DemoWavePlan = WAVE_2024): DemoRespondent[] {
  const rng = createRng(seed);
  const questionnaires = new Map<string, QuestionnaireDefinition>(wave.questionnaires.map((q) => [q.id, q]));
  const people = planPeople(questionnaires, plan, rng);
  const languages = people.map((p) => languageFor(p.type === 1 || p.type === 3 ? 1 + rng.int(3) : rng.next() < 0.3 ? 3 : 10, rng));
  const quality = publishedTables().find((t): t is PublishedRegression => t.kind === 'regression' && t.id === '4.7');
  const scaleModels = new Map<string, LatentModel>(quality ? [['kwaliteit', modelOf(quality, 'kwaliteit', 7, 0.79)]] : []);
  const order = generationOrder(wave.questionnaires);
  const ctx: Context = { plan, rng, people, languages, models: buildModels(), scaleModels, figures: figuresOf(study, order, plan) };
  const index = indexItems(wave.questionnaires);
  const plans = plansOf(study, wave, plan);
  const visibleOf = (itemId: string): [number, Item][] => {
    const visible: [number, Item][] = [];
    for (const person of people) {
      const item = sees(person, index, itemId);
      if (item) visible.push([person.index, item]);
    }
    return visible;
  };
  const inGroup = new Set(SCALE_GROUPS.flatMap((g) => g.items.slice(1)));
  for (const itemId of order) {
    if (inGroup.has(itemId)) continue;
    const group = SCALE_GROUPS.find((g) => g.items[0] === itemId);
    if (group) {
      scaleGroupItems(group, visibleOf, plans, ctx);
      continue;
    }
    const visible = visibleOf(itemId);
    if (visible.length === 0) continue;
    const first = visible[0]![1];
    if (itemId === 'Q2.12') {
      for (const [u, item] of visible) setAnswer(people[u]!, item, people[u]!.permit, ctx);
    } else if (itemId === 'Q2.02') {
      ageItem(visible, plans.get('age'), ctx);
    } else if (first.kind === 'multi') {
      multiItem(itemId, visible, plans.get(itemId), ctx);
    } else if (first.kind === 'single' || first.kind === 'scale') {
      singleItem(itemId, visible, plans.get(itemId), ctx);
    }
  }
  // The questionnaire language follows the country of origin; the open texts are written in it.
  const otherIds = new Set(
    wave.questionnaires.flatMap((q) =>
      q.pages.flatMap((p) =>
        p.items.flatMap((i) => ('options' in i ? i.options.flatMap((o) => (o.other ? [o.other as string] : [])) : [])),
      ),
    ),
  );
  people.forEach((person) => {
    const country = person.answers.get('Q2.03' as ItemId);
    const language = languageFor(typeof country === 'number' ? country : null, rng);
    languages[person.index] = language;
    for (const id of person.answers.keys()) if (otherIds.has(id)) person.answers.set(id, otherText(language, rng));
  });
  const start = plan.fieldwork.from.getTime();
  const span = plan.fieldwork.to.getTime() - start;
  return people.map((person) => {
    const startedAt = new Date(start + Math.floor(rng.next() * span));
    return {
      questionnaireId: person.questionnaire.id,
      questionnaireVersion: person.questionnaire.version,
      waveId: wave.id,
      language: languages[person.index] as Language,
      channel: channelFor(rng),
      startedAt,
      completedAt: new Date(startedAt.getTime() + minutesTaken(rng.int(35)) * 60_000),
      answers: person.answers,
    };
  });
}
