// The rows an export writes: the dataset (already one wave or several, completed or all responses) narrowed
// to a questionnaire and a channel. A mask over the shared columns, never a copy of the dataset.
import { both, questionnaireMask } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { ExportFilters } from './export-readme.ts';

/** Rows of `data` that pass the questionnaire and channel filters; null when neither is set. */
export function exportMask(data: AnalysisDataset, filters: Pick<ExportFilters, 'questionnaire' | 'channel'>): Uint8Array | null {
  let mask: Uint8Array | null = filters.questionnaire === null ? null : questionnaireMask([filters.questionnaire], data);
  if (filters.channel !== null) {
    const channels = data.texts('channel');
    const own = new Uint8Array(data.rows);
    for (let i = 0; i < data.rows; i++) own[i] = channels[i] === filters.channel ? 1 : 0;
    mask = mask ? both(mask, own) : own;
  }
  return mask;
}

/** The channels that occur among the dataset's rows, sorted (for the workspace's filter). */
export function channelsIn(data: AnalysisDataset): string[] {
  const seen = new Set<string>();
  const channels = data.texts('channel');
  for (let i = 0; i < data.rows; i++) {
    const c = channels[i];
    if (c) seen.add(c);
  }
  return [...seen].sort();
}
