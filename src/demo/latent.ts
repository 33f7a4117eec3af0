// Latent scores for the composite outcomes: the published regression model (Tabel B.2.7-B.2.14, B.4.8-B.4.14)
// applied to a respondent's own answers, plus a person factor shared by the items of one scale and an
// item-specific error, sized so that the re-estimated model has the published adjusted R² and the scale
// roughly its published alpha. The allocator orders answers inside each cell by this score.
import type { PublishedRegression } from './published.ts';
import type { AnswerValue, ItemId } from '../questionnaire/types.ts';

export interface LatentModel {
  readonly table: string;
  readonly coefficients: ReadonlyMap<string, number>;
  /** Published standard errors, for judging a re-estimate. */
  readonly se: ReadonlyMap<string, number>;
  readonly adjR2: number;
  /** Items in the scale the outcome belongs to, and the scale's alpha. */
  readonly scale: string;
  readonly scaleItems: number;
  readonly alpha: number;
}

const TERMS: Readonly<Record<string, string>> = {
  Constante: 'const',
  Leeftijd: 'leeftijd',
  'Geslacht (vrouw)': 'vrouw',
  Opleidingsniveau: 'opleiding',
  Taalniveau: 'taal',
  Gezondheid: 'gezondheid',
  B1: 'b1',
  O: 'o',
  'Cohort 1': 'cohort1',
  'Brede intake': 'intake',
  Vrijwilligerswerk: 'vrijwilligers',
  'Betaald werk': 'betaald',
};

/** Means used for a predictor the respondent did not answer (keeps the score on the model's scale). */
const MEANS: Readonly<Record<string, number>> = { leeftijd: 36, vrouw: 0.45, opleiding: 3.5, taal: 2.6, gezondheid: 3.9, intake: 3.8 };

export function modelOf(table: PublishedRegression, scale: string, scaleItems: number, alpha: number): LatentModel {
  const coefficients = new Map<string, number>();
  const se = new Map<string, number>();
  for (const row of table.rows) {
    const term = TERMS[row.label];
    if (row.header || row.B === undefined || !term) continue;
    coefficients.set(term, row.B);
    se.set(term, row.SE ?? 1);
  }
  return { table: table.id, coefficients, se, adjR2: table.adjR2, scale, scaleItems, alpha };
}

const num = (answers: ReadonlyMap<ItemId, AnswerValue>, id: string): number | null => {
  const v = answers.get(id as ItemId);
  return typeof v === 'number' ? v : null;
};

/** The predictors of the report's models from one respondent's answers (codings of the table footnotes). */
export function predictors(answers: ReadonlyMap<ItemId, AnswerValue>): Record<string, number> {
  const or = (v: number | null, name: string): number => v ?? MEANS[name] ?? 0;
  const gender = num(answers, 'Q2.01');
  const edu = num(answers, 'Q2.07');
  const taal = num(answers, 'Q2.08');
  const health = num(answers, 'Q2.10');
  const route = num(answers, 'Q2.09');
  const pip = num(answers, 'Q2.11');
  const intake = num(answers, 'Q4.11');
  const work = num(answers, 'Q4.17');
  return {
    const: 1,
    leeftijd: or(num(answers, 'Q2.02'), 'leeftijd'),
    vrouw: gender === 2 ? 1 : gender === 1 ? 0 : (MEANS['vrouw'] as number),
    opleiding: or(edu !== null && edu <= 9 ? edu - 1 : null, 'opleiding'),
    taal: or(taal, 'taal'),
    gezondheid: or(health !== null ? 6 - health : null, 'gezondheid'),
    b1: route === 1 ? 1 : 0,
    o: route === 2 ? 1 : 0,
    cohort1: pip === 2022 || pip === 2023 ? 1 : 0,
    intake: or(intake !== null && intake <= 5 ? intake : null, 'intake'),
    vrijwilligers: work === 3 ? 1 : 0,
    betaald: work === 2 ? 1 : 0,
  };
}

/** Xβ of the model for one respondent. */
export function linearPredictor(model: LatentModel, answers: ReadonlyMap<ItemId, AnswerValue>): number {
  const x = predictors(answers);
  let sum = 0;
  for (const [term, b] of model.coefficients) sum += b * (x[term] ?? 0);
  return sum;
}

/**
 * Variances of the person factor u and the item error e, given Var(Xβ) = S: the scale mean's residual
 * variance S(1−R²)/R² = Var(u) + Var(e)/k, and the inter-item correlation ρ = α / (k − (k−1)α) fixes
 * (S + Var(u)) / (S + Var(u) + Var(e)) = ρ.
 */
export function noiseVariances(model: LatentModel, S: number): { person: number; item: number } {
  const r2 = Math.min(0.9, Math.max(0.02, model.adjR2));
  const sigma2 = (S * (1 - r2)) / r2;
  // A single-item model (the course aspects): the error is split into a part shared with the other aspects.
  if (model.scaleItems === 1) return { person: 0.35 * sigma2, item: 0.65 * sigma2 };
  const k = model.scaleItems;
  const rho = model.alpha / (k - (k - 1) * model.alpha);
  const a = (1 - rho) / rho;
  const item = (a * (S + sigma2)) / (1 + a / k);
  const person = Math.max(0, sigma2 - item / k);
  return { person, item: person === 0 ? sigma2 * k : item };
}
