// How long `npm start` takes to load the synthetic demo waves into an empty embedded database (2023: 4,060
// and 2024: 5,173 respondents, plus the qualitative corpus): the limit is 120 s. It used to be an assertion
// in test/demo/acceptance.test.ts, where a busy machine could fail a correct program; here it is measured
// and printed beside the load average, never asserted. Exported for bench/run.ts: runDemoLoadBench().
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_SEED, loadDemo } from '../src/demo/index.ts';
import { openDatabase } from '../src/storage/db.ts';
import { syncStudy } from '../src/storage/studies.ts';
import { DEFAULT_STUDY_DIR, loadStudy } from '../src/study/load.ts';

export const DEMO_LOAD_LIMIT_S = 120;

export interface DemoLoadBenchOptions {
  readonly seed?: number;
  readonly log?: (line: string) => void;
  /** Where the JSON goes; default bench/results/demo-load.json. */
  readonly out?: string;
}

const seconds = (from: number): number => Math.round((performance.now() - from) / 10) / 100;
const load = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/**
 * Opens a new embedded database in a temporary folder (PGlite on disk, as `npm start` does), migrates it,
 * stores the study and loads the demo waves; prints each phase's wall time, the process's CPU time and peak
 * resident memory beside the 120 s limit.
 */
export async function runDemoLoadBench(opts: DemoLoadBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(os.tmpdir(), 'perspectief-demo-load-'));
  const result: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version },
    limitSeconds: DEMO_LOAD_LIMIT_S,
    loadavgStart: os.loadavg(),
  };
  log(`demo-load bench: ${os.cpus().length} cores, load average ${load()}`);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let phase = performance.now();
  const database = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    await database.migrate();
    const study = loadStudy(DEFAULT_STUDY_DIR);
    await syncStudy(database.db, study);
    const openSeconds = seconds(phase);
    phase = performance.now();
    let progress = 0;
    const respondents = await loadDemo(database.db, study, { stderr: () => void progress++ }, opts.seed ?? DEFAULT_SEED);
    const demoSeconds = seconds(phase);
    const totalSeconds = seconds(started);
    const cpu = process.cpuUsage(cpuStart);
    Object.assign(result, {
      respondents,
      openSeconds,
      demoSeconds,
      totalSeconds,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      loadavgEnd: os.loadavg(),
    });
    log(
      `demo waves into an empty embedded database (PGlite on disk): ${respondents} respondents in ${totalSeconds.toFixed(1)} s ` +
        `(open, migrate, study ${openSeconds.toFixed(1)} s; generate and store ${demoSeconds.toFixed(1)} s); ` +
        `CPU ${String(result['cpuSeconds'])} s, peak RSS ${String(result['peakRssMB'])} MB; limit ${DEMO_LOAD_LIMIT_S} s ` +
        `${totalSeconds <= DEMO_LOAD_LIMIT_S ? 'held' : 'MISSED'}; load average ${load()}`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const out = opts.out ?? new URL('./results/demo-load.json', import.meta.url).pathname;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${out}`);
  return result;
}
