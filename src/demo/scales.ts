// The items of one composite outcome (the two work statements, the four policy goals, the seven course
// aspects) are generated together: their answer counts per cell are fixed first (the published margins),
// then several draws of the latent scores are tried and, per type inburgeraar, the draw whose re-estimated
// regression lies closest to the published one (B in published SEs, adjusted R²) is kept.
import { fitMatrix } from '../stats/index.ts';
import type { AnswerValue, ItemId } from '../questionnaire/types.ts';
import { assign, type AllocationInput, type Cell } from './allocate.ts';
import { linearPredictor, noiseVariances, type LatentModel } from './latent.ts';
import type { Person } from './people.ts';
import type { Rng } from './prng.ts';

export interface ScaleGroup {
  readonly items: readonly string[];
  /** Fewest valid items for a scale score (variables.json). */
  readonly minValid: number;
  /** Whether each item has its own model (the course aspects) besides the scale's. */
  readonly itemModels: boolean;
}

export const SCALE_GROUPS: readonly ScaleGroup[] = [
  { items: ['Q3.01', 'Q3.02'], minValid: 2, itemModels: false },
  { items: ['Q3.03', 'Q3.04', 'Q3.05', 'Q3.06'], minValid: 3, itemModels: false },
  { items: ['Q4.25', 'Q4.26', 'Q4.27', 'Q4.28', 'Q4.29', 'Q4.30', 'Q4.31'], minValid: 5, itemModels: true },
];

/** Most attempts tried per group (the wave plan may ask for fewer). */
export const MAX_ATTEMPTS = 16;
/** Further attempts while a model's adjusted R² is outside the acceptance band. */
const EXTRA_ATTEMPTS = 32;
/** The loss of a model whose adjusted R² is outside the band (modelLoss adds 50). */
const OUTSIDE_BAND = 50;

const num = (answers: ReadonlyMap<ItemId, AnswerValue>, id: string): number | null => {
  const v = answers.get(id as ItemId);
  return typeof v === 'number' ? v : null;
};
const within = (v: number | null, lo: number, hi: number): number | null => (v !== null && v >= lo && v <= hi ? v : null);

/** A respondent's row of the report's model (same codings and listwise deletion as report-tables.ts), or null. */
export function modelRow(answers: ReadonlyMap<ItemId, AnswerValue>, full: boolean): Record<string, number> | null {
  const gender = num(answers, 'Q2.01');
  const edu = within(num(answers, 'Q2.07'), 1, 9);
  const taal = within(num(answers, 'Q2.08'), 1, 5);
  const health = within(num(answers, 'Q2.10'), 1, 5);
  const age = num(answers, 'Q2.02');
  const work = num(answers, 'Q4.17');
  if (age === null || (gender !== 1 && gender !== 2) || edu === null || taal === null || health === null || work === null) return null;
  const row: Record<string, number> = {
    const: 1,
    leeftijd: age,
    vrouw: gender === 2 ? 1 : 0,
    opleiding: edu - 1,
    taal,
    gezondheid: 6 - health,
    vrijwilligers: work === 3 ? 1 : 0,
    betaald: work === 2 ? 1 : 0,
  };
  if (!full) return row;
  const route = within(num(answers, 'Q2.09'), 1, 3);
  const pip = num(answers, 'Q2.11');
  const intake = within(num(answers, 'Q4.11'), 1, 5);
  if (route === null || intake === null || (pip !== 2022 && pip !== 2023 && pip !== 2024)) return null;
  return { ...row, b1: route === 1 ? 1 : 0, o: route === 2 ? 1 : 0, cohort1: pip === 2024 ? 0 : 1, intake };
}

/**
 * Distance of a re-estimate to the published model: mean squared z of the Bs plus the adjusted R² gap; with
 * the re-estimated adjusted R² (NaN when the model cannot be fitted).
 */
export function modelLoss(
  model: LatentModel,
  rows: readonly Record<string, number>[],
  y: readonly number[],
): { loss: number; adjR2: number } {
  const terms = [...model.coefficients.keys()].filter((t) => rows.some((r) => r[t] !== rows[0]?.[t]) || t === 'const');
  const n = rows.length;
  const p = terms.length;
  if (n <= p + 2) return { loss: Infinity, adjR2: NaN };
  const x = new Float64Array(n * p);
  terms.forEach((t, j) => rows.forEach((r, i) => (x[j * n + i] = r[t] ?? 0)));
  let fit;
  try {
    fit = fitMatrix(x, n, p, Float64Array.from(y), terms);
  } catch {
    return { loss: Infinity, adjR2: NaN };
  }
  let z = 0;
  fit.coefficients.forEach((c) => {
    const b = model.coefficients.get(c.term) ?? 0;
    z += ((c.B - b) / (model.se.get(c.term) ?? 1)) ** 2;
  });
  const gap = Math.abs(fit.adjR2 - model.adjR2);
  // An adjusted R² outside the acceptance band (.03) costs more than any set of coefficients.
  return { loss: z / p + (gap / 0.025) ** 2 + (gap > 0.027 ? 50 : 0), adjR2: fit.adjR2 };
}

/**
 * How much to scale a noise variance so that an adjusted R² observed at it moves towards the target: the
 * error variance over the signal variance is (1 − R²) / R². Half the step on a log scale, as one attempt's
 * R² is itself a noisy estimate, and at most a factor 1.4 either way.
 */
export function noiseCorrection(target: number, observed: number): number {
  if (!Number.isFinite(observed)) return 1;
  const want = (1 - target) / Math.max(target, 1e-3);
  const have = (1 - observed) / Math.max(observed, 1e-3);
  return Math.min(1.4, Math.max(1 / 1.4, Math.sqrt(want / have)));
}

export interface GroupItem {
  readonly item: string;
  readonly cells: readonly Cell[];
  readonly input: AllocationInput;
}

/**
 * Assigns the group's items: per attempt (up to `fit.attempts`) a fresh draw of person factors and item
 * errors, and per type the attempt with the smallest loss over that type's models. After each attempt the
 * noise of every modelled item (course aspects) or scale (goal statements) is corrected towards its
 * published adjusted R², so later attempts start closer.
 */
export function assignGroup(
  group: ScaleGroup,
  items: readonly GroupItem[],
  people: readonly Person[],
  fit: {
    readonly models: ReadonlyMap<string, LatentModel>;
    readonly scaleModels: ReadonlyMap<number, LatentModel>;
    readonly attempts: number;
  },
  rng: Rng,
): Map<string, Map<number, number>> {
  const { models, scaleModels } = fit;
  const units = items[0]?.input.units ?? [];
  const types = [...new Set(units.map((u) => people[u]!.type))];
  const best = new Map<number | null, { loss: number; result: Map<string, Map<number, number>> }>();
  // The spread of Xβ per item and type, for the noise variances.
  const xbOf = new Map<string, Map<number, number>>();
  const noiseOf = new Map<string, { person: number; item: number }>();
  for (const { item } of items) {
    const xb = new Map<number, number>();
    for (const type of types) {
      const model = models.get(`${item}|${type}`);
      if (!model) continue;
      const members = units.filter((u) => people[u]!.type === type);
      const values = members.map((u) => linearPredictor(model, people[u]!.answers));
      members.forEach((u, i) => xb.set(u, values[i] as number));
      const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
      const S = Math.max(1e-6, values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length));
      noiseOf.set(`${item}|${type}`, noiseVariances(model, S));
    }
    xbOf.set(item, xb);
  }
  const rowsByType = new Map(
    types.map((type) => {
      const members = units.filter((u) => people[u]!.type === type);
      return [type, { members, rows: members.map((u) => modelRow(people[u]!.answers, type !== null && type <= 2)) }] as const;
    }),
  );
  // Noise multiplier per item and type (course aspects) or per type (`scale`), corrected after each attempt.
  const multipliers = new Map<string, number>();
  const keyOf = (item: string, type: number | null): string => (group.itemModels ? `${item}|${type}` : `scale|${type}`);
  const attempts = Math.min(MAX_ATTEMPTS, Math.max(1, fit.attempts));
  // A small group's adjusted R² varies much between draws: while a type's best is still outside the band,
  // up to EXTRA_ATTEMPTS more draws.
  const outside = (): boolean => [...best.values()].some((b) => b.loss >= OUTSIDE_BAND);
  for (let attempt = 0; attempt < attempts || (attempts > 1 && attempt < attempts + EXTRA_ATTEMPTS && outside()); attempt++) {
    const factor = new Map(units.map((u) => [u, rng.normal()]));
    const result = new Map<string, Map<number, number>>();
    for (const { item, cells, input } of items) {
      const xb = xbOf.get(item)!;
      const latent = (u: number): number => {
        const type = people[u]!.type;
        const noise = noiseOf.get(`${item}|${type}`);
        if (!noise) return rng.next();
        const m = multipliers.get(keyOf(item, type)) ?? 1;
        return (xb.get(u) ?? 0) + Math.sqrt(m * noise.person) * factor.get(u)! + Math.sqrt(m * noise.item) * rng.normal();
      };
      result.set(item, assign(cells, { ...input, latent }, rng));
    }
    // With a single attempt there is nothing to choose between: skip the fits.
    if (attempts === 1) {
      for (const type of types) best.set(type, { loss: 0, result });
      continue;
    }
    for (const type of types) {
      const fitted =
        type === null
          ? { loss: 0, adjR2: new Map<string, number>() }
          : typeLoss(group, type, rowsByType.get(type)!, result, models, scaleModels.get(type));
      for (const [key, observed] of fitted.adjR2) {
        const model = key === 'scale' ? scaleModels.get(type as number) : models.get(`${key}|${type}`);
        const k = group.itemModels ? (key === 'scale' ? null : `${key}|${type}`) : `scale|${type}`;
        if (model && k) multipliers.set(k, (multipliers.get(k) ?? 1) * noiseCorrection(model.adjR2, observed));
      }
      const known = best.get(type);
      if (!known || fitted.loss < known.loss) best.set(type, { loss: fitted.loss, result });
    }
  }
  const out = new Map<string, Map<number, number>>(items.map(({ item }) => [item, new Map()]));
  for (const u of units) {
    const chosen = best.get(people[u]!.type)!.result;
    for (const { item } of items) {
      const code = chosen.get(item)?.get(u);
      if (code !== undefined) out.get(item)!.set(u, code);
    }
  }
  return out;
}

/** The loss of one type's models for one attempt, and each model's re-estimated adjusted R² (by item, or `scale`). */
function typeLoss(
  group: ScaleGroup,
  type: number,
  sample: { readonly members: readonly number[]; readonly rows: readonly (Record<string, number> | null)[] },
  result: ReadonlyMap<string, ReadonlyMap<number, number>>,
  models: ReadonlyMap<string, LatentModel>,
  scaleModel: LatentModel | undefined,
): { loss: number; adjR2: Map<string, number> } {
  const { members, rows } = sample;
  const valid = (u: number, item: string): number | null => within(result.get(item)?.get(u) ?? null, 1, 5);
  let loss = 0;
  const adjR2 = new Map<string, number>();
  const fitOn = (key: string, model: LatentModel, score: (u: number) => number | null): void => {
    const xs: Record<string, number>[] = [];
    const ys: number[] = [];
    members.forEach((u, i) => {
      const row = rows[i];
      const y = score(u);
      if (row && y !== null) {
        xs.push(row);
        ys.push(y);
      }
    });
    const fitted = modelLoss(model, xs, ys);
    loss += fitted.loss;
    adjR2.set(key, fitted.adjR2);
  };
  if (scaleModel) {
    fitOn('scale', scaleModel, (u) => {
      const values = group.items.map((item) => valid(u, item)).filter((v): v is number => v !== null);
      return values.length >= group.minValid ? values.reduce((a, b) => a + b, 0) / values.length : null;
    });
  }
  if (group.itemModels) {
    for (const item of group.items) {
      const model = models.get(`${item}|${type}`);
      if (model) fitOn(item, model, (u) => valid(u, item));
    }
  }
  return { loss, adjR2 };
}
