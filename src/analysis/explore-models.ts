// Regression models for the workspace: the report's models of a wave recomputed on the current data (each
// regression table of report.json with its own filter), and a model the researcher composes (an outcome,
// predictors as numbers or dummy-coded with a chosen reference category), both through regressionTable and
// so through the engine's fitOls. Choices are checked here and refused with the reason, never guessed.
import type { LocalizedText } from '../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { Model, Predictor } from '../study/report-spec.ts';
import { tablesForWave } from '../study/validate-report.ts';
import { both, maskOf } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { RegressionResult } from './results.ts';
import { regressionTable, type RegressionSpec } from './tables-regression.ts';

/** Every regression table of the report that the wave can fill, computed on `data` (within `within`). */
export function reportRegressions(
  study: StudyDefinition,
  wave: WaveDefinition,
  data: AnalysisDataset,
  within: Uint8Array | null,
): RegressionResult[] {
  if (!study.report) return [];
  const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
  const { tables } = tablesForWave(
    study.report,
    { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
    wave.id,
  );
  return tables
    .filter((t): t is RegressionSpec => t.kind === 'regression')
    .map((t) => {
      const own = t.where ? maskOf(t.where, data) : null;
      const mask = own && within ? both(own, within) : (own ?? within);
      return regressionTable(data, t, mask);
    });
}

/** A predictor as the form gives it: a variable, entered as a number or as categories against a reference. */
export type PredictorChoice =
  | { readonly slot: number; readonly variable: string; readonly as: 'numeric' }
  | { readonly slot: number; readonly variable: string; readonly as: 'categorical'; readonly reference: number | null };

/** Why a composed model cannot be fitted; `field` is the form's field at fault (y, x1…x6, r1…r6). */
export type ModelChoiceProblem =
  | { readonly kind: 'not-numeric'; readonly variable: string }
  | { readonly kind: 'no-predictor' }
  | { readonly kind: 'twice'; readonly variable: string }
  | { readonly kind: 'no-categories'; readonly variable: string }
  | { readonly kind: 'not-a-category'; readonly variable: string; readonly reference: number; readonly categories: readonly number[] };

export class ModelChoiceError extends Error {
  constructor(
    readonly field: string,
    readonly problem: ModelChoiceProblem,
  ) {
    super(`${field}: ${problem.kind}${'variable' in problem ? ` (${problem.variable})` : ''}`);
    this.name = 'ModelChoiceError';
  }
}

/** Variables a model can use: numbers, scores and coded answers (not text, not the response's own facts). */
export function modelVariables(data: AnalysisDataset): { readonly name: string; readonly label: LocalizedText; readonly coded: boolean }[] {
  return data.variables
    .filter((v) => v.storage === 'number' && v.kind !== 'meta' && v.kind !== 'multi-option')
    .map((v) => ({ name: v.name, label: v.label, coded: v.values.length > 0 }));
}

/** The model the choices describe; throws ModelChoiceError naming the form's field and what is wrong with it. */
export function customModel(
  data: AnalysisDataset,
  outcome: string,
  choices: readonly PredictorChoice[],
): { spec: RegressionSpec; references: ReadonlyMap<string, number> } {
  const usable = new Set(modelVariables(data).map((v) => v.name));
  if (!usable.has(outcome)) throw new ModelChoiceError('y', { kind: 'not-numeric', variable: outcome });
  if (choices.length === 0) throw new ModelChoiceError('x1', { kind: 'no-predictor' });
  const seen = new Set<string>([outcome]);
  const references = new Map<string, number>();
  const predictors: Predictor[] = choices.map((choice) => {
    const x = `x${choice.slot}`;
    if (!usable.has(choice.variable)) throw new ModelChoiceError(x, { kind: 'not-numeric', variable: choice.variable });
    if (seen.has(choice.variable)) throw new ModelChoiceError(x, { kind: 'twice', variable: choice.variable });
    seen.add(choice.variable);
    const info = data.info(choice.variable);
    if (choice.as === 'numeric') return { kind: 'numeric', variable: choice.variable, label: info.label };
    const levels = info.values.filter((v) => !v.missing).map((v) => v.value);
    if (levels.length < 2) throw new ModelChoiceError(x, { kind: 'no-categories', variable: choice.variable });
    const reference = choice.reference ?? (levels[0] as number);
    if (!levels.includes(reference))
      throw new ModelChoiceError(`r${choice.slot}`, { kind: 'not-a-category', variable: choice.variable, reference, categories: levels });
    references.set(choice.variable, reference);
    const labels = new Map<number, LocalizedText>();
    for (const v of info.values) if (!v.missing && v.value !== reference) labels.set(v.value, v.label);
    return { kind: 'categorical', variable: choice.variable, levels, reference, group: info.label, labels };
  });
  const model: Model = {
    id: 'custom',
    label: null,
    constant: { nl: { text: 'Constante', status: 'source' }, en: { text: 'Constant', status: 'source' } },
    predictors,
  };
  const title = data.info(outcome).label;
  return {
    spec: { kind: 'regression', id: 'custom', title, section: null, where: null, whereText: null, note: null, outcome, model },
    references,
  };
}
