// Page saves under load: N simulated respondents (default 200) each start a wi2021-asiel response through
// the landing page and post its pages one after another as fast as the server answers, over HTTP on
// loopback to the real server in a child process, against PostgreSQL. A save is a page POST answered with
// its 303 (the page is then stored). Bounded by time and by request count; stops by itself.
import http from 'node:http';
import { LANGUAGES } from '../src/questionnaire/types.ts';
import type { StudyDefinition } from '../src/study/load.ts';
import { machineTicks, processCpuSeconds } from './respondent-server.ts';
import { PostConnection } from './respondent-socket.ts';
import { benchQuestionnaire, pagePosts, request, startResponse, type PagePost } from './respondent-walk.ts';

export interface LoadOptions {
  readonly base: URL;
  readonly serverPid: number;
  readonly study: StudyDefinition;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly maxSaves: number;
  /**
   * Open loop: the respondents together offer this many saves a second (each waits its turn like a person
   * reading the page), and latency counts from the scheduled moment, so a stalled server cannot hide its
   * queue (no coordinated omission). Unset: closed loop, every respondent posts again as soon as answered.
   */
  readonly offeredPerSecond?: number;
  /** Also GET the next page after each save, as a browser following the 303 does. */
  readonly viewNextPage: boolean;
  /** Serving processes behind the port (`serve --workers N`), for the report; default 1. */
  readonly processes?: number;
  /** Transactions committed in the database so far (pg_stat_database), to count them per save. */
  readonly commits: () => Promise<number>;
}

export interface LoadResult {
  readonly mode: 'save' | 'save+view';
  /** Serving processes (`serve --workers N`). */
  readonly processes: number;
  readonly concurrency: number;
  /** Saves a second offered (open loop); absent in a closed loop. */
  readonly offeredPerSecond?: number;
  readonly seconds: number;
  readonly saves: number;
  readonly savesPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** GET of the next page after a save (save+view only). */
  readonly viewP50Ms?: number;
  readonly viewP99Ms?: number;
  readonly errors: number;
  readonly responsesStarted: number;
  readonly responsesCompleted: number;
  /** Database transactions committed per save (includes the GETs in save+view mode). */
  readonly commitsPerSave: number;
  /** CPU used during the run, in cores (1.0 = one core fully busy). */
  readonly serverCores: number;
  /** Server CPU milliseconds per save: less sensitive to the neighbours' load than saves/s. */
  readonly serverCpuMsPerSave: number;
  readonly loadGeneratorCores: number;
  readonly machineBusyFraction: number;
  /** When the timed part started (performance.now() of the load generator). */
  readonly startedAt: number;
  /** Seconds of the run (from its start) in which saves took over 50 ms: how many, and the slowest. */
  readonly slowSeconds: readonly { readonly second: number; readonly saves: number; readonly maxMs: number }[];
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

class Samples {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

const now = (): number => performance.now();

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const posts: readonly PagePost[] = pagePosts(benchQuestionnaire(opts.study));
  // Each respondent is a phone with its own kept-alive connections (as 200 browsers would be): one for arriving
  // and page views (`node:http`, closed by the client after 4 s idle, before the server's 5 s keep-alive
  // timeout can close it under a request), one for the timed posts. A shared pool would reuse a few
  // connections and leave the rest idle (and, behind `serve --workers`, on one process).
  const agents = Array.from({ length: opts.concurrency }, () => new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4000 }));
  // The timed posts go over the load generator's own lean client (respondent-socket.ts), one socket each.
  const connections = Array.from({ length: opts.concurrency }, () => new PostConnection(opts.base));
  const saveTimes = new Samples();
  /** Saves over 50 ms by the second of the run they were due in: [count, slowest]. */
  const slow = new Map<number, [number, number]>();
  const viewTimes = new Samples();
  let errors = 0;
  let started = 0;
  let completed = 0;
  let saves = 0;
  let stop = false;

  // Every respondent first arrives (not timed), so the timed part is page saves only. Respondent i then
  // answers its first i mod P pages (P pages in all), also untimed: in fieldwork people are at every stage
  // of the questionnaire at any moment. Without this all of them would finish together and arrive again
  // together, a synchronised wave of new responses every P saves that real fieldwork never sends.
  const paths = await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, i) => {
      const agent = agents[i]!;
      const path = await startResponse(agent, opts.base, LANGUAGES[i % LANGUAGES.length]!);
      started++;
      for (const post of posts.slice(0, i % posts.length)) {
        const res = await request(agent, opts.base, 'POST', path, post.body);
        if (res.status !== 303) throw new Error(`page ${post.pageId} answered ${res.status} before the timed part`);
      }
      // Connected last, so it is fresh (well within the server's 5 s keep-alive timeout) when timing starts.
      await connections[i]!.open();
      return path;
    }),
  );

  // The load generator starts each timed part with a collected heap (when run with --expose-gc, as `npm run
  // bench` does), so that its own major collections, of tens of milliseconds, do not delay the posts it is
  // due to send and show as the server's latency.
  (globalThis as { gc?: () => void }).gc?.();
  const commitsBefore = await opts.commits();
  const cpuBefore = processCpuSeconds(opts.serverPid);
  const ownBefore = process.cpuUsage();
  const ticksBefore = machineTicks();
  const t0 = now();
  const deadline = t0 + opts.durationMs;

  const interval = opts.offeredPerSecond ? (1000 * opts.concurrency) / opts.offeredPerSecond : 0;
  const respondent = async (index: number): Promise<void> => {
    const agent = agents[index]!;
    const connection = connections[index]!;
    let path = paths[index]!;
    let next = index % posts.length;
    let scheduled = t0 + (interval * index) / opts.concurrency;
    while (!stop) {
      const post = posts[next]!;
      if (interval > 0) {
        const wait = scheduled - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (scheduled >= deadline) break;
      }
      const s = interval > 0 ? scheduled : now();
      scheduled += interval;
      const status = await connection.post(path, post.body).catch(() => 0);
      const e = now();
      if (status === 303) {
        saves++;
        saveTimes.push(e - s);
        if (e - s > 50) {
          const second = Math.floor((s - t0) / 1000);
          const [n, max] = slow.get(second) ?? [0, 0];
          slow.set(second, [n + 1, Math.max(max, e - s)]);
        }
      } else {
        errors++;
      }
      if (saves >= opts.maxSaves || e >= deadline) stop = true;
      if (opts.viewNextPage && !stop) {
        const v = await request(agent, opts.base, 'GET', path);
        viewTimes.push(now() - e);
        if (v.status !== 200) errors++;
      }
      next++;
      if (next === posts.length) {
        completed++;
        if (stop) break;
        path = await startResponse(agent, opts.base, LANGUAGES[(index + completed) % LANGUAGES.length]!);
        started++;
        next = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => respondent(i)));
  const seconds = (now() - t0) / 1000;
  const cpuAfter = processCpuSeconds(opts.serverPid);
  const own = process.cpuUsage(ownBefore);
  const ticksAfter = machineTicks();
  const commitsAfter = await opts.commits();
  for (const agent of agents) agent.destroy();
  for (const connection of connections) connection.close();

  const sorted = saveTimes.sorted();
  const views = viewTimes.sorted();
  return {
    mode: opts.viewNextPage ? 'save+view' : 'save',
    processes: opts.processes ?? 1,
    concurrency: opts.concurrency,
    ...(opts.offeredPerSecond ? { offeredPerSecond: opts.offeredPerSecond } : {}),
    seconds,
    saves,
    savesPerSecond: saves / seconds,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    ...(opts.viewNextPage ? { viewP50Ms: percentile(views, 50), viewP99Ms: percentile(views, 99) } : {}),
    errors,
    responsesStarted: started,
    responsesCompleted: completed,
    commitsPerSave: (commitsAfter - commitsBefore) / Math.max(1, saves),
    serverCores: (cpuAfter - cpuBefore) / seconds,
    serverCpuMsPerSave: ((cpuAfter - cpuBefore) * 1000) / Math.max(1, saves),
    loadGeneratorCores: (own.user + own.system) / 1e6 / seconds,
    machineBusyFraction: (ticksAfter.busy - ticksBefore.busy) / Math.max(1, ticksAfter.total - ticksBefore.total),
    startedAt: t0,
    slowSeconds: [...slow].sort(([a], [b]) => a - b).map(([second, [n, max]]) => ({ second, saves: n, maxMs: max })),
  };
}
