// Weights that make each group of a wave's sample (type inburgeraar) look like its population on gender,
// learning route and age band: raking (stats.rake) of the group's respondents to the group's margins from the
// wave's population file. Published margins rarely add up to the group's size (DUO's 34,481 against 34,482):
// they are rescaled to it, and said so. Respondents whose level is unknown (no answer, "anders") keep their
// sample share as a category of its own; a level with population but no respondents cannot be weighted up
// and is left out (said so). Weights are scaled to a mean of 1 over the weighted respondents, so weighted
// counts read as respondents; rows without a group keep weight 1.
import type { LocalizedText } from '../questionnaire/types.ts';
import { categoricalFromNumbers, frequencies, rake, withMask, type Margin } from '../stats/index.ts';
import { POPULATION_DIMENSIONS, type Population, type PopulationDimensionName } from '../study/population.ts';
import type { AnalysisDataset } from './dataset.ts';
import { engineDataset } from './views.ts';

/** Code of the "level unknown" category while raking (never an answer code). */
const UNKNOWN = -2147483648;

export interface GroupWeighting {
  readonly code: number;
  readonly label: LocalizedText | null;
  /** Respondents in the group. */
  readonly n: number;
  /** Kish's effective sample size of the group's weights. */
  readonly effectiveN: number;
  /** Kish's design effect due to weighting. */
  readonly designEffect: number;
  readonly converged: boolean;
  /** The dimensions raked to. */
  readonly dimensions: readonly PopulationDimensionName[];
}

/** What was adjusted on the way, as data (the report prints it in the reader's language). */
export type WeightingEvent =
  | {
      readonly kind: 'rescaled';
      readonly group: string;
      readonly dimension: PopulationDimensionName;
      readonly margins: number;
      readonly size: number;
    }
  | {
      readonly kind: 'level-empty';
      readonly group: string;
      readonly dimension: PopulationDimensionName;
      readonly level: number;
      readonly population: number;
    }
  | { readonly kind: 'no-margins'; readonly group: string }
  | { readonly kind: 'not-converged'; readonly group: string; readonly error: number }
  | { readonly kind: 'ungrouped'; readonly count: number };

export interface WaveWeights {
  readonly weights: Float64Array;
  readonly groups: readonly GroupWeighting[];
  /** What was adjusted on the way (rescaled margins, levels left out), in words. */
  readonly notes: readonly string[];
  /** The same, as data. */
  readonly events: readonly WeightingEvent[];
}

/** Raking weights of the wave's respondents to its population margins, group by group. */
export function waveWeights(data: AnalysisDataset, population: Population): WaveWeights {
  const n = data.rows;
  const { dimensions } = population;
  const groupValues = data.numbers(dimensions.group);
  const groupInfo = data.info(dimensions.group);
  const weights = new Float64Array(n).fill(1);
  const raked = new Uint8Array(n);
  const groups: GroupWeighting[] = [];
  const notes: string[] = [];
  const events: WeightingEvent[] = [];
  const sizes = population.cells.flatMap((c) =>
    c.group !== undefined && POPULATION_DIMENSIONS.every((d) => c[d] === undefined) ? [{ code: c.group, count: c.count }] : [],
  );
  for (const { code, count: size } of sizes) {
    const label = groupInfo.values.find((v) => v.value === code)?.label ?? null;
    const name = label?.nl?.text ?? String(code);
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (groupValues[i] === code) mask[i] = 1;
    const columns = [];
    const margins: Margin[] = [];
    const used: PopulationDimensionName[] = [];
    for (const dimension of POPULATION_DIMENSIONS) {
      const variable = dimensions[dimension];
      const cells = population.cells.filter((c) => c.group === code && c[dimension] !== undefined);
      if (variable === undefined || cells.length === 0 || !data.has(variable)) continue;
      const levels = cells.map((c) => c[dimension] as number);
      // The dimension as categories: the population's levels, and "unknown" for every other value.
      const values = data.numbers(variable).map((v) => (levels.includes(v) ? v : UNKNOWN));
      const column = categoricalFromNumbers(dimension, values, [...levels, UNKNOWN]);
      const [counts] = frequencies(withMask(engineDataset([column]), mask), dimension);
      const sample = new Map((counts?.categories ?? []).map((c) => [c.value as number, c.count]));
      const inSample = counts?.n ?? 0;
      if (inSample === 0) continue;
      const kept = cells.filter((c) => (sample.get(c[dimension] as number) ?? 0) > 0);
      for (const c of cells) {
        if (!kept.includes(c)) {
          notes.push(
            `${name}: no respondent with ${dimension} ${String(c[dimension])} (population ${c.count}); that level is not weighted up`,
          );
          events.push({ kind: 'level-empty', group: name, dimension, level: c[dimension] as number, population: c.count });
        }
      }
      const unknownShare = (sample.get(UNKNOWN) ?? 0) / inSample;
      const known = kept.reduce((s, c) => s + c.count, 0);
      const all = cells.reduce((s, c) => s + c.count, 0);
      if (all !== size) {
        notes.push(`${name}: the ${dimension} margins add up to ${all}, the group to ${size}; rescaled to ${size}`);
        events.push({ kind: 'rescaled', group: name, dimension, margins: all, size });
      }
      const targets: Record<string, number> = {};
      for (const c of kept) targets[String(c[dimension])] = (size * (1 - unknownShare) * c.count) / known;
      if (unknownShare > 0) targets[String(UNKNOWN)] = size * unknownShare;
      columns.push(column);
      margins.push({ variable: dimension, targets });
      used.push(dimension);
    }
    let members = 0;
    for (let i = 0; i < n; i++) members += mask[i] as number;
    if (members === 0) continue;
    if (margins.length === 0) {
      notes.push(`${name}: no population margins to rake to; weights stay 1`);
      events.push({ kind: 'no-margins', group: name });
      continue;
    }
    const result = rake(withMask(engineDataset(columns), mask), margins);
    for (let i = 0; i < n; i++) {
      if (mask[i] !== 1) continue;
      weights[i] = result.weights[i] as number;
      raked[i] = 1;
    }
    if (!result.converged) {
      notes.push(`${name}: raking did not converge (largest margin error ${result.maxMarginError.toExponential(2)})`);
      events.push({ kind: 'not-converged', group: name, error: result.maxMarginError });
    }
    groups.push({
      code,
      label,
      n: members,
      effectiveN: result.effectiveN,
      designEffect: result.designEffect,
      converged: result.converged,
      dimensions: used,
    });
  }
  // Mean weight 1 over the raked respondents: weighted counts read as respondents, percentages unchanged.
  let total = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (raked[i] !== 1) continue;
    total += weights[i] as number;
    count++;
  }
  if (count > 0) for (let i = 0; i < n; i++) if (raked[i] === 1) weights[i] = ((weights[i] as number) * count) / total;
  if (count < n) {
    notes.push(`${n - count} respondents without a group to weight keep weight 1`);
    events.push({ kind: 'ungrouped', count: n - count });
  }
  return { weights, groups, notes, events };
}
