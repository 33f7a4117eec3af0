// The real server (`perspectief serve`, bin/perspectief.js) as a child process on a loopback port, against
// a given PostgreSQL database. The benchmark process only generates load, so the two do not share one
// event loop. Also reads a process's CPU time from /proc for the report.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/perspectief.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ChildServer {
  readonly url: URL;
  readonly pid: number;
  /** The last 4,000 characters the server wrote to stderr (for a failed run's report). */
  output(): string;
  /** Sends SIGTERM to this child (and only it) and waits for it to exit. */
  stop(): Promise<void>;
}

export async function startChildServer(
  databaseUrl: string,
  options: { nodeArgs?: readonly string[]; serveArgs?: readonly string[]; timeoutMs?: number } = {},
): Promise<ChildServer> {
  const { nodeArgs = [], serveArgs = [], timeoutMs = 90_000 } = options;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...serveArgs], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PERSPECTIEF_DEMO_PASSWORD: 'bench-only-password', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs / 1000} s: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    pid: child.pid!,
    output: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * CPU seconds (user + system) a process and its live descendants (the workers of `serve --workers N`) have
 * used so far, from /proc/PID/stat; NaN where /proc is missing.
 */
export function processCpuSeconds(pid: number): number {
  const stat = (p: number): string[] | null => {
    try {
      return readFileSync(`/proc/${p}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
    } catch {
      return null;
    }
  };
  const own = stat(pid);
  if (!own) return Number.NaN;
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (!fields) continue;
    const parent = Number(fields[1]); // ppid
    byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
  }
  let ticks = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.pop()!;
    const fields = p === pid ? own : stat(p);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime in clock ticks (USER_HZ = 100)
    queue.push(...(byParent.get(p) ?? []));
  }
  return ticks / 100;
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}
