// `npm run bench`: every benchmark, or some with --only a,b; --quick for a short smoke run. Each measures what a
// user runs (the CLI command, the page, the build) beside its anchor in the same run, and prints numbers and
// ratios; none fails on a missed target. The million-respondent benches need PostgreSQL (DATABASE_URL or
// 127.0.0.1:5432); with --reuse they fill pp_bench_million_N once and use it again (bench/million-db.ts). The R
// comparisons need Rscript (Debian r-base-core).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RESPONDENT_BENCH_PARTS, runRespondentBench, type RespondentBenchPart } from './respondent.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    parts: { type: 'string' },
    quick: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
  strict: true,
});
const quick = values.quick;
// The million-respondent benches keep their database and use it again while it holds what they would insert.
const reuse = values.reuse;
const parts = values.parts?.split(',').map((p) => p.trim());
const unknownPart = parts?.find((p) => !(RESPONDENT_BENCH_PARTS as readonly string[]).includes(p));
if (unknownPart !== undefined) {
  console.error(`--parts takes ${RESPONDENT_BENCH_PARTS.join(', ')} (comma-separated), not "${unknownPart}"`);
  process.exit(2);
}

/** Every benchmark by name, in the order `npm run bench` runs them; each module is loaded only when run. */
const BENCHES: Readonly<Record<string, () => Promise<unknown>>> = {
  stats: async () => {
    const statsFile = new URL('./stats.ts', import.meta.url);
    if (!existsSync(statsFile)) return console.log('bench/stats.ts not found: statistics benchmark skipped');
    const { runStatsBench } = await import('./stats.ts');
    return runStatsBench(quick ? { sizes: [5173], r: false } : {});
  },
  respondent: () => runRespondentBench({ quick, ...(parts ? { parts: new Set(parts as RespondentBenchPart[]) } : {}) }),
  'first-page': async () => (await import('./first-page.ts')).runFirstPageBench({ quick }),
  'demo-load': async () => (await import('./demo-load.ts')).runDemoLoadBench(),
  'report-vs-r': async () => (await import('./report-vs-r.ts')).runReportVsRBench(quick ? { runs: 2, rRuns: 1, computeRuns: 5 } : {}),
  million: async () => (await import('./report-million.ts')).runMillionBench({ reuse, ...(quick ? { rows: 20_000 } : {}) }),
  'report-build': async () => (await import('./report-build.ts')).runReportBuildBench(quick ? { quick: true, runs: 1 } : {}),
  workspace: async () => (await import('./workspace.ts')).runWorkspaceBench({ quick }),
  monitor: async () => (await import('./monitor.ts')).runMonitorBench({ quick, reuse }),
  exports: async () => (await import('./exports.ts')).runExportsBench(quick ? { sizes: [5173] } : {}),
  letters: async () => (await import('./letters.ts')).runLettersBench(quick ? { letters: 50 } : {}),
};

const chosen = values.only?.split(',').map((name) => name.trim()) ?? Object.keys(BENCHES);
const unknown = chosen.find((name) => !(name in BENCHES));
if (unknown !== undefined) {
  console.error(`--only takes ${Object.keys(BENCHES).join(', ')} (comma-separated), not "${unknown}"`);
  process.exit(2);
}
for (const name of chosen) {
  console.log(`\n=== bench ${name}${quick ? ' (quick)' : ''} ===`);
  await BENCHES[name]!();
}
