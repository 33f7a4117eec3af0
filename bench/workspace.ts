// Benchmark of the researcher's workspace on the demo wave (issue 15: "export times on the demo data for each
// format, aim under 2 s each, and the explorer's time to a table, aim under 200 ms on the demo wave"). On
// embedded PGlite with both demo waves loaded, through the web app as a researcher's browser asks it
// (app.request with a session cookie, rendering included):
// 1. The explorer: a view's page cold (the wave's dataset loaded into the cache) and warm, for five views
//    (an item by type, weighted by learning route, a multiple-answer item by language, a scale's mean by type,
//    an item across waves); beside it the table alone (exploreView: the counting, no page, no chart) and the
//    chart alone (figureSvg), so the page's time can be read by part.
// 2. The data export of the demo wave from the export page (/onderzoek/export/bestand: dataset, writer, codebook,
//    read-me, zip, audit) in each format, and, as anchor in the same run, the same CSV written without the
//    workspace (buildDataExport alone on the cached dataset).
// Prints a table with the machine's load and writes bench/results/workspace.json. Measures; never fails on a
// missed target. Run alone: node --expose-gc --import tsx bench/workspace.ts [--rounds 20] [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { DatasetCache } from '../src/analysis/cache.ts';
import { findWave } from '../src/analysis/waves.ts';
import { loadDemo } from '../src/demo/index.ts';
import { createCatalog } from '../src/i18n/catalog.ts';
import { buildDataExport } from '../src/report/data-export.ts';
import { openDatabase } from '../src/storage/db.ts';
import { syncStudy } from '../src/storage/studies.ts';
import { createSession, createUser } from '../src/storage/users.ts';
import { DEFAULT_STUDY_DIR, loadStudy } from '../src/study/load.ts';
import { createApp } from '../src/web/app.ts';
import { exploreChart } from '../src/web/researcher/explore-chart.ts';
import { exploreView } from '../src/web/researcher/explore-view.ts';
import { WeightsCache } from '../src/web/researcher/workspace-data.ts';

export interface WorkspaceBenchOptions {
  /** Warm rounds per view and per export format (default 20 views, 5 exports; --quick: 5 and 2). */
  readonly rounds?: number;
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

export interface Timing {
  readonly median: number;
  readonly p95: number;
  readonly runs: number;
}

export interface WorkspaceBenchResult {
  readonly rows: number;
  readonly load: { readonly before: string; readonly after: string };
  readonly views: readonly {
    readonly view: string;
    readonly coldMs: number;
    readonly pageMs: Timing;
    readonly tableMs: Timing;
    readonly chartMs: Timing | null;
  }[];
  readonly exports: readonly { readonly format: string; readonly seconds: Timing; readonly bytes: number }[];
  readonly csvAnchorSeconds: Timing;
}

const VIEWS = [
  'meting=2024&vraag=Q3.01&uitsplitsing=type',
  'meting=2024&vraag=Q3.01&uitsplitsing=route&gewogen=1',
  'meting=2024&vraag=Q3.08&uitsplitsing=language',
  'meting=2024&vraag=maatschappelijk_doel&uitsplitsing=type',
  'meting=2024&vraag=Q3.01&uitsplitsing=wave',
] as const;
const FORMATS = ['csv', 'xlsx', 'sav'] as const;

const now = (): number => performance.now();
const load1 = (): string => (loadavg()[0] as number).toFixed(2);
const timing = (xs: readonly number[]): Timing => {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN,
    p95: sorted[Math.ceil(sorted.length * 0.95) - 1] ?? NaN,
    runs: sorted.length,
  };
};
async function timed(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = now();
    await run();
    times.push(now() - start);
  }
  return times;
}

/** The workspace benchmark: explorer views and data exports on the demo wave. */
export async function runWorkspaceBench(options: WorkspaceBenchOptions = {}): Promise<WorkspaceBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rounds = options.rounds ?? (options.quick ? 5 : 20);
  const exportRounds = options.quick ? 2 : 5;
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await database.migrate();
    const study = loadStudy(DEFAULT_STUDY_DIR);
    await syncStudy(database.db, study);
    const db = database.db;
    log('workspace bench: loading the demo waves (2023, 2024) into embedded PGlite…');
    await loadDemo(db, study, { stderr: () => {} });
    // As in bench/monitor.ts: the demo's rows are older than the cache's window of recent changes.
    await db.execute(sql`update responses set updated_at = updated_at - interval '2 hours'`);
    const user = await createUser(db, { username: 'bench', passwordHash: 'x', role: 'researcher' });
    const { secret } = await createSession(db, user.id, 8 * 3600_000);
    const catalog = createCatalog();
    const app = createApp({ db, study, catalog, contactEmail: 'bench@example.org', secureCookies: false });
    /** The answer's size in bytes, read whole as a browser would. */
    const ask = async (path: string): Promise<number> => {
      const res = await app.request(path, { headers: { cookie: `pp_session=${secret}` } });
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      return (await res.arrayBuffer()).byteLength;
    };
    const before = load1();
    const wave = findWave(study, '2024');
    // The table alone, on a cache of its own (warm after its first call), as the page computes it.
    const datasets = new DatasetCache(db, study);
    const weights = new WeightsCache();
    const rows = (await datasets.get(wave)).rows;
    const channels = { registered: new Set<string>(), letters: new Set<string>(['duo-brief']) };
    const views: WorkspaceBenchResult['views'][number][] = [];
    for (const view of VIEWS) {
      const query = Object.fromEntries(new URLSearchParams(view));
      const cold = now();
      await ask(`/onderzoek/tabellen?${view}`);
      const coldMs = now() - cold;
      const pageMs = timing(await timed(rounds, () => ask(`/onderzoek/tabellen?${view}`)));
      const compute = () => exploreView({ study, catalog, datasets, weights }, query, 'nl', channels);
      const computed = await compute();
      const tableMs = timing(await timed(rounds, compute));
      const chartMs =
        computed.result?.kind === 'mean' ? null : timing(await timed(rounds, () => exploreChart(computed.result, computed.item, 'nl')));
      views.push({ view, coldMs, pageMs, tableMs, chartMs });
    }
    const exports: WorkspaceBenchResult['exports'][number][] = [];
    for (const format of FORMATS) {
      const path = `/onderzoek/export/bestand?verstuurd=1&afgerond=1&meting=2024&formaat=${format}`;
      let bytes = 0;
      const seconds = await timed(exportRounds, async () => {
        bytes = await ask(path);
      });
      exports.push({ format, seconds: timing(seconds.map((ms) => ms / 1000)), bytes });
    }
    const data = await datasets.get(wave);
    const anchor = await timed(exportRounds, () =>
      buildDataExport(data, {
        format: 'csv',
        values: 'codes',
        missing: 'empty',
        raw: false,
        lang: 'nl',
        rows: null,
        filters: { waves: [wave.id], questionnaire: null, channel: null, completedOnly: true },
        study: study.id,
        dataFile: 'bench.csv',
        codebookFile: 'bench.codebook.json',
        madeBy: 'bench',
        madeAt: new Date(0),
      }),
    );
    const result: WorkspaceBenchResult = {
      rows,
      load: { before, after: load1() },
      views,
      exports,
      csvAnchorSeconds: timing(anchor.map((ms) => ms / 1000)),
    };
    report(result, log);
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/workspace.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await database.close();
  }
}

function report(r: WorkspaceBenchResult, log: (line: string) => void): void {
  const ms = (t: Timing | null): string => (t ? `${t.median.toFixed(1)} / ${t.p95.toFixed(1)}` : '–');
  log(`\nWorkspace on the demo wave 2024 (${r.rows} completed responses), embedded PGlite; load ${r.load.before} → ${r.load.after}`);
  log('Explorer, time to a table (ms, median / p95; aim under 200 ms):');
  log('  view                                                   cold    page (warm)      table alone   chart alone');
  for (const v of r.views)
    log(
      `  ${v.view.padEnd(54)} ${v.coldMs.toFixed(0).padStart(5)}   ${ms(v.pageMs).padEnd(15)}  ${ms(v.tableMs).padEnd(12)}  ${ms(v.chartMs)}`,
    );
  log('Data export from the export page, the whole zip (s, median / p95; aim under 2 s):');
  for (const e of r.exports)
    log(
      `  ${e.format.padEnd(5)} ${e.seconds.median.toFixed(2)} / ${e.seconds.p95.toFixed(2)} s   ${(e.bytes / 1024).toFixed(0)} KB zipped`,
    );
  log(`  anchor: the CSV by buildDataExport alone on the cached dataset ${r.csvAnchorSeconds.median.toFixed(2)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, quick: { type: 'boolean', default: false } }, strict: true });
  await runWorkspaceBench({ ...(values.rounds ? { rounds: Number(values.rounds) } : {}), quick: values.quick });
}
