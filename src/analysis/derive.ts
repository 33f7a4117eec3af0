// The study's derived variables and composite scales (variables.json) computed over a dataset's columns:
// `cases` by the first matching case (questionnaire and condition, conditions.ts), `recode` and `bands` by
// lookup, scales by the statistics engine's scale score over the items' valid answers (missing codes never
// enter a scale; reversed items mirrored over their own substantive codes). Missing: NaN.
import type { DerivedVariable, ScaleDefinition } from '../questionnaire/variables.ts';
import { dataset as statsDataset, numericColumn, scaleScore, type NumericColumn } from '../stats/index.ts';
import { both, maskOf, questionnaireMask } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import { validNumbers } from './views.ts';

/** Every derived variable and scale, by name, computed from the dataset's answers. */
export function computeStudyVariables(
  data: AnalysisDataset,
  derived: readonly DerivedVariable[],
  scales: readonly ScaleDefinition[],
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const d of derived) out.set(d.id, derive(d, data));
  for (const s of scales) out.set(s.id, score(s, data));
  return out;
}

function derive(variable: DerivedVariable, data: AnalysisDataset): Float64Array {
  const n = data.rows;
  const out = new Float64Array(n).fill(NaN);
  switch (variable.kind) {
    case 'cases': {
      const assigned = new Uint8Array(n);
      for (const c of variable.cases) {
        let mask = c.questionnaires ? questionnaireMask(c.questionnaires, data) : new Uint8Array(n).fill(1);
        if (c.when) mask = both(mask, maskOf(c.when, data));
        for (let i = 0; i < n; i++) {
          if (mask[i] === 1 && assigned[i] === 0) {
            out[i] = c.value;
            assigned[i] = 1;
          }
        }
      }
      return out;
    }
    case 'recode': {
      if (!data.has(variable.item)) return out;
      const values = validNumbers(data, variable.item);
      for (let i = 0; i < n; i++) {
        const mapped = variable.map.get(values[i] as number);
        if (mapped !== undefined) out[i] = mapped;
      }
      return out;
    }
    case 'bands': {
      if (!data.has(variable.item)) return out;
      const values = data.numbers(variable.item);
      for (let i = 0; i < n; i++) {
        const v = values[i] as number;
        const band = variable.bands.find((b) => v >= b.min && v <= b.max);
        if (band) out[i] = band.value;
      }
      return out;
    }
  }
}

function score(scale: ScaleDefinition, data: AnalysisDataset): Float64Array {
  const columns: NumericColumn[] = scale.items.map((item) => {
    if (!data.has(item)) return numericColumn(item, new Float64Array(data.rows).fill(NaN));
    const values = validNumbers(data, item);
    if (!scale.reverse.includes(item)) return { kind: 'numeric', name: item, values };
    const codes = data
      .info(item)
      .values.filter((v) => !v.missing)
      .map((v) => v.value);
    const mirror = Math.min(...codes) + Math.max(...codes);
    return { kind: 'numeric', name: item, values: values.map((v) => mirror - v) };
  });
  return scaleScore(statsDataset(columns), scale.items, scale.minValid, scale.method);
}
