// `perspectief report tables`: every table of the report as JSON. On the embedded database that nobody holds
// and that has not changed since the wave's dataset was saved beside it (analysis/snapshot.ts), the tables
// come from that snapshot without starting the database; otherwise the database is opened (or reached
// through the serving process) and the snapshot brought up to date for the next time.
import { DatasetError } from '../analysis/dataset.ts';
import { ReportError } from '../analysis/compute.ts';
import { reportTables, reportTablesFromDisk, type ReportTables } from '../analysis/report.ts';
import { SnapshotStore } from '../analysis/snapshot.ts';
import { printReport } from '../report/tables-json.ts';
import { configFromEnv } from '../storage/config.ts';
import { CliError, UsageError, type CliIO } from './command.ts';
import { loadStudyOrFail } from './study.ts';

export async function tablesCommand(io: CliIO, wave: string | undefined, lang: string | undefined): Promise<number> {
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') throw new UsageError(`--lang must be nl or en, not "${lang}"`);
  const config = configFromEnv(io.env, io.cwd);
  const dataDir =
    config.url === undefined && config.dataDir !== undefined && !config.dataDir.startsWith('memory://') ? config.dataDir : null;
  try {
    const saved = dataDir !== null ? reportTablesFromDisk(dataDir, loadStudyOrFail(io), { wave }) : null;
    if (saved) io.stderr(`counted from the wave's dataset saved beside the database in ${dataDir}: nothing has changed since\n`);
    const result = saved ?? (await fromDatabase(io, wave, dataDir));
    for (const problem of result.problems) io.stderr(`left out: ${problem}\n`);
    if (result.synthetic.note) io.stderr(`${result.synthetic.note}\n`);
    io.stdout(`${JSON.stringify(printReport(result.report, { lang: lang ?? 'nl', synthetic: result.synthetic }))}\n`);
  } catch (error) {
    if (error instanceof DatasetError || error instanceof ReportError) throw new CliError(error.message);
    throw error;
  }
  return 0;
}

async function fromDatabase(io: CliIO, wave: string | undefined, dataDir: string | null): Promise<ReportTables> {
  // The database's modules (drivers, the demo generator) are loaded only on this path.
  const [{ openSystem }, { DemoDataError, loadDemoIfEmpty }] = await Promise.all([import('./system.ts'), import('../demo/index.ts')]);
  const { database, study } = await openSystem(io);
  try {
    await loadDemoIfEmpty(database, study, io).catch((error: unknown) => {
      throw error instanceof DemoDataError ? new CliError(error.message) : error;
    });
    return await reportTables(database.db, study, { wave, snapshots: dataDir !== null ? SnapshotStore.forDataDir(dataDir) : undefined });
  } finally {
    await database.close();
  }
}
