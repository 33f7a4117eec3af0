// `report tables` end to end: a wave's stored responses → its dataset (load.ts, or the snapshot on disk that
// the database vouches for: cache.ts, snapshot.ts) → every table of the study's report specification
// (compute.ts). Says so when the responses are synthetic (demo channels), so no table leaves without that label.
import { readDataState, sameState } from '../storage/data-state.ts';
import type { Db } from '../storage/db.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { computeReport, type ComputedReport } from './compute.ts';
import type { AnalysisDataset } from './dataset.ts';
import { findWave } from './waves.ts';
import { SnapshotStore } from './snapshot.ts';
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
  /** Snapshots on disk to start from and keep up to date (the embedded database's folder). */
  readonly snapshots?: SnapshotStore | undefined;
}

/** Synthetic-data statement for a dataset, or null when it holds none. */
export function syntheticOf(data: AnalysisDataset, what: string): { readonly count: number; readonly note: string | null } {
  const count = countSynthetic(data);
  return { count: count.synthetic, note: count.synthetic > 0 ? syntheticNote(count, what) : null };
}

/** Every table of the report for one wave, computed from the responses stored in `db`. */
export async function reportTables(db: Db, study: StudyDefinition, options: ReportTablesOptions = {}): Promise<ReportTables> {
  const wave = findWave(study, options.wave);
  // Loaded only on this path: the snapshot path (reportTablesFromDisk) starts without the database modules.
  const { DatasetCache } = await import('./cache.ts');
  const cache = new DatasetCache(db, study, { snapshots: options.snapshots });
  const data = await cache.get(wave);
  return tablesOf(study, wave, data, cache.problems(wave));
}

/**
 * The report's tables from the wave's snapshot in an embedded database's folder, without opening the
 * database: only when nobody holds it and the state its last owner recorded is the snapshot's. Otherwise null.
 */
export function reportTablesFromDisk(dataDir: string, study: StudyDefinition, options: ReportTablesOptions = {}): ReportTables | null {
  const state = readDataState(dataDir);
  if (!state) return null;
  const wave = findWave(study, options.wave);
  const snapshot = SnapshotStore.forDataDir(dataDir).load(study, wave, study.report?.counts ?? 'completed');
  if (!snapshot || !sameState(snapshot.state, state)) return null;
  return tablesOf(study, wave, snapshot.data, snapshot.problems);
}

function tablesOf(study: StudyDefinition, wave: WaveDefinition, data: AnalysisDataset, problems: readonly string[]): ReportTables {
  return {
    report: computeReport(study, wave, data),
    data,
    synthetic: syntheticOf(data, `wave ${wave.id} that these tables count`),
    problems,
  };
}
