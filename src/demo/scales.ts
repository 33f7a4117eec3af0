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

/** Noise multipliers tried, in order. */
const MULTIPLIERS = [1, 0.75, 1.35, 0.6, 1.7, 0.9, 1.15, 0.5, 2.1, 0.8, 1.25, 1, 0.7, 1.5, 0.95, 1.05];

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

/** Distance of a re-estimate to the published model: mean squared z of the Bs plus the adjusted R² gap. */
export function modelLoss(model: LatentModel, rows: readonly Record<string, number>[], y: readonly number[]): number {
  const terms = [...model.coefficients.keys()].filter((t) => rows.some((r) => r[t] !== rows[0]?.[t]) || t === 'const');
  const n = rows.length;
  const p = terms.length;
  if (n <= p + 2) return Infinity;
  const x = new Float64Array(n * p);
  terms.forEach((t, j) => rows.forEach((r, i) => (x[j * n + i] = r[t] ?? 0)));
  let fit;
  try {
    fit = fitMatrix(x, n, p, Float64Array.from(y), terms);
  } catch {
    return Infinity;
  }
  let z = 0;
  fit.coefficients.forEach((c) => {
    const b = model.coefficients.get(c.term) ?? 0;
    z += ((c.B - b) / (model.se.get(c.term) ?? 1)) ** 2;
  });
  const gap = Math.abs(fit.adjR2 - model.adjR2);
  // An adjusted R² outside the acceptance band (.03) costs more than any set of coefficients.
  return z / p + (gap / 0.025) ** 2 + (gap > 0.027 ? 50 : 0);
}

export interface GroupItem {
  readonly item: string;
  readonly cells: readonly Cell[];
  readonly input: AllocationInput;
}

/**
 * Assigns the group's items: per attempt a fresh draw of person factors and item errors (noise scaled by a
 * multiplier), and per type the attempt with the smallest loss over that type's models.
 */
export function assignGroup(
  group: ScaleGroup,
  items: readonly GroupItem[],
  people: readonly Person[],
  models: ReadonlyMap<string, LatentModel>,
  scaleModels: ReadonlyMap<number, LatentModel>,
  rng: Rng,
): Map<string, Map<number, number>> {
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
  for (const multiplier of MULTIPLIERS) {
    const factor = new Map(units.map((u) => [u, rng.normal()]));
    const result = new Map<string, Map<number, number>>();
    for (const { item, cells, input } of items) {
      const xb = xbOf.get(item)!;
      const latent = (u: number): number => {
        const noise = noiseOf.get(`${item}|${people[u]!.type}`);
        if (!noise) return rng.next();
        return (xb.get(u) ?? 0) + Math.sqrt(multiplier * noise.person) * factor.get(u)! + Math.sqrt(multiplier * noise.item) * rng.normal();
      };
      result.set(item, assign(cells, { ...input, latent }, rng));
    }
    for (const type of types) {
      const loss = type === null ? 0 : typeLoss(group, type, rowsByType.get(type)!, result, models, scaleModels.get(type));
      const known = best.get(type);
      if (!known || loss < known.loss) best.set(type, { loss, result });
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

function typeLoss(
  group: ScaleGroup,
  type: number,
  sample: { readonly members: readonly number[]; readonly rows: readonly (Record<string, number> | null)[] },
  result: ReadonlyMap<string, ReadonlyMap<number, number>>,
  models: ReadonlyMap<string, LatentModel>,
  scaleModel: LatentModel | undefined,
): number {
  const { members, rows } = sample;
  const valid = (u: number, item: string): number | null => within(result.get(item)?.get(u) ?? null, 1, 5);
  let loss = 0;
  const fitOn = (model: LatentModel, score: (u: number) => number | null): void => {
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
    loss += modelLoss(model, xs, ys);
  };
  if (scaleModel) {
    fitOn(scaleModel, (u) => {
      const values = group.items.map((item) => valid(u, item)).filter((v): v is number => v !== null);
      return values.length >= group.minValid ? values.reduce((a, b) => a + b, 0) / values.length : null;
    });
  }
  if (group.itemModels) {
    for (const item of group.items) {
      const model = models.get(`${item}|${type}`);
      if (model) fitOn(model, (u) => valid(u, item));
    }
  }
  return loss;
}
