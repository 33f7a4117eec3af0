// `report tables` end to end: the stored responses of a wave → the wide dataset (with the study's scales and
// derived variables) → every table of the report's specification, under the report's own numbering.
import type { Db } from '../storage/db.ts';
import type { StudyDefinition } from '../storage/study-files.ts';
import { loadDataset } from './load.ts';
import { loadPopulation } from './population.ts';
import { buildReportSpec } from './report-spec.ts';
import { computeReportTables, type TableOutput } from './report-tables.ts';

export interface ReportTablesOptions {
  /** Wave id as in study.json ("2024") or in full ("inburgeraars:2024"); default the latest wave. */
  readonly wave?: string | undefined;
  /** Study folder, for the wave's population margins (population/<wave>.json). */
  readonly studyDir?: string | undefined;
}

export class UnknownWaveError extends Error {
  constructor(wave: string, known: readonly string[]) {
    super(`unknown wave "${wave}"; known: ${known.join(', ')}`);
    this.name = 'UnknownWaveError';
  }
}

export async function reportTables(db: Db, study: StudyDefinition, options: ReportTablesOptions = {}): Promise<{ tables: Record<string, TableOutput> }> {
  const latest = [...study.waves].sort((a, b) => b.number - a.number)[0];
  const wave = options.wave === undefined ? latest : study.waves.find((w) => w.id === options.wave || w.id === `${study.id}:${options.wave}`);
  if (!wave) throw new UnknownWaveError(options.wave ?? '', study.waves.map((w) => w.id.replace(`${study.id}:`, '')));
  const data = await loadDataset(db, { wave: wave.id, variables: { scales: study.scales ?? [], derived: study.derived ?? [] } });
  const margins = options.studyDir ? loadPopulation(options.studyDir, wave.id.replace(`${study.id}:`, '')) : null;
  return { tables: computeReportTables(buildReportSpec(study, wave.id), data, margins) };
}
