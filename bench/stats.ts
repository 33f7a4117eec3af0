// Benchmark of the statistics engine on the report's workload (bench/stats-workload.ts) at the demo wave's
// size (5,173) and at 1,000,000 rows; prints time and peak memory, and, when R is installed, runs the
// same workload in R (bench/stats-reference.R) on the same data and prints the ratio.
// Times cover the workload only, from data in memory to results, as R's figure does; loading the engine
// (tsx transpiling, module loading) is measured apart by the fresh-process probes (bench/stats-cold.ts).
// The first run in a process includes V8's compilation (cold JIT); at small sizes the bench also runs the
// first run in several fresh processes and reports their median, as one process's figure is noisy.
// Run: node --import tsx bench/stats.ts [--sizes 5173,1000000] [--no-r] [--cold-processes 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateWave, waveToCsv } from '../scripts/fixtures/synthetic.ts';
import { runWorkload, waveDataset } from './stats-workload.ts';

export interface StatsBenchOptions {
  readonly sizes?: readonly number[];
  /** Run the R comparison if Rscript is available (default true). */
  readonly r?: boolean;
  readonly log?: (line: string) => void;
  /** Fresh processes timing the first run, for sizes up to 100,000 rows (default 5; 0 to skip). */
  readonly coldProcesses?: number;
}

export interface ColdProbes {
  readonly processes: number;
  /** Median, min and max wall seconds of the first run over the fresh processes. */
  readonly medianSeconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly medianCpuSeconds: number;
  /** Median seconds to import the engine (tsx transpiling + module loading), not part of the workload. */
  readonly medianImportSeconds: number;
}

export interface StatsBenchResult {
  readonly rows: number;
  /** Seconds for the workload: first run, and best of the warm runs (wall clock). */
  readonly coldSeconds: number;
  readonly warmSeconds: number;
  /** CPU seconds (user + system, all threads) of the first run: less sensitive to other load. */
  readonly coldCpuSeconds: number;
  /** Peak resident set size of the process so far (MB) and the heap in use after the run (MB). */
  readonly peakRssMB: number;
  readonly heapMB: number;
  readonly tables: number;
  readonly models: number;
  readonly scales: number;
  readonly freshProcesses?: ColdProbes;
  readonly rSeconds?: number;
  readonly rCpuSeconds?: number;
  /** R time / our warm time. */
  readonly speedup?: number;
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

function rAvailable(): boolean {
  return spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Times the first run of the workload in `count` fresh processes (bench/stats-cold.ts), one after another. */
function coldProbes(rows: number, count: number): ColdProbes | undefined {
  const probe = new URL('./stats-cold.ts', import.meta.url).pathname;
  // The bench process's own heap flags (for the respondent load generator) are not the analysis's.
  const coldArgv = process.execArgv.filter((a) => a !== '--expose-gc' && !a.startsWith('--max-semi-space-size'));
  const runs: { seconds: number; cpuSeconds: number; importSeconds: number }[] = [];
  for (let i = 0; i < count; i++) {
    const result = spawnSync(process.execPath, [...coldArgv, probe, String(rows)], { encoding: 'utf8' });
    const line = result.stdout.trim().split('\n').pop();
    if (result.status !== 0 || line === undefined || line === '') return undefined;
    runs.push(JSON.parse(line) as { seconds: number; cpuSeconds: number; importSeconds: number });
  }
  const wall = runs.map((r) => r.seconds);
  return {
    processes: count,
    medianSeconds: median(wall),
    minSeconds: Math.min(...wall),
    maxSeconds: Math.max(...wall),
    medianCpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    medianImportSeconds: median(runs.map((r) => r.importSeconds)),
  };
}

function timeR(csv: string): { seconds: number; cpuSeconds: number } | undefined {
  const script = new URL('./stats-reference.R', import.meta.url).pathname;
  const result = spawnSync('Rscript', [script, csv], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = /WORKLOAD_SECONDS ([0-9.eE+-]+)/.exec(result.stdout);
  const cpu = /WORKLOAD_CPU_SECONDS ([0-9.eE+-]+)/.exec(result.stdout);
  return wall && cpu ? { seconds: Number(wall[1]), cpuSeconds: Number(cpu[1]) } : undefined;
}

/** Runs the benchmark at each size and returns one result per size. */
export async function runStatsBench(opts: StatsBenchOptions = {}): Promise<StatsBenchResult[]> {
  const sizes = opts.sizes ?? [5173, 1_000_000];
  const log = opts.log ?? ((line: string) => console.log(line));
  let withR: boolean | undefined; // checked after the first timed run, so spawning Rscript cannot disturb it
  const results: StatsBenchResult[] = [];
  for (const rows of sizes) {
    const wave = generateWave(rows, 5173);
    const data = waveDataset(wave);
    let start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const summary = runWorkload(data);
    const coldSeconds = seconds(start);
    const used = process.cpuUsage(cpu);
    const coldCpuSeconds = (used.user + used.system) / 1e6;
    const warmRuns = rows <= 100_000 ? 5 : 1;
    let warmSeconds = Infinity;
    for (let i = 0; i < warmRuns; i++) {
      start = process.hrtime.bigint();
      runWorkload(data);
      warmSeconds = Math.min(warmSeconds, seconds(start));
    }
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
    const probeCount = rows <= 100_000 ? (opts.coldProcesses ?? 5) : 0;
    const fresh = probeCount > 0 ? coldProbes(rows, probeCount) : undefined;
    let r: { seconds: number; cpuSeconds: number } | undefined;
    withR ??= (opts.r ?? true) && rAvailable();
    if (withR) {
      const dir = mkdtempSync(join(tmpdir(), 'stats-bench-'));
      const csv = join(dir, 'wave.csv');
      writeFileSync(csv, waveToCsv(wave));
      r = timeR(csv);
      rmSync(dir, { recursive: true, force: true });
    }
    const result: StatsBenchResult = {
      rows,
      coldSeconds,
      warmSeconds,
      coldCpuSeconds,
      peakRssMB,
      heapMB,
      tables: summary.tables,
      models: summary.models,
      scales: summary.scales,
      ...(fresh !== undefined ? { freshProcesses: fresh } : {}),
      ...(r !== undefined ? { rSeconds: r.seconds, rCpuSeconds: r.cpuSeconds, speedup: r.seconds / warmSeconds } : {}),
    };
    results.push(result);
    log(
      `stats bench ${rows.toLocaleString('en')} rows: ${summary.tables} tables, ${summary.scales} scales, ${summary.models} models — ` +
        `cold ${coldSeconds.toFixed(3)} s (CPU ${coldCpuSeconds.toFixed(3)} s), warm ${warmSeconds.toFixed(3)} s, peak RSS ${peakRssMB.toFixed(0)} MB, heap ${heapMB.toFixed(0)} MB` +
        (fresh !== undefined
          ? `; first run in ${fresh.processes} fresh processes: median ${fresh.medianSeconds.toFixed(3)} s (${fresh.minSeconds.toFixed(3)}-${fresh.maxSeconds.toFixed(3)}, CPU ${fresh.medianCpuSeconds.toFixed(3)} s), engine import ${fresh.medianImportSeconds.toFixed(3)} s not counted`
          : probeCount > 0
            ? '; fresh-process probes failed'
            : '') +
        (r !== undefined
          ? `; R ${r.seconds.toFixed(3)} s (CPU ${r.cpuSeconds.toFixed(3)} s) → ${(r.seconds / warmSeconds).toFixed(1)}× faster warm, ${(r.seconds / coldSeconds).toFixed(1)}× cold` +
            (fresh !== undefined ? ` (${(r.seconds / fresh.medianSeconds).toFixed(1)}× on the fresh-process median)` : '') +
            `, ${(r.cpuSeconds / coldCpuSeconds).toFixed(1)}× in CPU time`
          : withR
            ? '; R run failed'
            : '; R comparison skipped (--no-r or no Rscript)'),
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, 'no-r': { type: 'boolean' }, 'cold-processes': { type: 'string' } },
  });
  const sizes = values.sizes?.split(',').map(Number);
  const coldProcesses = values['cold-processes'] === undefined ? undefined : Number(values['cold-processes']);
  await runStatsBench({
    ...(sizes ? { sizes } : {}),
    ...(coldProcesses !== undefined ? { coldProcesses } : {}),
    r: values['no-r'] !== true,
  });
}
