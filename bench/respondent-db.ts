// A throwaway PostgreSQL database for the respondent benchmarks: created, migrated and loaded with the
// study, dropped afterwards. Never touches an existing database; the name is random.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/storage/db.ts';
import { DEFAULT_STUDY_DIR, loadStudy, type StudyDefinition } from '../src/study/load.ts';
import { syncStudy } from '../src/storage/studies.ts';

/** The server the benchmark uses when DATABASE_URL is not set (the machines' local PostgreSQL). */
export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  readonly database: Database;
  readonly study: StudyDefinition;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Runs `run` on one connection to `serverUrl`, closed afterwards. */
export async function admin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** `serverUrl` with the database `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

/** The database at `url`, migrated and holding `study`. */
export async function openStudyDatabase(url: string, study: StudyDefinition): Promise<Database> {
  const database = await openDatabase({ url });
  await database.migrate();
  await syncStudy(database.db, study);
  return database;
}

export async function createBenchDatabase(serverUrl: string = process.env['DATABASE_URL'] ?? DEFAULT_SERVER_URL): Promise<BenchDatabase> {
  const name = `pp_bench_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`create database ${name}`));
  const url = databaseUrl(serverUrl, name);
  const study = loadStudy(DEFAULT_STUDY_DIR);
  const database = await openStudyDatabase(url, study);
  return {
    name,
    url,
    database,
    study,
    drop: async () => {
      await database.close();
      await admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
