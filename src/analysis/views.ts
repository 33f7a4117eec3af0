// What the statistics engine sees of a dataset: numeric columns with the missing codes (98, 99, ...) turned
// into missing values, categorical columns over an item's options in questionnaire order (missing codes left
// out, or kept as categories where a table shows them as rows), masks for filters and weights. Views share
// the dataset's arrays where nothing changes; never a second way of counting.
import {
  categoricalFromNumbers,
  dataset as statsDataset,
  type CategoricalColumn,
  type Column,
  type Dataset,
  type NumericColumn,
} from '../stats/index.ts';
import type { ScaleDefinition } from '../questionnaire/variables.ts';
import type { AnalysisDataset } from './dataset.ts';
import { rowArray, type RowBuffers } from './row-buffers.ts';

/** The values of a numeric variable with its missing codes as NaN (the stored array itself when it has none). */
export function validNumbers(data: AnalysisDataset, name: string): Float64Array {
  const values = data.numbers(name);
  const missing = data.info(name).missing;
  if (missing.length === 0) return values;
  const out = new Float64Array(values.length);
  const skip = new Set(missing);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = skip.has(v) ? NaN : v;
  }
  return out;
}

/** Numeric column for the engine: valid values only. */
export function numericView(data: AnalysisDataset, name: string, as = name): NumericColumn {
  return { kind: 'numeric', name: as, values: validNumbers(data, name) };
}

/**
 * Categorical column for the engine over `levels` (default: the variable's substantive codes in questionnaire
 * order). A missing code is a category only when `levels` lists it.
 */
export function categoricalView(
  data: AnalysisDataset,
  name: string,
  levels?: readonly number[],
  as = name,
  buffers?: RowBuffers,
): CategoricalColumn {
  const info = data.info(name);
  const order = levels ?? info.values.filter((v) => !v.missing).map((v) => v.value);
  return categoricalFromNumbers(as, data.numbers(name), order, rowArray(data.rows, buffers));
}

/** The engine's dataset over these columns, with a filter mask and case weights when given. */
export function engineDataset(columns: readonly Column[], mask?: Uint8Array, weights?: Float64Array): Dataset {
  const base = statsDataset(columns);
  return { ...base, ...(mask ? { mask } : {}), ...(weights ? { weights } : {}) };
}

/** A scale's items as numeric columns for the engine: valid answers, reversed items mirrored. */
export function scaleItemColumns(data: AnalysisDataset, scale: ScaleDefinition): NumericColumn[] {
  return scale.items.map((item) => {
    const view = numericView(data, item);
    if (!scale.reverse.includes(item)) return view;
    const codes = data
      .info(item)
      .values.filter((v) => !v.missing)
      .map((v) => v.value);
    const mirror = Math.min(...codes) + Math.max(...codes);
    return { ...view, values: view.values.map((v) => mirror - v) };
  });
}
