// The respondent benchmarks of issue 5, item 8: page weight per language, time to a usable page in Chromium
// on Slow-3G with a 4x slower CPU (ours and SurveyJS side by side), and page saves per second under 200
// concurrent respondents against PostgreSQL with the PostgreSQL ceiling beside it. Measures, never asserts.
// Run through bench/run.ts (`npm run bench -- --only respondent [--quick]`).
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { createCatalog } from '../src/i18n/catalog.ts';
import { LANGUAGES, type Language } from '../src/questionnaire/types.ts';
import { createApp } from '../src/web/app.ts';
import { FONT_COOKIE, FONT_MANIFEST } from '../src/web/fonts.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { createBenchDatabase, type BenchDatabase } from './respondent-db.ts';
import { CPU_SLOWDOWN, measurePage, median, SLOW_3G, type RunMeasure } from './respondent-browser.ts';
import { pgbenchAvailable, runPgbench, seedResponses, type PgbenchResult } from './respondent-pg.ts';
import { runLoad, type LoadResult } from './respondent-saves.ts';
import { startChildServer } from './respondent-server.ts';
import { benchQuestionnaire } from './respondent-walk.ts';
import { BUDGET_BYTES, measureWeights, sizesOf, type PageWeight, type Sizes } from './respondent-weight.ts';
import { surveyJsFile, surveyJsPage, surveyJsSite, surveyJsVersion } from './surveyjs/site.ts';
import { dirname } from 'node:path';

export interface RespondentBenchOptions {
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
  /** Where the JSON goes; default bench/results/respondent.json. */
  readonly out?: string;
  /** Which parts to run (default all); the page weights (a few seconds) always run. */
  readonly parts?: ReadonlySet<RespondentBenchPart>;
}

export const RESPONDENT_BENCH_PARTS = ['browser', 'saves', 'pgbench'] as const;

/** Saves a second the 200 respondents offer together in the open-loop runs. */
const OPEN_LOOP_RATES = [500, 1000, 1500, 1800, 2000, 2300] as const;
export type RespondentBenchPart = (typeof RESPONDENT_BENCH_PARTS)[number];

interface BrowserSummary {
  readonly runs: number;
  readonly usableMedianMs: number;
  readonly usableMinMs: number;
  readonly usableMaxMs: number;
  readonly domContentLoadedMedianMs: number;
  readonly firstContentfulPaintMedianMs: number;
  readonly transferredBytesMedian: number;
  readonly fonts: Readonly<Record<string, number>>;
  readonly samples: readonly RunMeasure[];
}

const summarize = (samples: readonly RunMeasure[]): BrowserSummary => ({
  runs: samples.length,
  usableMedianMs: median(samples.map((s) => s.usableMs)),
  usableMinMs: Math.min(...samples.map((s) => s.usableMs)),
  usableMaxMs: Math.max(...samples.map((s) => s.usableMs)),
  domContentLoadedMedianMs: median(samples.map((s) => s.domContentLoadedMs)),
  firstContentfulPaintMedianMs: median(samples.map((s) => s.firstContentfulPaintMs)),
  transferredBytesMedian: median(samples.map((s) => s.transferredBytes)),
  fonts: samples[0]?.fonts ?? {},
  samples,
});

interface LanguageTiming {
  /** Cold: the app as it serves today (compressed as negotiated, the first font slice inside the page). */
  readonly asServed: BrowserSummary;
  /** The anchor: the same app uncompressed, with pages referring to the font files (as before issue 13). */
  readonly before: BrowserSummary;
  readonly viaLanding: BrowserSummary;
  readonly surveyJs: BrowserSummary;
}

/** The font cookie naming every first slice: pages refer to the font files, as they all did before issue 13. */
const FONT_FILES_COOKIE = {
  name: FONT_COOKIE,
  value: FONT_MANIFEST.fonts
    .flatMap((f) => f.slices.filter((s) => s.name === 'first'))
    .map((s) => /\.([0-9a-f]{8})\.woff2$/.exec(s.file)![1]!)
    .join('.'),
};

type Load = readonly [number, number, number];
const loadavg = (): Load => os.loadavg().map((x) => Math.round(x * 100) / 100) as unknown as Load;

async function listen(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const kb = (n: number): string => (n / 1024).toFixed(1);
const s = (ms: number): string => (ms / 1000).toFixed(2);
const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

function surveyJsBytes(bench: BenchDatabase, lang: Language): { html: Sizes; scripts: Sizes; css: Sizes; total: Sizes } {
  const file = surveyJsFile;
  const html = sizesOf(Buffer.from(surveyJsPage(benchQuestionnaire(bench.study), lang, createCatalog())));
  const core = sizesOf(file('survey-core', 'survey.core.min.js'));
  const ui = sizesOf(file('survey-js-ui', 'survey-js-ui.min.js'));
  const css = sizesOf(file('survey-core', 'survey-core.fontless.min.css'));
  const add = (...xs: Sizes[]): Sizes => ({
    raw: xs.reduce((a, x) => a + x.raw, 0),
    gzip: xs.reduce((a, x) => a + x.gzip, 0),
    brotli: xs.reduce((a, x) => a + x.brotli, 0),
  });
  return { html, scripts: add(core, ui), css, total: add(html, core, ui, css) };
}

/**
 * Polls PostgreSQL every 250 ms for a vacuum in progress (autovacuum included) and counts the checkpoints
 * (NaN where the server keeps them elsewhere: pg_stat_checkpointer from PostgreSQL 17).
 */
async function watchPostgres(
  client: pg.Client,
): Promise<{ stop(): Promise<{ vacuums: { at: number; table: string }[]; checkpoints: number }> }> {
  const checkpoints = (): Promise<number> =>
    client.query<{ n: number }>('select (checkpoints_timed + checkpoints_req)::float8 as n from pg_stat_bgwriter').then(
      (r) => r.rows[0]?.n ?? Number.NaN,
      () => Number.NaN,
    );
  const first = await checkpoints();
  const vacuums: { at: number; table: string }[] = [];
  let stopped = false as boolean; // set by stop(), which control-flow analysis does not follow into the loop
  const poll = (async () => {
    while (!stopped) {
      const at = performance.now();
      const rows = await client.query<{ table: string }>(
        'select coalesce(c.relname, v.relid::text) as "table" from pg_stat_progress_vacuum v left join pg_class c on c.oid = v.relid',
      );
      for (const row of rows.rows) vacuums.push({ at, table: row.table });
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await poll;
      return { vacuums, checkpoints: (await checkpoints()) - first };
    },
  };
}

export async function runRespondentBench(opts: RespondentBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const quick = opts.quick ?? false;
  const runs = quick ? 1 : 5;
  const extraRuns = quick ? 1 : 3;
  const surveyJsRuns = quick ? 1 : 3;
  const loadSeconds = quick ? 5 : 20;
  const pgSeconds = quick ? 3 : 10;
  const parts: ReadonlySet<RespondentBenchPart> = opts.parts ?? new Set(RESPONDENT_BENCH_PARTS);
  const result: Record<string, unknown> = {
    when: new Date().toISOString(),
    quick,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    loadavgStart: loadavg(),
  };
  log(`respondent bench${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, load average ${loadavg().join(' ')}`);

  const bench = await createBenchDatabase();
  const closers: (() => Promise<void>)[] = [];
  try {
    const pgVersion =
      ((await bench.database.db.execute<{ v: string }>('select version() as v')) as { rows: { v: string }[] }).rows[0]?.v ?? '';
    result['postgres'] = pgVersion.split(' on ')[0];
    // The real server starts first: `perspectief serve` re-syncs the study at start-up, and on a database
    // that already holds responses that sync refuses (see docs/benchmarks.md, "Found on the way").
    const server = await startChildServer(bench.url);
    closers.push(() => server.stop());
    const catalog = createCatalog();
    const deps = { db: bench.database.db, study: bench.study, catalog, contactEmail: 'bench@example.org', secureCookies: false };
    const plain = await listen(createApp(deps));
    closers.push(plain.close);
    const uncompressed = await listen(createApp({ ...deps, compression: false }));
    closers.push(uncompressed.close);
    const surveyJs = await listen(surveyJsSite(benchQuestionnaire(bench.study), catalog, true));
    closers.push(surveyJs.close);

    // 1. Bytes.
    const weights: PageWeight[] = await measureWeights(new URL(plain.url));
    const sjs = Object.fromEntries(LANGUAGES.map((l) => [l, surveyJsBytes(bench, l)]));
    result['weight'] = {
      budgetBytes: BUDGET_BYTES,
      gzipLevel: 6,
      brotliQuality: 5,
      ours: weights,
      surveyJs: { version: surveyJsVersion(), perLanguage: sjs },
    };
    log('');
    log(
      `1. First page of wi2021-asiel (from the landing page), bytes; budget ${kb(BUDGET_BYTES)} KB. gzip -6, brotli q5. Fonts apart (woff2); cold br: the HTML a browser without the font gets (first slice inside), brotli.`,
    );
    const w1 = [5, 9, 9, 11, 11, 10, 9, 11, 22, 14, 14];
    log(
      pad(
        [
          'lang',
          'HTML KB',
          'gzip KB',
          'brotli KB',
          'cold br KB',
          '+JS/CSS',
          'page KB',
          'page gz KB',
          'fonts declared (KB)',
          'SurveyJS gz KB',
          'ratio (gzip)',
        ],
        w1,
      ),
    );
    for (const w of weights) {
      const fonts = Object.values(w.fontsDeclared);
      const fontText = fonts.length === 0 ? '-' : `${fonts.length} files, ${kb(fonts.reduce((a, b) => a + b, 0))}`;
      const other = sjs[w.lang]!.total.gzip;
      log(
        pad(
          [
            w.lang,
            kb(w.html.raw),
            kb(w.html.gzip),
            kb(w.html.brotli),
            kb(w.cold.brotli),
            String(Object.keys(w.subresources).length),
            kb(w.page.raw),
            kb(w.page.gzip),
            fontText,
            kb(other),
            `${(other / w.page.gzip).toFixed(0)}x`,
          ],
          w1,
        ),
      );
    }

    // 2. and 3. Chromium.
    if (parts.has('browser')) {
      const browser = await launchChromium();
      result['chromium'] = browser.version();
      const timing: Partial<Record<Language, LanguageTiming>> = {};
      try {
        log('');
        log(
          `2./3. Time to a usable page, Chromium ${browser.version()}, Slow-3G (${SLOW_3G.latency} ms RTT, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s), CPU ${CPU_SLOWDOWN}x slower; median of ${runs} (before and via landing ${extraRuns}, SurveyJS ${surveyJsRuns}), cold cache; target <= 1.5 s. before: uncompressed, font by file (the anchor).`,
        );
        const w2 = [5, 16, 14, 12, 16, 14, 13, 9];
        log(pad(['lang', 'as served s', '(min-max)', 'before s', 'via landing s', 'SurveyJS s', 'SurveyJS ratio', 'load avg'], w2));
        for (const w of weights) {
          const measure = async (n: number, url: string, options: Parameters<typeof measurePage>[2] = {}): Promise<BrowserSummary> => {
            const samples: RunMeasure[] = [];
            for (let i = 0; i < n; i++) samples.push(await measurePage(browser, url, options));
            return summarize(samples);
          };
          const row: LanguageTiming = {
            asServed: await measure(runs, `${plain.url}${w.path}`),
            before: await measure(extraRuns, `${uncompressed.url}${w.path}`, { cookies: [FONT_FILES_COOKIE] }),
            viaLanding: await measure(extraRuns, `${plain.url}${w.path}`, { warmUrl: `${plain.url}/${w.lang}/vragen` }),
            surveyJs: await measure(surveyJsRuns, `${surveyJs.url}/surveyjs/${w.lang}.html`),
          };
          timing[w.lang] = row;
          log(
            pad(
              [
                w.lang,
                s(row.asServed.usableMedianMs),
                `${s(row.asServed.usableMinMs)}-${s(row.asServed.usableMaxMs)}`,
                s(row.before.usableMedianMs),
                s(row.viaLanding.usableMedianMs),
                s(row.surveyJs.usableMedianMs),
                `${(row.surveyJs.usableMedianMs / row.asServed.usableMedianMs).toFixed(1)}x`,
                loadavg()[0].toFixed(2),
              ],
              w2,
            ),
          );
        }
        log('   bytes on the wire in Chromium (all requests, headers included), median:');
        for (const [lang, row] of Object.entries(timing) as [Language, LanguageTiming][]) {
          const fonts =
            Object.entries(row.asServed.fonts)
              .map(([f, b]) => `${f.replace(/^noto-sans-|-normal\.woff2$/g, '')} ${kb(b)}`)
              .join(', ') || 'no font file';
          const before =
            Object.entries(row.before.fonts)
              .map(([f, b]) => `${f.replace(/^noto-sans-|\.woff2$/g, '')} ${kb(b)}`)
              .join(', ') || 'no font file';
          log(
            `   ${lang}: ours as served ${kb(row.asServed.transferredBytesMedian)} KB (${fonts}), before ${kb(row.before.transferredBytesMedian)} KB (${before}); SurveyJS ${kb(row.surveyJs.transferredBytesMedian)} KB`,
          );
        }
      } finally {
        await browser.close();
      }
      result['timing'] = {
        network: SLOW_3G,
        cpuSlowdown: CPU_SLOWDOWN,
        viewport: '360x740 @2x, mobile',
        targetMs: 1500,
        perLanguage: timing,
      };
    }
    for (const close of closers.splice(1)) await close(); // the in-process servers; the child server stays

    // 4. Saves under load, against the real server in a child process.
    const loadResults: LoadResult[] = [];
    if (parts.has('saves')) {
      const stats = new pg.Client({ connectionString: bench.url });
      await stats.connect();
      try {
        const commits = async (): Promise<number> => {
          await new Promise((r) => setTimeout(r, 1200)); // PostgreSQL flushes backend statistics about once a second
          const r = await stats.query<{ n: number }>(
            'select xact_commit::float8 as n from pg_stat_database where datname = current_database()',
          );
          return r.rows[0]?.n ?? Number.NaN;
        };
        log('');
        log(
          `4. Page saves, 200 concurrent respondents, HTTP over loopback to \`perspectief serve\` (child process) on PostgreSQL; ${loadSeconds} s per mode; target >= 2,300 saves/s, p99 < 50 ms.`,
        );
        const w4 = [16, 10, 9, 9, 9, 8, 12, 10, 12, 10, 9];
        log(
          pad(
            [
              'mode',
              'saves/s',
              'p50 ms',
              'p90 ms',
              'p99 ms',
              'errors',
              'commits/save',
              'server cpu',
              'cpu ms/save',
              'client cpu',
              'load avg',
            ],
            w4,
          ),
        );
        const base = {
          base: server.url,
          serverPid: server.pid,
          study: bench.study,
          concurrency: 200,
          durationMs: loadSeconds * 1000,
          maxSaves: quick ? 50_000 : 200_000,
          commits,
        };
        const show = (label: string, r: LoadResult) =>
          log(
            pad(
              [
                label,
                r.savesPerSecond.toFixed(0),
                r.p50Ms.toFixed(1),
                r.p90Ms.toFixed(1),
                r.p99Ms.toFixed(1),
                String(r.errors),
                r.commitsPerSave.toFixed(2),
                r.serverCores.toFixed(2),
                r.serverCpuMsPerSave.toFixed(2),
                r.loadGeneratorCores.toFixed(2),
                loadavg()[0].toFixed(2),
              ],
              w4,
            ),
          );
        // Closed loops: every respondent posts again as soon as it is answered, so the server runs flat out
        // (throughput). With 200 in flight, mean latency = 200 / throughput (Little's law): 87 ms at 2,300/s.
        for (const viewNextPage of [false, true]) {
          const r = await runLoad({ ...base, viewNextPage });
          loadResults.push(r);
          show(r.mode, r);
        }
        // The same against one serving process per core (`serve --workers N`), as production runs it.
        for (const close of closers.splice(0)) await close();
        const workers = os.availableParallelism();
        const cluster = await startChildServer(bench.url, { serveArgs: ['--workers', String(workers)] });
        closers.push(() => cluster.stop());
        const onCluster = { ...base, base: cluster.url, serverPid: cluster.pid, processes: workers };
        for (const viewNextPage of [false, true]) {
          const r = await runLoad({ ...onCluster, viewNextPage });
          loadResults.push(r);
          show(`${r.mode} ×${workers}`, r);
        }
        // Open loops: the 200 respondents together offer a fixed rate (each waits its turn, like a person
        // reading the page) and latency counts from the scheduled moment. Latency against the load offered.
        // Where saves took over 50 ms, the seconds of the run are printed beside what PostgreSQL did then
        // (a vacuum in progress, checkpoints), to tell the database's pauses from the server's.
        for (const offered of OPEN_LOOP_RATES) {
          const openMs = Math.max(base.durationMs, (3 * 1000 * base.concurrency) / offered); // each respondent saves >= 3 times
          const watch = await watchPostgres(stats);
          const r = await runLoad({ ...onCluster, durationMs: openMs, viewNextPage: false, offeredPerSecond: offered });
          const seen = await watch.stop();
          loadResults.push(r);
          show(`save@${offered}/s ×${workers}`, r);
          const vacuums = seen.vacuums
            .filter((v) => v.at >= r.startedAt)
            .map((v) => `${((v.at - r.startedAt) / 1000).toFixed(1)} s ${v.table}`);
          if (r.slowSeconds.length > 0 || seen.checkpoints > 0) {
            log(
              `      saves over 50 ms by second of the run: ${r.slowSeconds.map((x) => `${x.second} s: ${x.saves} (max ${x.maxMs.toFixed(0)} ms)`).join(', ') || 'none'}; ` +
                `vacuum in progress at: ${[...new Set(vacuums)].join(', ') || 'none seen'}; checkpoints: ${seen.checkpoints}`,
            );
          }
        }
        const open = loadResults.filter((r) => r.offeredPerSecond !== undefined);
        const within = open.filter((r) => r.p99Ms < 50 && r.errors === 0 && r.savesPerSecond >= 0.97 * r.offeredPerSecond!);
        const bestClosed = Math.max(
          ...loadResults.filter((r) => r.mode === 'save' && r.offeredPerSecond === undefined).map((r) => r.savesPerSecond),
        );
        const missed = open.filter((r) => !within.includes(r)).map((r) => r.offeredPerSecond!);
        log(
          `   most saves/s: ${bestClosed.toFixed(0)} (target >= 2,300); p99 < 50 ms, all offered saves served, at ${within.length} of ${open.length} offered rates ` +
            `(${OPEN_LOOP_RATES.join(', ')})${missed.length > 0 ? `; missed at ${missed.join(', ')}` : ''}.`,
        );
      } finally {
        await stats.end();
        for (const close of closers.splice(0)) await close();
      }
      result['saves'] = loadResults;
    }

    // PostgreSQL alone.
    if (parts.has('pgbench')) {
      let pgResults: PgbenchResult[] = [];
      if (pgbenchAvailable()) {
        const q = benchQuestionnaire(bench.study);
        await seedResponses(bench.url, bench.study.waves.at(-1)!.id, { id: q.id, version: q.version });
        pgResults = runPgbench(bench.url, pgSeconds, 10);
        log('');
        log(`   PostgreSQL alone (pgbench, 10 connections like the app's pool, ${pgSeconds} s each):`);
        const saveRates = loadResults.filter((r) => r.mode === 'save' && r.offeredPerSecond === undefined).map((r) => r.savesPerSecond);
        const best = saveRates.length > 0 ? Math.max(...saveRates) : Number.NaN;
        for (const p of pgResults) {
          const saves = p.tps * p.savesPerTransaction;
          const perSave = saves === 0 ? '' : `${saves.toFixed(0).padStart(7)} saves/s   app saves/s ÷ this: ${(best / saves).toFixed(2)}`;
          log(
            `   ${`${p.script} (${p.mode})`.padEnd(34)} ${p.tps.toFixed(0).padStart(7)} tx/s  ${p.latencyMs.toFixed(1).padStart(6)} ms avg ${perSave}`,
          );
        }
      } else {
        log('   pgbench not found: PostgreSQL ceiling skipped (apt-get install postgresql-client)');
      }
      result['postgresCeiling'] = pgResults;
    }
  } finally {
    for (const close of closers) await close();
    await bench.drop();
  }
  result['loadavgEnd'] = loadavg();
  log('');
  log(`load average at the end: ${loadavg().join(' ')}`);
  const out = opts.out ?? new URL('./results/respondent.json', import.meta.url).pathname;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${out}`);
  return result;
}
