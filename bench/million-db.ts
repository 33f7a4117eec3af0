// The database of the million-respondent benches (report-million.ts, monitor.ts): the demo generator's 2024 wave
// (5,173 respondents, seed 2024) replicated with new ids through the demo's bulk insert (storage/bulk.ts) to N
// respondents on DATABASE_URL's server (default the local PostgreSQL 15), then VACUUM ANALYZE. Filling a
// million takes minutes, so with `reuse` the database is named after its size (pp_bench_million_N), kept after
// the run, and used again by the next run when its marker table (bench_fill: rows, seed and a fingerprint of
// the generated wave and the replication) says it holds exactly what this run would insert; a fill cut short
// leaves no marker, so it is never reused. Without `reuse` a throwaway database.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { findWave } from '../src/analysis/waves.ts';
import { generateWave } from '../src/demo/generate.ts';
import { DEFAULT_SEED, toBulkRow } from '../src/demo/index.ts';
import { WAVE_2024, waveSeed } from '../src/demo/waves.ts';
import { insertResponsesBulk, type BulkResponse } from '../src/storage/bulk.ts';
import type { Database } from '../src/storage/db.ts';
import { DEFAULT_STUDY_DIR, loadStudy, type StudyDefinition, type WaveDefinition } from '../src/study/load.ts';
import { load1, since } from './report-common.ts';
import { admin, createBenchDatabase, databaseUrl, DEFAULT_SERVER_URL, openStudyDatabase } from './respondent-db.ts';

export interface MillionDatabaseOptions {
  readonly rows: number;
  /** Use (and keep) pp_bench_million_N when it holds what this run would insert; fill it otherwise. */
  readonly reuse?: boolean;
  readonly log?: (line: string) => void;
}

export interface MillionFill {
  readonly rows: number;
  readonly answers: number;
  readonly generateSeconds: number;
  /** The bulk insert, measured by this run, or by the run that filled a reused database (then `reused`). */
  readonly insertSeconds: number;
  readonly analyzeSeconds: number;
  readonly databaseMB: number;
  /** Load average while inserting (of the filling run). */
  readonly insertLoad: number;
  /** When the reused database was filled (ISO); null: filled by this run. */
  readonly reusedFrom: string | null;
}

export interface MillionDatabase {
  readonly name: string;
  readonly url: string;
  readonly database: Database;
  readonly study: StudyDefinition;
  readonly wave: WaveDefinition;
  readonly fill: MillionFill;
  /** Closes the pool; drops the database unless it is the reusable one or `keep`. */
  close(keep?: boolean): Promise<void>;
}

/** Bumped when the replication below changes, so an older fill is not mistaken for this one. */
const FILL_VERSION = 1;

/** A version-4-shaped UUID from a name, so replica ids are new, distinct and the same in every run. */
export function uuidOf(name: string): string {
  const h = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** What a fill of these generated respondents stores, as a hash: equal hashes, equal databases. */
export function fillFingerprint(demo: ReturnType<typeof generateWave>): string {
  return createHash('sha256')
    .update(JSON.stringify([FILL_VERSION, demo.map((r) => ({ ...r, answers: [...r.answers] }))]))
    .digest('hex');
}

interface Marker {
  readonly rows: number;
  readonly seed: number;
  readonly fingerprint: string;
  readonly answers: number;
  readonly generate_seconds: number;
  readonly insert_seconds: number;
  readonly analyze_seconds: number;
  readonly insert_load: number;
  readonly filled_at: Date;
}

async function readMarker(url: string): Promise<Marker | null> {
  try {
    return await admin(url, async (c) => {
      const exists = await c.query<{ t: string | null }>(`select to_regclass('bench_fill')::text as t`);
      if (exists.rows[0]?.t == null) return null;
      const { rows } = await c.query<Marker>(`select * from bench_fill limit 1`);
      return rows[0] ?? null;
    });
  } catch {
    return null;
  }
}

/** The database of `rows` respondents: reused when it already holds them, otherwise filled (and timed). */
export async function openMillionDatabase(opts: MillionDatabaseOptions): Promise<MillionDatabase> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const serverUrl = process.env['DATABASE_URL'] ?? DEFAULT_SERVER_URL;
  const study = loadStudy(DEFAULT_STUDY_DIR);
  const wave = findWave(study, '2024');
  let start = process.hrtime.bigint();
  const demo = generateWave(study, wave, waveSeed(DEFAULT_SEED, WAVE_2024), WAVE_2024);
  const generateSeconds = since(start);
  const fingerprint = fillFingerprint(demo);

  let name: string;
  let url: string;
  let database: Database;
  let drop: () => Promise<void>;
  const opened = (fill: MillionFill, close: (keep?: boolean) => Promise<void>): MillionDatabase => ({
    name,
    url,
    database,
    study,
    wave,
    fill,
    close,
  });
  if (opts.reuse) {
    name = `pp_bench_million_${opts.rows}`;
    url = databaseUrl(serverUrl, name);
    const marker = await readMarker(url);
    if (marker && marker.rows === opts.rows && marker.seed === DEFAULT_SEED && marker.fingerprint === fingerprint) {
      database = await openStudyDatabase(url, study);
      log(`  reusing ${name}, filled ${marker.filled_at.toISOString()} (insert then ${marker.insert_seconds.toFixed(0)} s)`);
      const fill: MillionFill = {
        rows: marker.rows,
        answers: Number(marker.answers),
        generateSeconds,
        insertSeconds: marker.insert_seconds,
        analyzeSeconds: marker.analyze_seconds,
        databaseMB: await databaseMB(database),
        insertLoad: marker.insert_load,
        reusedFrom: marker.filled_at.toISOString(),
      };
      return opened(fill, () => database.close());
    }
    log(`  ${name}: ${marker ? 'holds another fill (generator, study or size changed)' : 'absent or not completely filled'}; filling it`);
    await admin(serverUrl, async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    database = await openStudyDatabase(url, study);
    drop = () => database.close();
  } else {
    const bench = await createBenchDatabase(serverUrl);
    ({ name, url, database } = bench);
    drop = () => bench.drop();
  }

  start = process.hrtime.bigint();
  let answers = 0;
  let next = 10;
  let loadSum = 0;
  let loadCount = 0;
  for (let done = 0, replica = 0; done < opts.rows; replica++) {
    const take = Math.min(demo.length, opts.rows - done);
    const batch: BulkResponse[] = demo.slice(0, take).map((r, i) => {
      const id = uuidOf(`million:${replica}:${i}`);
      answers += r.answers.size;
      return toBulkRow(r, id, createHash('sha256').update(`bench:${id}`).digest('hex'));
    });
    await insertResponsesBulk(database.db, batch, { batchSize: 2000 });
    done += take;
    loadSum += load1();
    loadCount++;
    if ((done / opts.rows) * 100 >= next) {
      log(`  ${done.toLocaleString('en')} respondents stored, ${since(start).toFixed(0)} s (load average ${load1().toFixed(1)})`);
      next += 10;
    }
  }
  const insertSeconds = since(start);
  const insertLoad = loadSum / Math.max(1, loadCount);
  start = process.hrtime.bigint();
  await database.db.execute(sql`vacuum (analyze) responses`);
  await database.db.execute(sql`vacuum (analyze) answers`);
  const analyzeSeconds = since(start);
  const fill: MillionFill = {
    rows: opts.rows,
    answers,
    generateSeconds,
    insertSeconds,
    analyzeSeconds,
    databaseMB: await databaseMB(database),
    insertLoad,
    reusedFrom: null,
  };
  log(
    `  stored in ${insertSeconds.toFixed(1)} s + vacuum analyze ${analyzeSeconds.toFixed(1)} s; database ${fill.databaseMB.toFixed(0)} MB`,
  );
  if (opts.reuse) {
    // Written last: only a complete fill is ever reused.
    await database.db.execute(sql`create table bench_fill (rows integer, seed integer, fingerprint text, answers bigint,
      generate_seconds float8, insert_seconds float8, analyze_seconds float8, insert_load float8, filled_at timestamptz)`);
    await database.db.execute(sql`insert into bench_fill values (${opts.rows}, ${DEFAULT_SEED}, ${fingerprint}, ${answers},
      ${generateSeconds}, ${insertSeconds}, ${analyzeSeconds}, ${insertLoad}, now())`);
  }
  return opened(fill, (keep = false) => (opts.reuse || keep ? database.close() : drop()));
}

async function databaseMB(database: Database): Promise<number> {
  const size = await database.db.execute<{ bytes: number }>(sql`select pg_database_size(current_database())::float8 as bytes`);
  return Number((size as { rows: { bytes: number }[] }).rows[0]?.bytes) / 2 ** 20;
}
