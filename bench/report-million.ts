// A wave of a million synthetic respondents on PostgreSQL (issue 12, item 6): the demo wave (5,173 respondents
// from the demo generator) replicated with new ids through the bulk insert the demo uses
// (storage/bulk.ts), into a throwaway database on DATABASE_URL's server (default the local PostgreSQL),
// dropped at the end. Measured: the load into PostgreSQL; in a fresh process (report-million-probe.ts) the
// wave's dataset load and every table of the report, apart, with peak memory; the CLI's `report tables
// --json` once; and R on the same rows exported by `perspectief export --format csv`, with every number
// compared. The size is PERSPECTIEF_BENCH_ROWS (default 1,000,000); below a million the figures are also
// extrapolated linearly to a million, and labelled so.
// Run alone: node --import tsx bench/report-million.ts [--rows 1000000] [--no-r] [--no-cli] [--keep]
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findWave } from '../src/analysis/waves.ts';
import { generateWave } from '../src/demo/generate.ts';
import { DEFAULT_SEED } from '../src/demo/index.ts';
import { WAVE_2024, waveSeed } from '../src/demo/waves.ts';
import { codebookJsonSchema } from '../src/report/codebook-json.ts';
import { insertResponsesBulk, type BulkResponse } from '../src/storage/bulk.ts';
import { sql } from 'drizzle-orm';
import { compareCells, type CellComparison, type Cells } from './report-cells.ts';
import { BIN, cli, cliEnv, load1, printTable, rAvailable, ratio, runR, s3, timed, type RRun } from './report-common.ts';
import { reportRScript } from './report-r-script.ts';
import { createBenchDatabase } from './respondent-db.ts';

export interface MillionOptions {
  /** Respondents (default PERSPECTIEF_BENCH_ROWS or 1,000,000). */
  readonly rows?: number;
  /** Run R on the exported CSV (default: when Rscript is installed). */
  readonly r?: boolean;
  /** Time the CLI's `report tables --json` once (default true). */
  readonly cli?: boolean;
  /** Keep the database and the temporary directory (and print their names). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface ProbeFigures {
  readonly rows: number;
  readonly tables: number;
  readonly loadSeconds: number;
  readonly loadCpuSeconds: number;
  readonly computeSeconds: number;
  readonly computeCpuSeconds: number;
  readonly computeAgainSeconds: number;
  readonly peakRssMB: number;
  readonly rssAfterLoadPeakMB: number;
  readonly heapAfterLoadMB: number;
  readonly arrayBuffersAfterLoadMB: number;
  readonly heapMB: number;
  readonly arrayBuffersMB: number;
}

export interface MillionResult {
  readonly rows: number;
  readonly answers: number;
  readonly generateSeconds: number;
  /** Bulk insert of every response and answer (one transaction per replica of the demo wave). */
  readonly insertSeconds: number;
  /** VACUUM ANALYZE of responses and answers after the load, as after any bulk load. */
  readonly analyzeSeconds: number;
  readonly databaseMB: number;
  readonly probe: ProbeFigures;
  readonly cliSeconds?: number;
  readonly cliCpuSeconds?: number;
  readonly exportSeconds?: number;
  /** What happened to the export at Node's default heap when it failed (then it ran with EXPORT_HEAP_MB). */
  readonly exportFailure?: string;
  readonly csvMB?: number;
  readonly r?: RRun;
  readonly agreement?: CellComparison;
  /** Linear extrapolation to 1,000,000 rows when fewer were measured. */
  readonly extrapolatedTo1M?: { readonly loadPlusCompute: number; readonly rCompute?: number; readonly insert: number };
  readonly loads: { readonly start: number; readonly insert: number; readonly probe: number; readonly r?: number; readonly end: number };
}

/** Heap for the export's second try when the default heap is too small (a bench-only setting, reported). */
const EXPORT_HEAP_MB = 12_288;

const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** A version-4-shaped UUID from a name, so replica ids are new, distinct and the same in every run. */
function uuidOf(name: string): string {
  const h = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export async function runMillionBench(opts: MillionOptions = {}): Promise<MillionResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const rows = opts.rows ?? Number(process.env['PERSPECTIEF_BENCH_ROWS'] ?? 1_000_000);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`PERSPECTIEF_BENCH_ROWS must be a whole number of respondents, not "${rows}"`);
  const withR = (opts.r ?? true) && rAvailable();
  const loadStart = load1();
  const bench = await createBenchDatabase();
  const tmp = mkdtempSync(join(tmpdir(), 'pp-million-'));
  log(`million bench: ${rows.toLocaleString('en')} respondents into ${bench.name} (load average ${loadStart.toFixed(1)})`);
  try {
    const { study, database } = bench;
    const wave = findWave(study, '2024');
    let start = process.hrtime.bigint();
    const demo = generateWave(study, wave, waveSeed(DEFAULT_SEED, WAVE_2024), WAVE_2024);
    const generateSeconds = since(start);

    start = process.hrtime.bigint();
    let answers = 0;
    let next = 10;
    for (let done = 0, replica = 0; done < rows; replica++) {
      const take = Math.min(demo.length, rows - done);
      const batch: BulkResponse[] = demo.slice(0, take).map((r, i) => {
        const id = uuidOf(`million:${replica}:${i}`);
        answers += r.answers.size;
        return {
          id,
          accessHash: createHash('sha256').update(`bench:${id}`).digest('hex'),
          questionnaireId: r.questionnaireId,
          questionnaireVersion: r.questionnaireVersion,
          waveId: r.waveId,
          language: r.language,
          channel: r.channel,
          status: 'completed',
          startedAt: r.startedAt,
          completedAt: r.completedAt,
          answers: r.answers,
        };
      });
      await insertResponsesBulk(database.db, batch, { batchSize: 2000 });
      done += take;
      if ((done / rows) * 100 >= next) {
        log(`  ${done.toLocaleString('en')} respondents stored, ${since(start).toFixed(0)} s (load average ${load1().toFixed(1)})`);
        next += 10;
      }
    }
    const insertSeconds = since(start);
    const loadInsert = load1();
    start = process.hrtime.bigint();
    await database.db.execute(sql`vacuum (analyze) responses`);
    await database.db.execute(sql`vacuum (analyze) answers`);
    const analyzeSeconds = since(start);
    const size = await database.db.execute<{ bytes: number }>(sql`select pg_database_size(current_database())::float8 as bytes`);
    const databaseMB = Number((size as { rows: { bytes: number }[] }).rows[0]?.bytes) / 2 ** 20;
    log(`  stored in ${insertSeconds.toFixed(1)} s + vacuum analyze ${analyzeSeconds.toFixed(1)} s; database ${databaseMB.toFixed(0)} MB`);

    const env = cliEnv({ url: bench.url });
    const cellsFile = join(tmp, 'cells.json');
    const probeFile = new URL('./report-million-probe.ts', import.meta.url).pathname;
    const loadProbe = load1();
    const probeRun = timed(process.execPath, ['--import', 'tsx', probeFile, wave.key, cellsFile], { env });
    if (probeRun.status !== 0) throw new Error(`the probe failed:\n${probeRun.stderr.slice(-3000)}`);
    const probe = JSON.parse(probeRun.stdout.trim().split('\n').pop() as string) as ProbeFigures;
    log(
      `  probe: dataset load ${probe.loadSeconds.toFixed(2)} s, all tables ${probe.computeSeconds.toFixed(2)} s (again ${probe.computeAgainSeconds.toFixed(2)} s), peak RSS ${probe.peakRssMB.toFixed(0)} MB`,
    );

    let cliRun: ReturnType<typeof cli> | undefined;
    if (opts.cli ?? true) {
      cliRun = cli(['report', 'tables', '--json'], env);
      log(
        `  report tables --json (CLI): ${cliRun.seconds.toFixed(1)} s wall, ${cliRun.cpuSeconds.toFixed(1)} s CPU (load average ${cliRun.load.toFixed(1)})`,
      );
    }

    let exported: ReturnType<typeof cli> | undefined;
    let exportFailure: string | undefined;
    let r: RRun | undefined;
    let agreement: CellComparison | undefined;
    let csvMB: number | undefined;
    let loadR: number | undefined;
    if (withR) {
      const csv = join(tmp, 'million.csv');
      const exportArgs = ['export', '--format', 'csv', '--wave', wave.key, '--missing-codes', '--raw', '--out', csv];
      const first = timed(process.execPath, [BIN, ...exportArgs], { env });
      if (first.status === 0) exported = first;
      else {
        // At a million rows the export may not fit Node's default heap; say so, and export with a larger one.
        exportFailure = `failed with Node's default heap after ${first.seconds.toFixed(0)} s (${/heap out of memory/.test(first.stderr) ? 'JavaScript heap out of memory' : `status ${first.status}`})`;
        log(`  export --format csv ${exportFailure}; again with --max-old-space-size=${EXPORT_HEAP_MB}`);
        exported = timed(process.execPath, [`--max-old-space-size=${EXPORT_HEAP_MB}`, BIN, ...exportArgs], { env });
        if (exported.status !== 0) throw new Error(`export failed also with a larger heap:\n${exported.stderr.slice(-2000)}`);
      }
      log(`  export --format csv: ${exported.seconds.toFixed(1)} s`);
      csvMB = readFileSync(csv).length / 2 ** 20;
      const codebook = codebookJsonSchema.parse(JSON.parse(readFileSync(join(tmp, 'million.codebook.json'), 'utf8')));
      const script = join(tmp, 'workload.R');
      writeFileSync(script, reportRScript(study, wave, codebook));
      loadR = load1();
      r = runR(script, csv);
      const ours: Cells = new Map(JSON.parse(readFileSync(cellsFile, 'utf8')) as [string, number | null][]);
      agreement = compareCells(ours, r.cells);
      rmSync(csv, { force: true });
    }
    const scale = 1_000_000 / rows;
    const result: MillionResult = {
      rows,
      answers,
      generateSeconds,
      insertSeconds,
      analyzeSeconds,
      databaseMB,
      probe,
      ...(cliRun ? { cliSeconds: cliRun.seconds, cliCpuSeconds: cliRun.cpuSeconds } : {}),
      ...(exported ? { exportSeconds: exported.seconds } : {}),
      ...(exportFailure !== undefined ? { exportFailure } : {}),
      ...(csvMB !== undefined ? { csvMB } : {}),
      ...(r ? { r } : {}),
      ...(agreement ? { agreement } : {}),
      ...(rows < 1_000_000
        ? {
            extrapolatedTo1M: {
              loadPlusCompute: (probe.loadSeconds + probe.computeSeconds) * scale,
              insert: insertSeconds * scale,
              ...(r ? { rCompute: r.computeSeconds * scale } : {}),
            },
          }
        : {}),
      loads: { start: loadStart, insert: loadInsert, probe: loadProbe, ...(loadR !== undefined ? { r: loadR } : {}), end: load1() },
    };
    printMillion(result, log);
    if (opts.keep) log(`  kept: database ${bench.name} (${bench.url}), directory ${tmp}`);
    return result;
  } finally {
    if (!opts.keep) {
      await bench.drop();
      rmSync(tmp, { recursive: true, force: true });
    } else await bench.database.close();
  }
}

function printMillion(x: MillionResult, log: (line: string) => void): void {
  const p = x.probe;
  const total = p.loadSeconds + p.computeSeconds;
  const r = x.r;
  log(
    `million bench: ${x.rows.toLocaleString('en')} respondents, ${x.answers.toLocaleString('en')} answers, ${p.tables} tables; load average ${x.loads.start.toFixed(1)} at the start, ${x.loads.end.toFixed(1)} at the end`,
  );
  const rows: string[][] = [
    ['demo wave generated (5,173, not part of the load)', s3(x.generateSeconds), '', '', '', ''],
    [
      'bulk insert into PostgreSQL (storage/bulk.ts)',
      `${s3(x.insertSeconds)} (${Math.round(x.rows / x.insertSeconds).toLocaleString('en')}/s)`,
      '',
      '',
      '',
      x.loads.insert.toFixed(1),
    ],
    ['vacuum analyze after the load', s3(x.analyzeSeconds), '', '', '', ''],
    ['database size (MB)', x.databaseMB.toFixed(0), '', '', '', ''],
    ['dataset load from PostgreSQL (wall / CPU)', `${s3(p.loadSeconds)} / ${s3(p.loadCpuSeconds)}`, '', '', '', x.loads.probe.toFixed(1)],
    [
      'all tables, computeReport (wall / CPU; again)',
      `${s3(p.computeSeconds)} / ${s3(p.computeCpuSeconds)}; ${s3(p.computeAgainSeconds)}`,
      r ? `${s3(r.computeSeconds)} / ${s3(r.computeCpuSeconds)}` : '-',
      r ? `${ratio(r.computeSeconds, p.computeSeconds)} faster` : '-',
      '',
      '',
    ],
    [
      'dataset load + all tables',
      s3(total),
      r ? s3(r.computeSeconds) : '42.8 (issue)',
      `${ratio(r ? r.computeSeconds : 42.8, total)} faster`,
      '>= 5x R, < 8.5 s',
      '',
    ],
    [
      'peak RSS / heap after load / typed arrays after load (MB)',
      `${p.peakRssMB.toFixed(0)} / ${p.heapAfterLoadMB.toFixed(0)} / ${p.arrayBuffersAfterLoadMB.toFixed(0)}`,
      '',
      '',
      '',
      '',
    ],
  ];
  if (x.cliSeconds !== undefined)
    rows.push([
      'report tables --json (CLI, wall / CPU)',
      `${s3(x.cliSeconds)} / ${s3(x.cliCpuSeconds ?? NaN)}`,
      r ? s3(r.wallSeconds) : '',
      r ? ratio(x.cliSeconds, r.wallSeconds) : '',
      '',
      '',
    ]);
  if (x.exportSeconds !== undefined)
    rows.push([`export --format csv (${(x.csvMB ?? 0).toFixed(0)} MB)`, s3(x.exportSeconds), '', '', '', '']);
  if (r)
    rows.push([
      'R: read the CSV / Rscript wall',
      '',
      `${s3(r.readSeconds)} (${r.reader}) / ${s3(r.wallSeconds)}`,
      '',
      '',
      (x.loads.r ?? NaN).toFixed(1),
    ]);
  printTable(log, ['figure (seconds)', 'Perspectief', 'R', 'ratio', 'aim', 'load'], rows);
  if (x.agreement) {
    const a = x.agreement;
    log(`  R agrees: ${a.agree} of ${a.compared} numbers (largest relative difference ${a.maxRelative.toExponential(1)})`);
    for (const d of a.disagreements.slice(0, 10)) log(`  DISAGREE ${d.key}: ours ${d.ours}, R ${d.r}`);
  }
  if (x.exportFailure) log(`  export --format csv ${x.exportFailure}: the CSV for R was written with a ${EXPORT_HEAP_MB} MB heap`);
  if (x.extrapolatedTo1M) {
    const e = x.extrapolatedTo1M;
    log(
      `  EXTRAPOLATED linearly from ${x.rows.toLocaleString('en')} to 1,000,000 rows (not measured): dataset load + all tables ${e.loadPlusCompute.toFixed(1)} s` +
        (e.rCompute !== undefined ? `, R compute ${e.rCompute.toFixed(1)} s` : '') +
        `, bulk insert ${e.insert.toFixed(0)} s`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { rows: { type: 'string' }, 'no-r': { type: 'boolean' }, 'no-cli': { type: 'boolean' }, keep: { type: 'boolean' } },
  });
  await runMillionBench({
    ...(values.rows !== undefined ? { rows: Number(values.rows) } : {}),
    r: values['no-r'] !== true,
    cli: values['no-cli'] !== true,
    keep: values.keep === true,
  });
}
