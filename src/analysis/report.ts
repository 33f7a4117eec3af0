// `report tables` end to end: a wave's stored responses → its dataset (load.ts) → every table of the
// study's report specification (compute.ts). Says so when the responses are synthetic (demo channels), so no
// table leaves without that label.
import type { Db } from '../storage/db.ts';
import type { StudyDefinition } from '../study/load.ts';
import { computeReport, type ComputedReport } from './compute.ts';
import type { AnalysisDataset } from './dataset.ts';
import { findWave, loadWaveDataset } from './load.ts';
import { countSynthetic, syntheticNote } from './synthetic.ts';

export interface ReportTables {
  readonly report: ComputedReport;
  readonly data: AnalysisDataset;
  readonly synthetic: { readonly count: number; readonly note: string | null };
  /** Answers that did not fit their variable and were left out. */
  readonly problems: readonly string[];
}

export interface ReportTablesOptions {
  /** Wave id as in study.json ("2024") or in full ("inburgeraars:2024"); default the latest wave. */
  readonly wave?: string | undefined;
}

/** Synthetic-data statement for a dataset, or null when it holds none. */
export function syntheticOf(data: AnalysisDataset, what: string): { readonly count: number; readonly note: string | null } {
  const count = countSynthetic(data);
  return { count: count.synthetic, note: count.synthetic > 0 ? syntheticNote(count, what) : null };
}

/** Every table of the report for one wave, computed from the responses stored in `db`. */
export async function reportTables(db: Db, study: StudyDefinition, options: ReportTablesOptions = {}): Promise<ReportTables> {
  const wave = findWave(study, options.wave);
  const { data, problems } = await loadWaveDataset(db, study, wave, study.report?.counts ?? 'completed');
  return {
    report: computeReport(study, wave, data),
    data,
    synthetic: syntheticOf(data, `wave ${wave.id} that these tables count`),
    problems,
  };
}
