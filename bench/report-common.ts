// Shared by the report benches (report-vs-r.ts, report-million.ts): timing a child process by wall clock and
// CPU, running the generated R script and reading its figures, medians, the load average and table printing.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { compiledEntry } from '../bin/compiled.js';
import { parseRCells, type Cells } from './report-cells.ts';

export const BIN = new URL('../bin/perspectief.js', import.meta.url).pathname;
const DIST = new URL('../dist', import.meta.url).pathname;
const BUILD = new URL('../scripts/build.js', import.meta.url).pathname;

/**
 * Makes bin/perspectief.js run compiled, as after `npm install`: builds dist/ when it is missing or older than
 * the sources. Returns the line that says so, for the bench's output.
 */
export function compiledCli(): string {
  const before = compiledEntry(DIST);
  if ('entry' in before) return 'the command runs compiled (dist/, up to date)';
  const built = spawnSync(process.execPath, [BUILD], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
  const after = compiledEntry(DIST);
  if (!('entry' in after)) throw new Error(`the build is not used: ${after.reason}`);
  return `the command runs compiled (dist/ rebuilt first: ${before.reason})`;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The 1-minute load average, printed beside every figure (the machine is shared). */
export const load1 = (): number => loadavg()[0] as number;

/** Seconds since `start` (process.hrtime.bigint()). */
export const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** CPU seconds of this process's waited-for children so far (Linux /proc; 0 elsewhere). */
function childrenCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat (cutime, cstime), counted from the state field (3) on, in clock ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

export interface Timed {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly load: number;
}

/** Runs a command to its end: wall clock from spawn to exit, and its CPU (user + system, with its children). */
export function timed(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Timed {
  const load = load1();
  const cpu = childrenCpu();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    seconds,
    cpuSeconds: childrenCpu() - cpu,
    status: result.status,
    // null, whatever the types say, when the program could not be started (ENOENT)
    stdout: (result.stdout as string | null) ?? '',
    stderr: (result.stderr as string | null) ?? '',
    load,
  };
}

/** The environment of a CLI child: the bench's own, with the database chosen here. */
export function cliEnv(database: { readonly dataDir: string } | { readonly url: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['PERSPECTIEF_DATA_DIR'];
  delete env['PERSPECTIEF_DEMO'];
  delete env['NODE_OPTIONS'];
  if ('url' in database) env['DATABASE_URL'] = database.url;
  else env['PERSPECTIEF_DATA_DIR'] = database.dataDir;
  return env;
}

/** `node bin/perspectief.js ARGS`, timed; throws with its stderr when it fails. */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv): Timed {
  const run = timed(process.execPath, [BIN, ...args], { env });
  if (run.status !== 0) throw new Error(`perspectief ${args.join(' ')} failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  return run;
}

export interface RRun {
  /** Rscript start to end. */
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly readSeconds: number;
  /** proc.time() around the workload, after reading the CSV. */
  readonly computeSeconds: number;
  readonly computeCpuSeconds: number;
  readonly reader: string;
  readonly tables: number;
  readonly cells: Cells;
  readonly load: number;
  readonly warnings: string;
}

export function rAvailable(): boolean {
  return spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs the generated R script on the CSV. */
export function runR(script: string, csv: string): RRun {
  const run = timed('Rscript', ['--vanilla', script, csv]);
  const figure = (name: string): number => {
    const m = new RegExp(`^${name} (\\S+)`, 'm').exec(run.stdout);
    if (!m) throw new Error(`Rscript printed no ${name} (status ${run.status}):\n${run.stderr.slice(-3000)}`);
    return Number(m[1]);
  };
  return {
    wallSeconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    readSeconds: figure('R_READ_SECONDS'),
    computeSeconds: figure('R_COMPUTE_SECONDS'),
    computeCpuSeconds: figure('R_COMPUTE_CPU_SECONDS'),
    reader: /^R_READER (\S+)/m.exec(run.stdout)?.[1] ?? '?',
    tables: figure('R_TABLES'),
    cells: parseRCells(run.stdout),
    load: run.load,
    warnings: run.stderr.trim(),
  };
}

/** A plain text table: header, rows, columns padded; numbers right-aligned. */
export function printTable(log: (line: string) => void, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  log(fmt(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) log(fmt(r));
}

export const s3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '-');
export const ms = (seconds: number): string => (Number.isFinite(seconds) ? (seconds * 1000).toFixed(1) : '-');
export const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}x` : '-');
export const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
