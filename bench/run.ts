// `npm run bench`: every benchmark, or one with --only respondent|stats; --quick for a short smoke run.
// Benchmarks measure and print; they never fail on a missed target.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RESPONDENT_BENCH_PARTS, runRespondentBench, type RespondentBenchPart } from './respondent.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, parts: { type: 'string' }, quick: { type: 'boolean', default: false } },
  strict: true,
});
const only = values.only;
if (only !== undefined && only !== 'respondent' && only !== 'stats') {
  console.error(`--only must be "respondent" or "stats", not "${only}"`);
  process.exit(2);
}
const quick = values.quick;
const parts = values.parts?.split(',').map((p) => p.trim());
const unknownPart = parts?.find((p) => !(RESPONDENT_BENCH_PARTS as readonly string[]).includes(p));
if (unknownPart !== undefined) {
  console.error(`--parts takes ${RESPONDENT_BENCH_PARTS.join(', ')} (comma-separated), not "${unknownPart}"`);
  process.exit(2);
}

if (only === undefined || only === 'stats') {
  // The statistics benchmark belongs to bench/stats.ts; run it when it is there.
  const statsFile = new URL('./stats.ts', import.meta.url);
  if (existsSync(statsFile)) {
    const mod = (await import(statsFile.href)) as { runStatsBench?: (opts: { sizes?: number[]; r?: boolean }) => Promise<unknown> };
    if (typeof mod.runStatsBench === 'function') await mod.runStatsBench(quick ? { sizes: [5173], r: false } : {});
    else console.log('bench/stats.ts has no runStatsBench: statistics benchmark skipped');
  } else {
    console.log('bench/stats.ts not found: statistics benchmark skipped');
  }
}
if (only === undefined || only === 'respondent')
  await runRespondentBench({ quick, ...(parts ? { parts: new Set(parts as RespondentBenchPart[]) } : {}) });
