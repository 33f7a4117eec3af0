// A synthetic wave: every respondent answers the real questionnaire definition item by item, in
// questionnaire order, and sees only what routing shows. Per item, the allocator hands out exactly the
// answer counts the report's tables imply (targets.ts; for the earlier wave the figures the report quotes,
// earlier-plans.ts); the modelled outcomes are ordered by their regression model (latent.ts). What differs
// between waves is in the wave plan (waves.ts). Deterministic for a seed; pure (no I/O).
import { publishedTables, type PublishedRegression } from './published.ts';
import { isChoiceItem } from '../questionnaire/types.ts';
import { tablesForWave } from '../study/validate-report.ts';
import { matches, type ColumnFilter } from './filters.ts';
import { DemoDataError } from './errors.ts';
import type { AnswerValue, ChoiceItem, Item, ItemId, Language, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { allocate, fitCells, SKIP, type AllocationColumn, type AllocationInput } from './allocate.ts';
import { OTHER_GENDER, OTHER_ROUTE, type Dist } from './assumptions.ts';
import { modelOf, type LatentModel } from './latent.ts';
import { assignGroup, SCALE_GROUPS, type ScaleGroup } from './scales.ts';
import { indexItems, itemOrder, planPeople, profileOf, sees, type Person } from './people.ts';
import { createRng, type Rng } from './prng.ts';
import { earlierPlans } from './earlier-plans.ts';
import { buildPlans, defaultDist, type ItemPlan, type PlanColumn } from './targets.ts';
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

interface Context {
  readonly plan: DemoWavePlan;
  readonly rng: Rng;
  readonly people: readonly Person[];
  /** Questionnaire language per person (provisional until the country of origin is known). */
  readonly languages: Language[];
  readonly models: ReadonlyMap<string, LatentModel>;
  /** Models of whole scales that items do not follow one by one (Tabel 4.7, kwaliteit). */
  readonly scaleModels: ReadonlyMap<string, LatentModel>;
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

interface ResolvedColumn {
  readonly members: number[];
  readonly N: number;
  readonly plan: PlanColumn;
}

/** Column members among the units and the number of answers each column wants. */
function resolveColumns(plan: ItemPlan | undefined, units: readonly number[], ctx: Context): ResolvedColumn[] {
  if (!plan) return [];
  const memberOf = (filter: ColumnFilter): number[] => units.filter((u) => matches(filter, profileOf(ctx.people[u]!)));
  const cols = plan.columns.map((c) => ({ plan: c, members: memberOf(c.filter) })).filter((c) => c.members.length > 0);
  const poolSize = new Map<string, number>();
  for (const c of cols) if (c.plan.pool) poolSize.set(c.plan.pool.id, (poolSize.get(c.plan.pool.id) ?? 0) + c.members.length);
  return cols.map(({ plan: p, members }) => {
    const wanted =
      p.N ??
      (p.pool
        ? Math.round((p.pool.total * members.length) / (poolSize.get(p.pool.id) ?? 1))
        : Math.round(members.length * (1 - p.skipRate)));
    return { plan: p, members, N: Math.min(wanted, members.length) };
  });
}

function targetOf(col: ResolvedColumn, codes: readonly number[]): Map<number, number> {
  const dist = [...col.plan.dist].filter(([code]) => codes.includes(code));
  const total = dist.reduce((s, [, v]) => s + v, 0);
  const target = new Map<number, number>(codes.map((c) => [c, 0]));
  for (const [code, v] of dist) target.set(code, total > 0 ? (col.N * v) / total : 0);
  target.set(SKIP, col.members.length - col.N);
  return target;
}

function pooled(cols: readonly AllocationColumn[], categories: readonly number[], fallback: Map<number, number>): Map<number, number> {
  if (cols.length === 0) return fallback;
  const out = new Map<number, number>(categories.map((c) => [c, 0]));
  for (const col of cols) for (const [c, v] of col.target) out.set(c, (out.get(c) ?? 0) + v);
  return out;
}

function setAnswer(person: Person, item: Item, value: AnswerValue, ctx: Context): void {
  person.answers.set(item.id, value);
  if (item.kind !== 'single' && item.kind !== 'scale' && item.kind !== 'multi') return;
  const codes = Array.isArray(value) ? value : [value];
  for (const option of item.options) {
    if (option.other && codes.includes(option.code))
      person.answers.set(option.other, otherText(ctx.languages[person.index] as Language, ctx.rng));
  }
}

function drawFrom(dist: Dist, rng: Rng): number {
  const entries = Object.entries(dist).map(([k, v]) => [Number(k), v] as const);
  return entries[rng.pick(entries.map(([, v]) => v))]![0];
}

function singleInput(itemId: string, visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): AllocationInput {
  const item = visible[0]![1] as ChoiceItem;
  const units = visible.map(([u]) => u);
  const codes = [...new Set(visible.flatMap(([, it]) => (it as ChoiceItem).options.map((o) => o.code)))];
  const categories = [...codes, SKIP];
  const columns = resolveColumns(plan, units, ctx).map((c): AllocationColumn => ({
    members: new Set(c.members),
    target: targetOf(c, codes),
  }));
  const base = defaultDist(item);
  base.set(SKIP, item.required ? 0 : 4);
  const ordered = new Set(item.kind === 'scale' ? item.options.filter((o) => !o.missing).map((o) => o.code) : []);
  return { units, categories, columns, fallback: pooled(columns, categories, base), ordered };
}

function applySingle(itemId: string, visible: readonly [number, Item][], result: ReadonlyMap<number, number>, ctx: Context): void {
  for (const [u, it] of visible) {
    const person = ctx.people[u]!;
    let code = result.get(u) ?? SKIP;
    if (code === SKIP && itemId === 'Q2.01') code = drawFrom(OTHER_GENDER, ctx.rng);
    if (code === SKIP && itemId === 'Q2.09') code = drawFrom(OTHER_ROUTE, ctx.rng);
    if (code !== SKIP) setAnswer(person, it, code, ctx);
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
  const parts = group.items.map((item) => {
    const visible = visibleOf(item);
    const input = singleInput(item, visible, plans.get(item), ctx);
    return { item, visible, input, cells: fitCells(input) };
  });
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

function ageItem(visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): void {
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
  const result = allocate({ units, categories, columns, fallback: pooled(columns, categories, base), ordered: new Set() }, ctx.rng);
  const ages: Age[] = [];
  for (const [u, item] of visible) {
    const band = result.get(u) ?? SKIP;
    if (band === SKIP) continue;
    const r = ctx.rng.next();
    const [lo, hi] = BANDS[band - 1] as [number, number];
    ages.push({ unit: u, item, lo, hi, age: band === 4 ? lo + Math.floor((hi - lo + 1) * r * r) : lo + Math.floor((hi - lo + 1) * r) });
  }
  if (ctx.plan.meanAge !== null) shiftToMean(ages, ctx.plan.meanAge, ctx.rng);
  for (const { unit, item, age } of ages) setAnswer(ctx.people[unit]!, item, age, ctx);
}

/** Age bands of Tabel 2.12 (leeftijdsklasse 1-4). */
const BANDS: readonly (readonly [number, number])[] = [
  [18, 21],
  [22, 30],
  [31, 45],
  [46, 76],
];

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

function multiItem(visible: readonly [number, Item][], plan: ItemPlan | undefined, ctx: Context): void {
  const units = visible.map(([u]) => u);
  const resolved = resolveColumns(plan, units, ctx);
  // First who answers at all, then each option among them (exclusive options first).
  const answered = allocate(
    {
      units,
      categories: [1, SKIP],
      columns: resolved.map((c) => ({
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
    },
    ctx.rng,
  );
  const answering = units.filter((u) => answered.get(u) === 1);
  const chosen = new Map<number, number[]>(answering.map((u) => [u, []]));
  const itemOf = new Map(visible.map(([u, it]) => [u, it as ChoiceItem]));
  const options = [...new Map(visible.flatMap(([, it]) => (it as ChoiceItem).options.map((o) => [o.code, o] as const))).values()].sort(
    (a, b) => Number(b.exclusive ?? false) - Number(a.exclusive ?? false),
  );
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
  for (const u of answering) {
    const codes = chosen.get(u)!;
    const item = itemOf.get(u)!;
    if (codes.length === 0) codes.push(item.options.find((o) => !o.exclusive)!.code);
    setAnswer(
      ctx.people[u]!,
      item,
      [...codes].sort((a, b) => a - b),
      ctx,
    );
  }
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

/** Generates a demo wave of the study through the wave's questionnaires (wave 2: 5,173 respondents). */
export function generateWave(study: StudyDefinition, wave: WaveDefinition, seed: number, plan: DemoWavePlan = WAVE_2024): DemoRespondent[] {
  const rng = createRng(seed);
  const questionnaires = new Map<string, QuestionnaireDefinition>(wave.questionnaires.map((q) => [q.id, q]));
  const people = planPeople(questionnaires, plan, rng);
  const languages = people.map((p) => languageFor(p.type === 1 || p.type === 3 ? 1 + rng.int(3) : rng.next() < 0.3 ? 3 : 10, rng));
  const quality = publishedTables().find((t): t is PublishedRegression => t.kind === 'regression' && t.id === '4.7');
  const scaleModels = new Map<string, LatentModel>(quality ? [['kwaliteit', modelOf(quality, 'kwaliteit', 7, 0.79)]] : []);
  const ctx: Context = { plan, rng, people, languages, models: buildModels(), scaleModels };
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
  for (const itemId of itemOrder(wave.questionnaires)) {
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
      multiItem(visible, plans.get(itemId), ctx);
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
      completedAt: new Date(startedAt.getTime() + (8 + rng.int(35)) * 60_000),
      answers: person.answers,
    };
  });
}
