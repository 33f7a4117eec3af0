// `report tables` end to end: the stored responses of a wave → the wide dataset (with the study's scales and
// derived variables) → every table of the report's specification, under the report's own numbering. Says so
// when the responses are synthetic (demo channels), so no table leaves without that label.
import type { Db } from '../storage/db.ts';
import type { StudyDefinition } from '../study/load.ts';
import { loadDataset } from './load.ts';
import { loadPopulation } from '../study/population.ts';
import { buildReportSpec, tablesNotAsked } from './report-spec.ts';
import { computeReportTables, type TableOutput } from './report-tables.ts';
import { countSynthetic, syntheticNote } from './synthetic.ts';

export interface ReportTablesOptions {
  /** Wave id as in study.json ("2024") or in full ("inburgeraars:2024"); default the latest wave. */
  readonly wave?: string | undefined;
  /** Study folder, for the wave's population margins (population/<wave>.json). */
  readonly studyDir?: string | undefined;
}

export interface ReportTables {
  /** True when any response the tables count is synthetic (a demo channel). */
  readonly synthetic: boolean;
  /** Plain statement that the figures are invented, when `synthetic`. */
  readonly note?: string;
  /** Full wave id the tables describe. */
  readonly wave: string;
  readonly tables: Record<string, TableOutput>;
  /** Tables left out because this wave's questionnaires did not ask their item (table → why). */
  readonly omitted?: Record<string, string>;
}

export class UnknownWaveError extends Error {
  constructor(wave: string, known: readonly string[]) {
    super(`unknown wave "${wave}"; known: ${known.join(', ')}`);
    this.name = 'UnknownWaveError';
  }
}

export async function reportTables(db: Db, study: StudyDefinition, options: ReportTablesOptions = {}): Promise<ReportTables> {
  const latest = [...study.waves].sort((a, b) => b.number - a.number)[0];
  const wave =
    options.wave === undefined ? latest : study.waves.find((w) => w.id === options.wave || w.id === `${study.id}:${options.wave}`);
  if (!wave)
    throw new UnknownWaveError(
      options.wave ?? '',
      study.waves.map((w) => w.id.replace(`${study.id}:`, '')),
    );
  const data = await loadDataset(db, { wave: wave.id, variables: { scales: study.scales ?? [], derived: study.derived ?? [] } });
  const margins = options.studyDir ? loadPopulation(options.studyDir, wave.id.replace(`${study.id}:`, '')) : null;
  const synthetic = countSynthetic(data);
  const omitted = tablesNotAsked(study, wave.id);
  return {
    synthetic: synthetic.synthetic > 0,
    ...(synthetic.synthetic > 0 ? { note: syntheticNote(synthetic, `wave ${wave.id} that these tables count`) } : {}),
    wave: wave.id,
    tables: computeReportTables(buildReportSpec(study, wave.id), data, margins),
    ...(omitted.size > 0
      ? { omitted: Object.fromEntries([...omitted].map(([id, item]) => [id, `${item} is not in the questionnaires of wave ${wave.id}`])) }
      : {}),
  };
}
