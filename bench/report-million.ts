// A wave of a million synthetic respondents on PostgreSQL (issue 12, item 6; issue 16's monitor): the demo wave
// (5,173 respondents from the demo generator) replicated with new ids through the bulk insert the demo uses
// (storage/bulk.ts), on DATABASE_URL's server (default the local PostgreSQL): a throwaway database dropped at
// the end, or with --reuse the kept pp_bench_million_N, filled once and used again while it holds what this
// run would insert (million-db.ts). Measured: the load into PostgreSQL (by the run that filled it); in a fresh
// process (report-million-probe.ts) the wave's dataset load and every table of the report, apart, with peak
// memory; in another (monitor-million-probe.ts) the monitor as `perspectief monitor` computes it; the CLI's
// `report tables --json` and `monitor --json` once each; and R on the same rows exported by `perspectief
// export --format csv`, with every number compared. The size is PERSPECTIEF_BENCH_ROWS (default 1,000,000);
// below a million the figures are also extrapolated linearly to a million, and labelled so.
// Run alone: node --import tsx bench/report-million.ts [--rows 1000000] [--reuse] [--no-r] [--no-cli] [--keep]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { codebookJsonSchema } from '../src/report/codebook-json.ts';
import { compareCells, type CellComparison, type Cells } from './report-cells.ts';
import { BIN, cli, cliEnv, compiledCli, load1, printTable, rAvailable, ratio, runR, s3, timed, type RRun } from './report-common.ts';
import { openMillionDatabase } from './million-db.ts';
import { reportRScript } from './report-r-script.ts';

export interface MillionOptions {
  /** Respondents (default PERSPECTIEF_BENCH_ROWS or 1,000,000). */
  readonly rows?: number;
  /** Run R on the exported CSV (default: when Rscript is installed). */
  readonly r?: boolean;
  /** Time the CLI's `report tables --json` once (default true). */
  readonly cli?: boolean;
  /** Keep the database and the temporary directory (and print their names). */
  readonly keep?: boolean;
  /** Use the kept database pp_bench_million_N when it holds these rows (million-db.ts); fill and keep it otherwise. */
  readonly reuse?: boolean;
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

/** The monitor's figures (monitor-million-probe.ts). */
export interface MonitorProbeFigures {
  readonly rows: number;
  readonly variables: number;
  readonly loadSeconds: number;
  readonly computeSeconds: number;
  readonly computeAgainSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMB: number;
}

export interface MillionResult {
  readonly rows: number;
  /** When the reused database was filled; null: this run filled it. */
  readonly reusedFrom: string | null;
  readonly answers: number;
  readonly generateSeconds: number;
  /** Bulk insert of every response and answer (one transaction per replica of the demo wave). */
  readonly insertSeconds: number;
  /** VACUUM ANALYZE of responses and answers after the load, as after any bulk load. */
  readonly analyzeSeconds: number;
  readonly databaseMB: number;
  readonly probe: ProbeFigures;
  readonly monitor: MonitorProbeFigures;
  /** `perspectief monitor --json` as a child process, wall and CPU. */
  readonly monitorCli?: { readonly seconds: number; readonly cpuSeconds: number; readonly load: number };
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
  readonly loads: {
    readonly start: number;
    readonly insert: number;
    readonly probe: number;
    readonly monitor: number;
    readonly r?: number;
    readonly end: number;
  };
}

/** Heap for the export's second try when the default heap is too small (a bench-only setting, reported). */
const EXPORT_HEAP_MB = 12_288;

export async function runMillionBench(opts: MillionOptions = {}): Promise<MillionResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const rows = opts.rows ?? Number(process.env['PERSPECTIEF_BENCH_ROWS'] ?? 1_000_000);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`PERSPECTIEF_BENCH_ROWS must be a whole number of respondents, not "${rows}"`);
  const withR = (opts.r ?? true) && rAvailable();
  const loadStart = load1();
  log(`million bench: ${rows.toLocaleString('en')} respondents (load average ${loadStart.toFixed(1)})`);
  const bench = await openMillionDatabase({ rows, reuse: opts.reuse ?? false, log });
  const tmp = mkdtempSync(join(tmpdir(), 'pp-million-'));
  log(`  database ${bench.name}`);
  try {
    const { study, wave, fill } = bench;
    const { answers, generateSeconds, insertSeconds, analyzeSeconds, databaseMB } = fill;
    const loadInsert = fill.insertLoad;

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

    const loadMonitor = load1();
    const monitorFile = new URL('./monitor-million-probe.ts', import.meta.url).pathname;
    const monitorRun = timed(process.execPath, ['--import', 'tsx', monitorFile, wave.key], { env });
    if (monitorRun.status !== 0) throw new Error(`the monitor probe failed:\n${monitorRun.stderr.slice(-3000)}`);
    const monitor = JSON.parse(monitorRun.stdout.trim().split('\n').pop() as string) as MonitorProbeFigures;
    log(
      `  monitor probe: load of ${monitor.variables} variables ${monitor.loadSeconds.toFixed(2)} s, compute ${monitor.computeSeconds.toFixed(2)} s (again ${monitor.computeAgainSeconds.toFixed(2)} s), peak RSS ${monitor.peakRssMB.toFixed(0)} MB (load average ${loadMonitor.toFixed(1)})`,
    );

    let cliRun: ReturnType<typeof cli> | undefined;
    let monitorCli: ReturnType<typeof cli> | undefined;
    if (opts.cli ?? true) {
      log(`  ${compiledCli()}`);
      monitorCli = cli(['monitor', '--json', '--wave', wave.key], env);
      log(
        `  monitor --json (CLI): ${monitorCli.seconds.toFixed(1)} s wall, ${monitorCli.cpuSeconds.toFixed(1)} s CPU (load average ${monitorCli.load.toFixed(1)})`,
      );
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
      reusedFrom: fill.reusedFrom,
      answers,
      generateSeconds,
      insertSeconds,
      analyzeSeconds,
      databaseMB,
      probe,
      monitor,
      ...(monitorCli ? { monitorCli: { seconds: monitorCli.seconds, cpuSeconds: monitorCli.cpuSeconds, load: monitorCli.load } } : {}),
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
      loads: {
        start: loadStart,
        insert: loadInsert,
        probe: loadProbe,
        monitor: loadMonitor,
        ...(loadR !== undefined ? { r: loadR } : {}),
        end: load1(),
      },
    };
    printMillion(result, log);
    if (opts.keep) log(`  kept: database ${bench.name} (${bench.url}), directory ${tmp}`);
    return result;
  } finally {
    await bench.close(opts.keep);
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
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
      `bulk insert into PostgreSQL (storage/bulk.ts)${x.reusedFrom ? `, by the run that filled it (${x.reusedFrom.slice(0, 16)})` : ''}`,
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
      `monitor: load of its ${x.monitor.variables} variables / compute (again)`,
      `${s3(x.monitor.loadSeconds)} / ${s3(x.monitor.computeSeconds)} (${s3(x.monitor.computeAgainSeconds)})`,
      '',
      '',
      '< 5 s',
      x.loads.monitor.toFixed(1),
    ],
    [
      'monitor: load + compute; peak RSS (MB)',
      `${s3(x.monitor.loadSeconds + x.monitor.computeSeconds)}; ${x.monitor.peakRssMB.toFixed(0)}`,
      '',
      '',
      '< 5 s',
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
  if (x.monitorCli)
    rows.push([
      'monitor --json (CLI, wall / CPU)',
      `${s3(x.monitorCli.seconds)} / ${s3(x.monitorCli.cpuSeconds)}`,
      '',
      '',
      '< 5 s',
      x.monitorCli.load.toFixed(1),
    ]);
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
    options: {
      rows: { type: 'string' },
      reuse: { type: 'boolean' },
      'no-r': { type: 'boolean' },
      'no-cli': { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  await runMillionBench({
    ...(values.rows !== undefined ? { rows: Number(values.rows) } : {}),
    r: values['no-r'] !== true,
    cli: values['no-cli'] !== true,
    keep: values.keep === true,
    reuse: values.reuse === true,
  });
}
