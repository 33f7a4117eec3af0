// Every table of a wave's report computed from its dataset: the tables the wave's questionnaires can fill
// (the rest omitted with the reason), frequency tables grouped by breakdown and filter so one banner of
// crosstabs counts each group, regressions, population tables and the scales' reliability. Pure: the
// dataset comes from load.ts (or a cache), the specification from the study folder.
import { completeCases, reliability } from '../stats/index.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { TableSpec } from '../study/report-spec.ts';
import { tablesForWave } from '../study/validate-report.ts';
import { maskOf } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { ReliabilityResult, TableResult } from './results.ts';
import { frequencyTables, type FrequencySpec } from './tables-frequency.ts';
import { populationTable } from './tables-population.ts';
import { regressionTable } from './tables-regression.ts';
import { RowBuffers } from './row-buffers.ts';
import { engineDataset, scaleItemColumns } from './views.ts';

export interface ComputedReport {
  readonly wave: string;
  readonly counts: 'completed' | 'all';
  /** Responses in the dataset the tables count. */
  readonly responses: number;
  readonly tables: ReadonlyMap<string, TableResult>;
  readonly omitted: ReadonlyMap<string, string>;
  readonly reliability: readonly ReliabilityResult[];
}

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

const isFrequency = (t: TableSpec): t is FrequencySpec => t.kind === 'frequency' || t.kind === 'multiple' || t.kind === 'topbox';

/** The report of `wave` from its dataset, in the specification's table order. */
export function computeReport(
  study: StudyDefinition,
  wave: WaveDefinition,
  data: AnalysisDataset,
  weights: Float64Array | null = null,
): ComputedReport {
  const spec = study.report;
  if (!spec) throw new ReportError(`the study "${study.id}" has no report specification (study.json "report")`);
  const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
  const { tables, omitted } = tablesForWave(
    spec,
    { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
    wave.id,
  );
  const masks = new Map<string, Uint8Array | null>();
  const within = (t: TableSpec): Uint8Array | null => {
    const key = t.whereText ?? '';
    if (!masks.has(key)) masks.set(key, t.where ? maskOf(t.where, data) : null);
    return masks.get(key) ?? null;
  };
  const results = new Map<string, TableResult>();
  // Frequency tables that share a breakdown and a filter share one banner of crosstabs.
  const groups = new Map<string, FrequencySpec[]>();
  for (const t of tables) {
    if (!isFrequency(t)) continue;
    const key = JSON.stringify([t.breakdown.id ?? t.breakdown.columns.map((c) => c.whereText), t.whereText]);
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  // One set of row-length arrays for the views and banners of every group and model, taken back after each.
  const buffers = new RowBuffers(data.rows);
  for (const group of groups.values()) {
    const first = group[0] as FrequencySpec;
    for (const result of frequencyTables(data, group, within(first), weights, buffers)) results.set(result.id, result);
    buffers.reclaim();
  }
  const dimensions = (wave.population ?? populations[0])?.dimensions;
  for (const t of tables) {
    if (t.kind === 'regression') results.set(t.id, regressionTable(data, t, within(t), buffers));
    if (t.kind === 'population') {
      if (!dimensions) throw new ReportError(`table ${t.id} needs a population file naming its variables`);
      results.set(t.id, populationTable(data, t, wave.population, dimensions, null, buffers));
    }
    buffers.reclaim();
  }
  const ordered = new Map<string, TableResult>();
  for (const t of tables) {
    const r = results.get(t.id);
    if (r) ordered.set(t.id, r);
  }
  return {
    wave: wave.id,
    counts: spec.counts,
    responses: data.rows,
    tables: ordered,
    omitted,
    reliability: spec.reliability.map((id) => scaleReliability(study, data, id)),
  };
}

/** Cronbach's alpha of a scale over its items' valid answers (reversed items mirrored), complete cases. */
function scaleReliability(study: StudyDefinition, data: AnalysisDataset, id: string): ReliabilityResult {
  const scale = study.scales?.find((s) => s.id === id);
  if (!scale) throw new ReportError(`no scale "${id}"`);
  const engine = engineDataset(scaleItemColumns(data, scale));
  const complete = completeCases(engine, scale.items);
  const r = complete >= 2 ? reliability(engine, scale.items) : null;
  return { scale: id, label: scale.label, items: scale.items, alpha: r?.alpha ?? null, n: r?.n ?? complete };
}
