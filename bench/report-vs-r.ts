// The report's tables on the product path beside R (issue 12, item 6), on the demo wave in an embedded
// database of its own (a temporary data directory, filled by the CLI itself as a new user's first
// `report tables` fills it, or copied from PERSPECTIEF_BENCH_DATA_DIR):
//   1. what the user runs, `node bin/perspectief.js report tables --json`, wall clock and CPU, the first run
//      and the median of the later ones; beside Rscript doing the same workload (generated from report.json
//      by report-r-script.ts) on the same wave exported by `perspectief export --format csv`: R's wall clock
//      (start to end) and its compute (proc.time() around the workload, after reading the CSV);
//   2. in-process, as a serving process does: every table from the cached dataset (DatasetCache warm,
//      computeReport timed alone), beside R's compute; whether every number equals R's; and whether the
//      cache stays right while answers arrive (report-cache.ts), with the refresh time.
// Run alone: node --expose-gc --import tsx bench/report-vs-r.ts [--runs 5] [--r-runs 3] [--compute-runs 20]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DatasetCache } from '../src/analysis/cache.ts';
import { computeReport, type ComputedReport } from '../src/analysis/compute.ts';
import { findWave } from '../src/analysis/waves.ts';
import { codebookJsonSchema } from '../src/report/codebook-json.ts';
import { openDatabase } from '../src/storage/db.ts';
import { loadStudy } from '../src/study/load.ts';
import { cacheUnderArrivals, type CacheArrivals } from './report-cache.ts';
import { compareCells, reportCells, type CellComparison } from './report-cells.ts';
import {
  cli,
  cliEnv,
  compiledCli,
  load1,
  median,
  ms,
  printTable,
  rAvailable,
  ratio,
  runR,
  s3,
  type RRun,
  type Timed,
} from './report-common.ts';
import { reportRScript } from './report-r-script.ts';

export interface ReportVsROptions {
  /** CLI runs of `report tables --json` (default 5: the first, and the median of the rest). */
  readonly runs?: number;
  /** Rscript runs (default 3). */
  readonly rRuns?: number;
  /** In-process computeReport runs on the warm cache (default 20). */
  readonly computeRuns?: number;
  /** A prepared data directory with the demo (not in use) to copy instead of letting the CLI fill a new one. */
  readonly dataDir?: string;
  /** Run R (default: when Rscript is installed). */
  readonly r?: boolean;
  /** Keep the temporary directory (data, CSV, codebook, R script) and print where it is. */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface RunFigures {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly load: number;
  /** report tables only: counted from the wave's snapshot on disk without opening the database. */
  readonly fromSnapshot?: boolean;
}

export interface ReportVsRResult {
  readonly wave: string;
  readonly responses: number;
  readonly tables: number;
  readonly scales: number;
  /** Making the data directory: the CLI's first `report tables` generating and storing the demo, or a copy. */
  readonly setup: RunFigures & { readonly how: 'demo loaded by the CLI' | 'copied' };
  /** `perspectief --help`, median of 3: the CLI's start-up alone. */
  readonly helpSeconds: number;
  /** `report tables --json`: the first run after the setup, and the later runs. */
  readonly cliFirst: RunFigures;
  readonly cliWarm: readonly RunFigures[];
  readonly cliWarmMedianSeconds: number;
  readonly cliWarmMedianCpuSeconds: number;
  /** After answers arrived (part 2): the run that opens the database and brings the snapshot up to date, and the next. */
  readonly cliAfterArrivals: RunFigures;
  readonly cliAfterArrivalsAgain: RunFigures;
  readonly exportSeconds: number;
  readonly r?: {
    readonly runs: readonly RRun[];
    readonly wallMedianSeconds: number;
    readonly computeMedianSeconds: number;
    readonly computeCpuMedianSeconds: number;
    readonly readMedianSeconds: number;
    readonly reader: string;
  };
  readonly inProcess: {
    /** First DatasetCache.get: the wave loaded from the database (as the CLI does every time). */
    readonly cacheLoadSeconds: number;
    /** Later gets: the freshness check only (median). */
    readonly cacheHitSeconds: number;
    readonly computeFirstSeconds: number;
    readonly computeMedianSeconds: number;
    readonly computeMinSeconds: number;
    readonly computeCpuMedianSeconds: number;
    /** A serving process's whole answer from the cache: get (hit) + computeReport, median. */
    readonly hitPlusComputeSeconds: number;
    readonly runs: number;
  };
  readonly agreement?: CellComparison;
  readonly cache: CacheArrivals;
  readonly loadStart: number;
  readonly loadEnd: number;
}

/** The CLI says on stderr when it counted from the snapshot beside the database without opening it. */
const figures = (t: Timed): RunFigures => ({
  seconds: t.seconds,
  cpuSeconds: t.cpuSeconds,
  load: t.load,
  fromSnapshot: /counted from the wave's dataset saved beside the database/.test(t.stderr),
});
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Runs the comparison once and prints its table; returns every figure. */
export async function runReportVsRBench(opts: ReportVsROptions = {}): Promise<ReportVsRResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const runs = Math.max(2, opts.runs ?? 5);
  const rRuns = Math.max(1, opts.rRuns ?? 3);
  const computeRuns = Math.max(2, opts.computeRuns ?? 20);
  const withR = (opts.r ?? true) && rAvailable();
  const loadStart = load1();
  const study = loadStudy();
  const wave = findWave(study);
  const tmp = mkdtempSync(join(tmpdir(), 'pp-report-bench-'));
  const dataDir = join(tmp, 'data');
  const env = cliEnv({ dataDir });
  log(`report vs R: wave ${wave.id}, temporary data directory ${dataDir} (load average ${loadStart.toFixed(1)})`);
  log(`  ${compiledCli()}`);
  try {
    let setup: ReportVsRResult['setup'];
    const source = opts.dataDir ?? process.env['PERSPECTIEF_BENCH_DATA_DIR'];
    if (source) {
      const start = process.hrtime.bigint();
      cpSync(source, dataDir, { recursive: true });
      setup = { seconds: since(start), cpuSeconds: NaN, load: load1(), how: 'copied' };
    } else {
      log('  filling the data directory: the CLI generates and stores the demo on its first "report tables" (about a minute)...');
      setup = { ...figures(cli(['report', 'tables', '--json'], env)), how: 'demo loaded by the CLI' };
    }
    const help = [0, 1, 2].map(() => cli(['--help'], env).seconds);
    const cliRuns: Timed[] = [];
    let printed: { N: number; tables: Record<string, unknown> } | undefined;
    for (let i = 0; i < runs; i++) {
      const run = cli(['report', 'tables', '--json'], env);
      cliRuns.push(run);
      printed ??= JSON.parse(run.stdout) as { N: number; tables: Record<string, unknown> };
    }
    const [first, ...warm] = cliRuns as [Timed, ...Timed[]];
    const csv = join(tmp, 'wave.csv');
    const exported = cli(['export', '--format', 'csv', '--wave', wave.key, '--missing-codes', '--raw', '--out', csv], env);

    let r: ReportVsRResult['r'];
    if (withR) {
      const codebook = codebookJsonSchema.parse(JSON.parse(readFileSync(join(tmp, 'wave.codebook.json'), 'utf8')));
      const script = join(tmp, 'workload.R');
      writeFileSync(script, reportRScript(study, wave, codebook));
      const rs = Array.from({ length: rRuns }, () => runR(script, csv));
      r = {
        runs: rs,
        wallMedianSeconds: median(rs.map((x) => x.wallSeconds)),
        computeMedianSeconds: median(rs.map((x) => x.computeSeconds)),
        computeCpuMedianSeconds: median(rs.map((x) => x.computeCpuSeconds)),
        readMedianSeconds: median(rs.map((x) => x.readSeconds)),
        reader: rs[0]?.reader ?? '?',
      };
    }

    // In-process, as the serving process holds the wave: the embedded database opened here (the CLI runs are over).
    const database = await openDatabase({ dataDir });
    let inProcess: ReportVsRResult['inProcess'];
    let agreement: CellComparison | undefined;
    let cacheCheck: CacheArrivals;
    let responses: number;
    let report: ComputedReport;
    try {
      const cache = new DatasetCache(database.db, study);
      let start = process.hrtime.bigint();
      const data = await cache.get(wave);
      const cacheLoadSeconds = since(start);
      responses = data.rows;
      const hits: number[] = [];
      const times: number[] = [];
      const cpus: number[] = [];
      const together: number[] = [];
      // The first computeReport of the process runs with a cold JIT (as a server's first request would).
      start = process.hrtime.bigint();
      report = computeReport(study, wave, data);
      const computeFirstSeconds = since(start);
      gc();
      for (let i = 0; i < computeRuns; i++) {
        start = process.hrtime.bigint();
        const cached = await cache.get(wave);
        const hit = since(start);
        const cpu = process.cpuUsage();
        start = process.hrtime.bigint();
        report = computeReport(study, wave, cached);
        const compute = since(start);
        const used = process.cpuUsage(cpu);
        hits.push(hit);
        times.push(compute);
        cpus.push((used.user + used.system) / 1e6);
        together.push(hit + compute);
      }
      inProcess = {
        cacheLoadSeconds,
        cacheHitSeconds: median(hits),
        computeFirstSeconds,
        computeMedianSeconds: median(times),
        computeMinSeconds: Math.min(...times),
        computeCpuMedianSeconds: median(cpus),
        hitPlusComputeSeconds: median(together),
        runs: computeRuns,
      };
      agreement = r?.runs[0] ? compareCells(reportCells(report), r.runs[0].cells) : undefined;
      cacheCheck = await cacheUnderArrivals(database.db, study, wave, cache);
    } finally {
      await database.close();
    }
    // The CLI again, now that answers arrived since its snapshot: it must open the database and bring the
    // wave up to date; and once more, when nothing has changed since.
    const afterArrivals = cli(['report', 'tables', '--json'], env);
    const afterArrivalsAgain = cli(['report', 'tables', '--json'], env);
    const result: ReportVsRResult = {
      wave: wave.id,
      responses,
      tables: report.tables.size,
      scales: report.reliability.length,
      setup,
      helpSeconds: median(help),
      cliFirst: figures(first),
      cliWarm: warm.map(figures),
      cliWarmMedianSeconds: median(warm.map((w) => w.seconds)),
      cliWarmMedianCpuSeconds: median(warm.map((w) => w.cpuSeconds)),
      cliAfterArrivals: figures(afterArrivals),
      cliAfterArrivalsAgain: figures(afterArrivalsAgain),
      exportSeconds: exported.seconds,
      ...(r ? { r } : {}),
      inProcess,
      ...(agreement ? { agreement } : {}),
      cache: cacheCheck,
      loadStart,
      loadEnd: load1(),
    };
    printResult(result, log, printed?.N);
    if (opts.keep) log(`  kept: ${tmp}`);
    return result;
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

function printResult(x: ReportVsRResult, log: (line: string) => void, printedN: number | undefined): void {
  const r = x.r;
  log(
    `report vs R, wave ${x.wave}: ${x.responses.toLocaleString('en')} responses (CLI printed N ${printedN ?? '?'}), ${x.tables} tables and ${x.scales} alphas; load average ${x.loadStart.toFixed(1)} at the start, ${x.loadEnd.toFixed(1)} at the end`,
  );
  const via = (f: RunFigures): string => (f.fromSnapshot ? 'snapshot' : 'database');
  const cliRow = (label: string, f: RunFigures, load = f.load.toFixed(1)): string[] => [
    `${label} [${via(f)}]: wall (CPU)`,
    `${s3(f.seconds)} (${s3(f.cpuSeconds)})`,
    r ? s3(r.wallMedianSeconds) : '-',
    r ? ratio(f.seconds, r.wallMedianSeconds) : '-',
    '< 1 s, <= R wall',
    load,
  ];
  const warmVia = x.cliWarm.every((w) => w.fromSnapshot) ? 'snapshot' : x.cliWarm.some((w) => w.fromSnapshot) ? 'mixed' : 'database';
  const rows: string[][] = [
    [`setup (${x.setup.how})`, s3(x.setup.seconds), '', '', '', x.setup.load.toFixed(1)],
    ['perspectief --help (median of 3)', s3(x.helpSeconds), '', '', '', ''],
    cliRow('report tables --json, run 1 after the setup', x.cliFirst),
    [
      `report tables --json, median of runs 2-${x.cliWarm.length + 1} [${warmVia}]: wall (CPU)`,
      `${s3(x.cliWarmMedianSeconds)} (${s3(x.cliWarmMedianCpuSeconds)})`,
      r ? s3(r.wallMedianSeconds) : '-',
      r ? ratio(x.cliWarmMedianSeconds, r.wallMedianSeconds) : '-',
      '< 1 s, <= R wall',
      x.cliWarm.map((w) => w.load.toFixed(1)).join('/'),
    ],
    cliRow('report tables --json after new answers', x.cliAfterArrivals),
    cliRow('report tables --json, the run after that', x.cliAfterArrivalsAgain),
    ['export --format csv (the data R reads)', s3(x.exportSeconds), '', '', '', ''],
    [
      `R: Rscript wall (median of ${r?.runs.length ?? 0}) / read the CSV`,
      '',
      r ? `${s3(r.wallMedianSeconds)} / ${s3(r.readMedianSeconds)} (${r.reader})` : '-',
      '',
      '',
      r ? r.runs.map((y) => y.load.toFixed(1)).join('/') : '',
    ],
    ['in-process: wave loaded into the cache (first get)', s3(x.inProcess.cacheLoadSeconds), '', '', '', ''],
    ['in-process: cache get when nothing changed (median)', `${ms(x.inProcess.cacheHitSeconds)} ms`, '', '', '', ''],
    [
      `in-process: computeReport, first / median of ${x.inProcess.runs} / min (wall)`,
      `${ms(x.inProcess.computeFirstSeconds)} / ${ms(x.inProcess.computeMedianSeconds)} / ${ms(x.inProcess.computeMinSeconds)} ms`,
      r ? `${ms(r.computeMedianSeconds)} ms` : '-',
      r ? `${ratio(r.computeMedianSeconds, x.inProcess.computeMedianSeconds)} faster` : '-',
      '>= 5x, < 55 ms',
      '',
    ],
    [
      'in-process: computeReport CPU (median)',
      `${ms(x.inProcess.computeCpuMedianSeconds)} ms`,
      r ? `${ms(r.computeCpuMedianSeconds)} ms` : '-',
      r ? `${ratio(r.computeCpuMedianSeconds, x.inProcess.computeCpuMedianSeconds)} less` : '-',
      '',
      '',
    ],
    [
      'in-process: cache get + computeReport (median, wall)',
      `${ms(x.inProcess.hitPlusComputeSeconds)} ms`,
      r ? `${ms(r.computeMedianSeconds)} ms` : '-',
      r ? `${ratio(r.computeMedianSeconds, x.inProcess.hitPlusComputeSeconds)} faster` : '-',
      '',
      '',
    ],
  ];
  printTable(log, ['figure (seconds unless ms)', 'Perspectief', 'R', 'ratio', 'aim', 'load'], rows);
  if (x.agreement) {
    const a = x.agreement;
    log(
      `  R agrees: ${a.agree} of ${a.compared} numbers (counts and Ns exactly; percentages, B, SE, adj. R², alpha within 1e-9 relative; largest relative difference ${a.maxRelative.toExponential(1)})` +
        (a.onlyR.length + a.onlyOurs.length > 0 ? `; unmatched keys: R ${a.onlyR.length}, ours ${a.onlyOurs.length}` : ''),
    );
    for (const d of a.disagreements.slice(0, 10)) log(`  DISAGREE ${d.key}: ours ${d.ours}, R ${d.r}`);
    printTable(
      log,
      ['cell', 'Perspectief', 'R'],
      a.sample.map((c) => [c.key, String(c.ours), String(c.r)]),
    );
  }
  const c = x.cache;
  log(
    `  cache while answers arrive: ${c.added} new responses completed and ${c.changed} answers changed (createResponse/savePage), then the cache refreshed ` +
      `in ${ms(c.refreshSeconds)} ms (${c.refreshed ? 'a refresh, not a reload' : 'NOT a refresh: reloaded or unchanged'}; a fresh load takes ${ms(c.freshLoadSeconds)} ms); ` +
      `rows ${c.rowsCached} cached vs ${c.rowsFresh} fresh; ${c.identical} of ${c.compared} numbers identical to the fresh load's report, ${c.agree} within 1e-9` +
      (c.unmatched > 0 ? `, ${c.unmatched} unmatched` : '') +
      `; ${c.moved} numbers moved with the arrivals`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      'r-runs': { type: 'string' },
      'compute-runs': { type: 'string' },
      'data-dir': { type: 'string' },
      'no-r': { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const runsOpt = num(values.runs);
  const rRunsOpt = num(values['r-runs']);
  const computeOpt = num(values['compute-runs']);
  await runReportVsRBench({
    ...(runsOpt !== undefined ? { runs: runsOpt } : {}),
    ...(rRunsOpt !== undefined ? { rRuns: rRunsOpt } : {}),
    ...(computeOpt !== undefined ? { computeRuns: computeOpt } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    r: values['no-r'] !== true,
    keep: values.keep === true,
  });
}
