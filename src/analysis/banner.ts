// A breakdown's columns as grouping variables for the statistics engine. Columns that share no respondent go
// into one grouping variable (a "layer"), so one crosstab counts them all; overlapping columns (a "Totaal"
// beside cohorts) get a layer of their own. Also a one-column layer of everyone in any column, for the table's
// own N. Masks only: the counting is the engine's.
import type { CategoricalColumn } from '../stats/index.ts';
import { both, maskOf } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import { rowArray, type RowBuffers } from './row-buffers.ts';
import type { Column } from '../study/report-spec.ts';

export interface Banner {
  /** Grouping variables; column c of the breakdown is level `at[c].level` of layer `at[c].layer`. */
  readonly layers: readonly CategoricalColumn[];
  readonly at: readonly { readonly layer: number; readonly level: number }[];
  /** Everyone in any column, as one level. */
  readonly union: CategoricalColumn;
}

/**
 * The banner of `columns` among the rows of `within` (the table's filter; all rows when absent); its codes in
 * arrays from `buffers` when given.
 */
export function bannerOf(
  data: AnalysisDataset,
  columns: readonly Column[],
  within: Uint8Array | null,
  prefix: string,
  buffers?: RowBuffers,
): Banner {
  const n = data.rows;
  const masks = columns.map((c) => {
    const own = c.where ? maskOf(c.where, data) : new Uint8Array(n).fill(1);
    return within ? both(own, within) : own;
  });
  const layerCodes: Int32Array[] = [];
  const layerSizes: number[] = [];
  const at = masks.map((mask) => {
    let layer = layerCodes.findIndex((codes) => !overlaps(codes, mask));
    if (layer < 0) {
      layer = layerCodes.length;
      layerCodes.push(rowArray(n, buffers).fill(-1));
      layerSizes.push(0);
    }
    const codes = layerCodes[layer] as Int32Array;
    const level = layerSizes[layer] as number;
    for (let i = 0; i < n; i++) if (mask[i] === 1) codes[i] = level;
    layerSizes[layer] = level + 1;
    return { layer, level };
  });
  const union = rowArray(n, buffers).fill(-1);
  for (const mask of masks) for (let i = 0; i < n; i++) if (mask[i] === 1) union[i] = 0;
  return {
    layers: layerCodes.map((codes, k) => ({
      kind: 'categorical',
      name: `${prefix}#layer${k}`,
      codes,
      levels: Array.from({ length: layerSizes[k] as number }, (_, j) => j),
    })),
    at,
    union: { kind: 'categorical', name: `${prefix}#union`, codes: union, levels: [0] },
  };
}

function overlaps(codes: Int32Array, mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && (codes[i] as number) >= 0) return true;
  return false;
}
