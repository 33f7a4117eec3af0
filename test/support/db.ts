// A fresh, migrated database per test file: embedded PGlite in memory by default; with DATABASE_URL set,
// a throwaway database on that PostgreSQL server, dropped afterwards. Both run the same migrations.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/storage/db.ts';
import { DEFAULT_STUDY_DIR, loadStudy, type StudyDefinition } from '../../src/study/load.ts';
import { syncStudy } from '../../src/storage/studies.ts';
import { fileURLToPath } from 'node:url';

export const KORT_STUDY_DIR = fileURLToPath(new URL('../fixtures/study-kort', import.meta.url));

export interface TestDatabase extends Database {
  readonly study: StudyDefinition;
}

export const backendName = (): string => (process.env['DATABASE_URL'] ? 'postgres' : 'pglite');

export async function openTestDatabase(studyDir: string = KORT_STUDY_DIR): Promise<TestDatabase> {
  const url = process.env['DATABASE_URL'];
  let database: Database;
  let drop = async (): Promise<void> => {};
  if (url) {
    const name = `pp_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    database = await openDatabase({ url: target.toString() });
    drop = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  await database.migrate();
  const study = loadStudy(studyDir);
  await syncStudy(database.db, study);
  return {
    ...database,
    study,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

let shipped: StudyDefinition | null = null;

/** The version of a questionnaire that a wave of the study asks (the shipped study by default), as stored answers carry it. */
export function questionnaireVersion(
  waveId: string,
  questionnaireId: string,
  study: StudyDefinition = (shipped ??= loadStudy(DEFAULT_STUDY_DIR)),
): number {
  const found = study.waves.find((w) => w.id === waveId)?.questionnaires.find((q) => q.id === questionnaireId);
  if (!found) throw new Error(`wave ${waveId} of study ${study.id} has no questionnaire ${questionnaireId}`);
  return found.version;
}
