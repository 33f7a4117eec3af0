// Benchmark of the fieldwork monitor (issue 16: "the monitor's time on the demo wave and on a million
// responses on PostgreSQL, aim under 200 ms and under 5 s"). Two parts:
// 1. The demo wave (5,173 respondents) on embedded PGlite, as the serving process sees it: the monitor page
//    (/onderzoek/monitor over app.request, rendering included) cold, warm, and while answers arrive (each
//    round stores 10 new completed responses, then asks for the page; the dataset cache brings itself up to
//    date); the monitor's computation alone on the cached dataset; and that the count followed every round.
// 2. A wave of N respondents (default 1,000,000: the demo wave replicated with new ids through the demo's
//    bulk insert, million-db.ts) on the local PostgreSQL (DATABASE_URL's server): a throwaway database, or with
//    --reuse the kept one report-million.ts uses too (the responses this part adds are deleted after): the
//    monitor as `perspectief monitor` computes it (load the wave's dataset of only the monitor's variables,
//    compute), apart, with memory; then warm, and after new answers arrive.
// The anchor in the same run, on the same database: the same counts (per questionnaire and permit by
// gender, route and age band, per day, channel and language) as one SQL statement the database answers
// alone: what counting beside the engine would cost, not used by the product.
// Run alone: node --expose-gc --import tsx bench/monitor.ts [--rows 1000000] [--rounds 20] [--no-pg] [--quick] [--reuse]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { DatasetCache } from '../src/analysis/cache.ts';
import { loadWaveDataset } from '../src/analysis/load.ts';
import { findWave } from '../src/analysis/waves.ts';
import { generateWave } from '../src/demo/generate.ts';
import { DEFAULT_SEED, loadDemo, toBulkRows } from '../src/demo/index.ts';
import { WAVE_2024, waveSeed } from '../src/demo/waves.ts';
import { monitorFromStore, monitorVariables } from '../src/fieldwork/monitor.ts';
import { createCatalog } from '../src/i18n/catalog.ts';
import { insertResponsesBulk, type BulkResponse } from '../src/storage/bulk.ts';
import { openDatabase, type Db } from '../src/storage/db.ts';
import { syncStudy } from '../src/storage/studies.ts';
import { hashSecret, newSecret } from '../src/storage/tokens.ts';
import { createSession, createUser } from '../src/storage/users.ts';
import { DEFAULT_STUDY_DIR, loadStudy } from '../src/study/load.ts';
import { createApp } from '../src/web/app.ts';
import { openMillionDatabase, uuidOf } from './million-db.ts';

export interface MonitorBenchOptions {
  /** Respondents in the PostgreSQL part (default 1,000,000; --quick: 20,000). */
  readonly rows?: number;
  /** Rounds of the warm and arriving-answers measurements (default 20). */
  readonly rounds?: number;
  /** Run the PostgreSQL part (default true). */
  readonly pg?: boolean;
  readonly quick?: boolean;
  /** Use (and keep) the million benches' database pp_bench_million_N (million-db.ts). */
  readonly reuse?: boolean;
  readonly log?: (line: string) => void;
}

const now = (): number => performance.now();
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const p95 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const load1 = (): string => (loadavg()[0] as number).toFixed(2);

/** The monitor's counts as one SQL statement (the anchor); returns its rows. */
async function sqlAnchor(db: Db, waveId: string): Promise<number> {
  const result = (await db.execute<Record<string, unknown>>(sql`
    with r as (
      select r.id, r.questionnaire_id as q, r.status, r.channel, r.language,
             (r.started_at at time zone 'Europe/Amsterdam')::date as sday,
             (r.completed_at at time zone 'Europe/Amsterdam')::date as cday,
             max(case when a.item_id = 'Q2.01' then a.value #>> '{}' end) as gender,
             max(case when a.item_id = 'Q2.09' then a.value #>> '{}' end) as route,
             max(case when a.item_id = 'Q2.12' then a.value #>> '{}' end) as permit,
             max(case when a.item_id = 'Q2.02' then width_bucket((a.value #>> '{}')::numeric, array[18, 22, 31, 46, 77]) end) as age
      from responses r
      left join answers a on a.response_id = r.id and a.item_id in ('Q2.01', 'Q2.09', 'Q2.12', 'Q2.02')
      where r.wave_id = ${waveId}
      group by r.id)
    select q, permit, gender, route, age, status, sday, cday, channel, language, count(*)::int as n
    from r
    group by grouping sets ((q, permit, status), (q, permit, gender, status), (q, permit, route, status), (q, permit, age, status),
                            (sday, channel), (cday, channel, status), (sday, language), (cday, language, status))`)) as {
    rows: Record<string, unknown>[];
  };
  return result.rows.length;
}

/**
 * `count` completed responses copied from the demo generator's rows with new ids: arriving now, or (`keepTimes`)
 * started and completed when the generator says, as a replica of the wave.
 */
function arrivals(template: readonly BulkResponse[], from: number, count: number, tag: string, keepTimes = false): BulkResponse[] {
  const at = new Date();
  return Array.from({ length: count }, (_, k) => {
    const row = template[(from + k) % template.length] as BulkResponse;
    const times = keepTimes ? {} : { startedAt: at, completedAt: at, status: 'completed' as const };
    return { ...row, id: uuidOf(`${tag}:${from + k}`), accessHash: hashSecret(newSecret()), ...times };
  });
}

/**
 * Dates every stored response's last change two hours back, as for answers that arrived before the run: the
 * cache re-reads the responses changed in the last minute (analysis/cache.ts, OVERLAP_MS), and a bulk load
 * made seconds earlier would otherwise be re-read whole on every refresh, which fieldwork never sees.
 */
async function settle(db: Db): Promise<void> {
  await db.execute(sql`update responses set updated_at = updated_at - interval '2 hours'`);
}

async function timedMany<T>(rounds: number, run: (round: number) => Promise<T>): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let round = 0; round < rounds; round++) {
    const start = now();
    last = await run(round);
    times.push(now() - start);
  }
  return { times, last };
}

interface Figures {
  readonly cold: number;
  readonly warm: readonly number[];
  readonly arriving: readonly number[];
  readonly compute: readonly number[];
  readonly anchor: readonly number[];
  /** The monitor counted every arrival: completed at the end = completed at the start + arrivals. */
  readonly followed: boolean;
  readonly completed: number;
}

/** Part 1: the demo wave on embedded PGlite, through the web app (page) and a dataset cache (computation). */
async function demoPart(rounds: number): Promise<Figures> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await database.migrate();
    const study = loadStudy(DEFAULT_STUDY_DIR);
    await syncStudy(database.db, study);
    const db = database.db;
    await loadDemo(db, study, { stderr: () => {} });
    await settle(db);
    const wave = findWave(study, '2024');
    const template = toBulkRows(generateWave(study, wave, waveSeed(DEFAULT_SEED + 1, WAVE_2024), WAVE_2024), DEFAULT_SEED + 1);
    const user = await createUser(db, { username: 'bench', passwordHash: 'x', role: 'researcher' });
    const { secret } = await createSession(db, user.id, 8 * 3600_000);
    const app = createApp({ db, study, catalog: createCatalog(), contactEmail: 'bench@example.org', secureCookies: false });
    const page = async (): Promise<string> => {
      const res = await app.request('/onderzoek/monitor?meting=2024', { headers: { cookie: `pp_session=${secret}` } });
      if (res.status !== 200) throw new Error(`monitor page: HTTP ${res.status}`);
      return res.text();
    };
    const cold = await timedMany(1, page);
    const warm = await timedMany(rounds, page);
    const cache = new DatasetCache(db, study);
    const data = await cache.get(wave, 'all');
    const compute = await timedMany(rounds, () => monitorFromStore(db, study, wave, data));
    const base = compute.last.completed;
    // While answers arrive: each round stores 10 completed responses, then the page is asked for (timed).
    const arriving: number[] = [];
    let arrived = 0;
    for (let round = 0; round < rounds; round++) {
      await insertResponsesBulk(db, arrivals(template, arrived, 10, 'demo'));
      arrived += 10;
      const start = now();
      await page();
      arriving.push(now() - start);
    }
    const final = await monitorFromStore(db, study, wave, await cache.get(wave, 'all'));
    const anchor = await timedMany(rounds, () => sqlAnchor(db, wave.id));
    return {
      cold: cold.times[0] as number,
      warm: warm.times,
      arriving,
      compute: compute.times,
      anchor: anchor.times,
      followed: final.completed === base + arrived,
      completed: final.completed,
    };
  } finally {
    await database.close();
  }
}

interface ScaleFigures extends Omit<Figures, 'warm'> {
  readonly rows: number;
  readonly answers: number;
  readonly insertSeconds: number;
  readonly load: number;
  readonly rssMB: number;
  readonly heapMB: number;
}

/** Part 2: a wave of `rows` respondents on PostgreSQL: the monitor as the CLI computes it, then warm and while answers arrive. */
async function scalePart(rows: number, rounds: number, reuse: boolean, log: (line: string) => void): Promise<ScaleFigures> {
  const bench = await openMillionDatabase({ rows, reuse, log: (line) => log(`${line}\n`) });
  const added: string[] = [];
  try {
    const { study, wave, fill } = bench;
    const db = bench.database.db;
    const template = toBulkRows(generateWave(study, wave, waveSeed(DEFAULT_SEED, WAVE_2024), WAVE_2024), DEFAULT_SEED);
    globalThis.gc?.();
    // As `perspectief monitor` does it: load the wave's dataset of the monitor's variables (every response), compute.
    const loadStart = now();
    const { data } = await loadWaveDataset(db, study, wave, 'all', monitorVariables(study, wave));
    const load = now() - loadStart;
    const coldCompute = await timedMany(1, () => monitorFromStore(db, study, wave, data));
    const memory = process.memoryUsage();
    const compute = await timedMany(Math.min(rounds, 5), () => monitorFromStore(db, study, wave, data));
    // The serving process: a cached dataset brought up to date after 10 new answers, then the monitor.
    const cache = new DatasetCache(db, study);
    const variables = monitorVariables(study, wave);
    const base = (await monitorFromStore(db, study, wave, await cache.get(wave, 'all', variables))).completed;
    const arriving: number[] = [];
    const arrivalRounds = Math.min(rounds, 5);
    for (let round = 0; round < arrivalRounds; round++) {
      const batch = arrivals(template, rows + round * 10, 10, 'scale');
      await insertResponsesBulk(db, batch);
      added.push(...batch.map((r) => r.id));
      const start = now();
      await monitorFromStore(db, study, wave, await cache.get(wave, 'all', variables));
      arriving.push(now() - start);
    }
    const final = await monitorFromStore(db, study, wave, await cache.get(wave, 'all', variables));
    const anchor = await timedMany(Math.min(rounds, 3), () => sqlAnchor(db, wave.id));
    return {
      rows,
      answers: fill.answers,
      insertSeconds: fill.insertSeconds,
      load,
      cold: load + (coldCompute.times[0] as number),
      compute: compute.times,
      arriving,
      anchor: anchor.times,
      followed: final.completed === base + arrivalRounds * 10,
      completed: final.completed,
      rssMB: memory.rss / 2 ** 20,
      heapMB: memory.heapUsed / 2 ** 20,
    };
  } finally {
    // A reused database goes back to what its marker says it holds.
    if (added.length > 0) await bench.database.db.execute(sql`delete from responses where id = any(${`{${added.join(',')}}`}::uuid[])`);
    await bench.close();
  }
}

export interface MonitorBenchResult {
  readonly demo: Figures;
  readonly scale: ScaleFigures | null;
}

/** The monitor benchmark (for bench/run.ts): prints its figures and returns them. */
export async function runMonitorBench(options: MonitorBenchOptions = {}): Promise<MonitorBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(line));
  const rounds = options.rounds ?? (options.quick ? 5 : 20);
  const rows = options.rows ?? (options.quick ? 20_000 : 1_000_000);
  log(`\n== Fieldwork monitor (issue 16) == load average ${load1()}\n`);
  const demo = await demoPart(rounds);
  const line = (label: string, xs: readonly number[]) => log(`  ${label.padEnd(58)} median ${ms(median(xs))}, p95 ${ms(p95(xs))}\n`);
  log(`Demo wave (5,173 respondents, embedded PGlite), ${rounds} rounds; aim: page under 200 ms\n`);
  log(`  ${'monitor page, cold (dataset loaded, then computed and rendered)'.padEnd(58)} ${ms(demo.cold)}\n`);
  line('monitor page, warm (nothing new)', demo.warm);
  line('monitor page while answers arrive (10 new before each)', demo.arriving);
  line('monitor computation alone (cached dataset)', demo.compute);
  line('anchor: the same counts as one SQL statement', demo.anchor);
  log(`  the monitor counted every arrival: ${demo.followed ? 'yes' : 'NO'} (${demo.completed} completed)\n`);
  log(`  page while answers arrive / SQL anchor: ${(median(demo.arriving) / median(demo.anchor)).toFixed(2)}x; load average ${load1()}\n`);
  let scale: ScaleFigures | null = null;
  if (options.pg !== false) {
    log(`A wave of ${rows.toLocaleString('en')} respondents on PostgreSQL; aim: under 5 s\n`);
    scale = await scalePart(rows, rounds, options.reuse ?? false, log);
    log(
      `  stored ${scale.rows.toLocaleString('en')} respondents (~${scale.answers.toLocaleString('en')} answers) in ${scale.insertSeconds.toFixed(0)} s\n`,
    );
    log(`  ${'as `perspectief monitor`: load the dataset'.padEnd(58)} ${ms(scale.load)}\n`);
    log(`  ${'  ... then compute (total)'.padEnd(58)} ${ms(scale.cold)}\n`);
    line('computation alone (cached dataset)', scale.compute);
    line('cache brought up to date after 10 new answers, computed', scale.arriving);
    line('anchor: the same counts as one SQL statement', scale.anchor);
    log(`  memory after the load: RSS ${scale.rssMB.toFixed(0)} MB, heap ${scale.heapMB.toFixed(0)} MB\n`);
    if (scale.rows < 1_000_000)
      log(
        `  extrapolated linearly to 1,000,000 respondents (not measured): load + compute ${((scale.cold * 1_000_000) / scale.rows / 1000).toFixed(1)} s\n`,
      );
    log(`  the monitor counted every arrival: ${scale.followed ? 'yes' : 'NO'}; load average ${load1()}\n`);
  }
  return { demo, scale };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      rounds: { type: 'string' },
      'no-pg': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
    },
    strict: true,
  });
  await runMonitorBench({
    quick: values.quick,
    reuse: values.reuse,
    pg: !values['no-pg'],
    ...(values.rows ? { rows: Number(values.rows) } : {}),
    ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
  });
}
