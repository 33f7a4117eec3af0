// The first page, cold, per language (issue 13, item 12): time to a usable first questionnaire page in
// Chromium on Slow-3G with a 4x slower CPU (bench/respondent-browser.ts), for nl, en, ar, tr and ti, beside
// three anchors measured in the same run, interleaved round by round so that a busy machine weighs on all
// alike:
//   - before: the same app uncompressed, its pages referring to the font files (as served before issue 13);
//   - floor: a page of the same bytes on the wire as ours, sent uncompressed in one answer, all of them
//     before a single radio button, with no font, style or script: what the throttled network and browser
//     need for those bytes whatever the page holds. Beside it the arithmetic: one added round trip plus the
//     bytes at 400 kbit/s;
//   - SurveyJS: the same questionnaire in SurveyJS (bench/surveyjs/), gzipped.
// Measures and prints, never asserts. Exported for bench/run.ts: runFirstPageBench().
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createCatalog } from '../src/i18n/catalog.ts';
import { LANGUAGES, type Language } from '../src/questionnaire/types.ts';
import { createApp } from '../src/web/app.ts';
import { FONT_COOKIE, FONT_MANIFEST } from '../src/web/fonts.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { createBenchDatabase } from './respondent-db.ts';
import { CPU_SLOWDOWN, measurePage, median, SLOW_3G, type RunMeasure } from './respondent-browser.ts';
import { benchQuestionnaire, request, startResponse } from './respondent-walk.ts';
import { surveyJsSite } from './surveyjs/site.ts';

export interface FirstPageBenchOptions {
  /** One run of each case instead of 5 (ours) and 3 (anchors). */
  readonly quick?: boolean;
  readonly languages?: readonly Language[];
  readonly log?: (line: string) => void;
  /** Where the JSON goes; default bench/results/first-page.json. */
  readonly out?: string;
}

export const FIRST_PAGE_TARGET_MS = 1500;

interface Summary {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly transferredBytesMedian: number;
  readonly samples: readonly RunMeasure[];
}

export interface FirstPageTiming {
  readonly lang: Language;
  /** Our cold first page's HTML on the wire (status line, headers, brotli body): the floor page's size. */
  readonly documentBytes: number;
  /** Every request of our cold page as Chromium counted them (the deferred script, the prefetched font), median. */
  readonly transferredBytes: number;
  readonly asServed: Summary;
  readonly before: Summary;
  readonly floor: Summary;
  /** One added round trip plus the page's bytes at the emulated throughput. */
  readonly floorArithmeticMs: number;
  readonly surveyJs: Summary;
  readonly loadavg: number;
}

const summarize = (samples: readonly RunMeasure[]): Summary => ({
  medianMs: median(samples.map((s) => s.usableMs)),
  minMs: Math.min(...samples.map((s) => s.usableMs)),
  maxMs: Math.max(...samples.map((s) => s.usableMs)),
  transferredBytesMedian: median(samples.map((s) => s.transferredBytes)),
  samples,
});

/** The font cookie naming every first slice: pages refer to the font files, as they all did before issue 13. */
const FONT_FILES_COOKIE = {
  name: FONT_COOKIE,
  value: FONT_MANIFEST.fonts
    .flatMap((f) => f.slices.filter((s) => s.name === 'first'))
    .map((s) => /\.([0-9a-f]{8})\.woff2$/.exec(s.file)![1]!)
    .join('.'),
};

/** The bytes of a cold browser's answer to GET `path` (brotli accepted, no cookie): status line, headers, body. */
function documentBytes(base: URL, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } },
      (res) => {
        let body = 0;
        res.on('data', (chunk: Buffer) => (body += chunk.length));
        res.on('end', () => {
          const headers = res.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0); // "name: value\r\n"
          resolve(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + headers + 2 + body);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/**
 * Pages of `bytes` bytes (HTML as sent, no compression): a radio button after incompressible padding in the
 * head, so every byte must arrive before the page can be used.
 */
function floorSite(): Hono {
  const app = new Hono();
  app.get('/floor/:lang/:bytes', (c) => {
    const lang = c.req.param('lang');
    const bytes = Number(c.req.param('bytes'));
    const head = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title><!-- `;
    const tail = ` --></head><body><form><label><input type="radio" name="a" value="1"> 1</label></form></body></html>`;
    const room = Math.max(0, bytes - head.length - tail.length);
    const padding = randomBytes(Math.ceil(room * 0.75) + 3) // base64 has no '-': the comment cannot end early
      .toString('base64')
      .slice(0, room);
    c.header('Cache-Control', 'no-store');
    return c.body(`${head}${padding}${tail}`, 200, { 'Content-Type': 'text/html; charset=utf-8' });
  });
  return app;
}

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const load1 = (): number => Math.round(os.loadavg()[0]! * 100) / 100;
const s = (ms: number): string => (ms / 1000).toFixed(2);
const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

/**
 * Cold first page per language in Chromium (Slow-3G, CPU 4x slower) beside the uncompressed font-file
 * anchor, the same bytes' floor and SurveyJS, measured in one run; prints a table, writes JSON, returns it.
 */
export async function runFirstPageBench(opts: FirstPageBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const quick = opts.quick ?? false;
  const languages = opts.languages ?? LANGUAGES;
  const runs = quick ? 1 : 5;
  const anchorRuns = quick ? 1 : 3;
  const result: Record<string, unknown> = {
    when: new Date().toISOString(),
    quick,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version },
    network: SLOW_3G,
    cpuSlowdown: CPU_SLOWDOWN,
    targetMs: FIRST_PAGE_TARGET_MS,
    loadavgStart: os.loadavg(),
  };
  log(
    `first-page bench${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const bench = await createBenchDatabase();
  const closers: (() => Promise<void>)[] = [];
  try {
    const catalog = createCatalog();
    const deps = { db: bench.database.db, study: bench.study, catalog, contactEmail: 'bench@example.org', secureCookies: false };
    const ours = await listen(createApp(deps).fetch);
    closers.push(ours.close);
    const uncompressed = await listen(createApp({ ...deps, compression: false }).fetch);
    closers.push(uncompressed.close);
    const floor = await listen(floorSite().fetch);
    closers.push(floor.close);
    const surveyJs = await listen(surveyJsSite(benchQuestionnaire(bench.study), catalog, true).fetch);
    closers.push(surveyJs.close);

    // One response per language, reached through the landing page as a person reaches it.
    const agent = new http.Agent({ keepAlive: true });
    const paths = new Map<Language, string>();
    const sizes = new Map<Language, number>();
    try {
      for (const lang of languages) {
        const path = await startResponse(agent, new URL(ours.url), lang);
        const page = await request(agent, new URL(ours.url), 'GET', path);
        if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
        paths.set(lang, path);
        sizes.set(lang, await documentBytes(new URL(ours.url), path));
      }
    } finally {
      agent.destroy();
    }

    const browser = await launchChromium();
    result['chromium'] = browser.version();
    const timings: FirstPageTiming[] = [];
    try {
      log(
        `Cold first page of wi2021-asiel, usable (s) in Chromium ${browser.version()}: Slow-3G (${SLOW_3G.latency} ms added per round trip, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s), CPU ${CPU_SLOWDOWN}x slower, empty cache; median of ${runs} (anchors ${anchorRuns}), interleaved; target <= ${s(FIRST_PAGE_TARGET_MS)} s.`,
      );
      const samples = new Map<Language, { ours: RunMeasure[]; before: RunMeasure[]; floor: RunMeasure[]; sjs: RunMeasure[] }>(
        languages.map((l) => [l, { ours: [], before: [], floor: [], sjs: [] }]),
      );
      // A first, untimed load: the browser's own start-up costs fall on no case.
      await measurePage(browser, `${ours.url}${paths.get(languages[0]!)!}`);
      for (let round = 0; round < runs; round++) {
        for (const lang of languages) {
          const row = samples.get(lang)!;
          row.ours.push(await measurePage(browser, `${ours.url}${paths.get(lang)!}`));
          if (round < anchorRuns) {
            row.floor.push(await measurePage(browser, `${floor.url}/floor/${lang}/${sizes.get(lang)!}`));
            row.before.push(await measurePage(browser, `${uncompressed.url}${paths.get(lang)!}`, { cookies: [FONT_FILES_COOKIE] }));
            row.sjs.push(await measurePage(browser, `${surveyJs.url}/surveyjs/${lang}.html`));
          }
        }
      }
      const widths = [5, 8, 11, 8, 9, 9, 8, 8, 9, 6];
      log(pad(['lang', 'ours s', '(min-max)', 'HTML KB', 'all KB', 'before s', 'floor s', 'arith s', 'SurveyJS', 'load'], widths));
      for (const lang of languages) {
        const row = samples.get(lang)!;
        const asServed = summarize(row.ours);
        const bytes = sizes.get(lang)!;
        const timing: FirstPageTiming = {
          lang,
          documentBytes: bytes,
          transferredBytes: asServed.transferredBytesMedian,
          asServed,
          before: summarize(row.before),
          floor: summarize(row.floor),
          floorArithmeticMs: SLOW_3G.latency + (1000 * bytes) / SLOW_3G.downloadThroughput,
          surveyJs: summarize(row.sjs),
          loadavg: load1(),
        };
        timings.push(timing);
        log(
          pad(
            [
              lang,
              s(asServed.medianMs),
              `${s(asServed.minMs)}-${s(asServed.maxMs)}`,
              (bytes / 1024).toFixed(1),
              (asServed.transferredBytesMedian / 1024).toFixed(1),
              s(timing.before.medianMs),
              s(timing.floor.medianMs),
              s(timing.floorArithmeticMs),
              s(timing.surveyJs.medianMs),
              load1().toFixed(2),
            ],
            widths,
          ),
        );
      }
      const missed = timings.filter((t) => t.asServed.medianMs > FIRST_PAGE_TARGET_MS).map((t) => t.lang);
      log(
        `   ours - floor (what the page costs beyond its bytes): ${timings.map((t) => `${t.lang} ${s(t.asServed.medianMs - t.floor.medianMs)}`).join(', ')}; ` +
          `target ${s(FIRST_PAGE_TARGET_MS)} s ${missed.length === 0 ? 'met in every language' : `missed in ${missed.join(', ')}`}.`,
      );
    } finally {
      await browser.close();
    }
    result['perLanguage'] = timings;
  } finally {
    for (const close of closers) await close();
    await bench.drop();
  }
  result['loadavgEnd'] = os.loadavg();
  log(
    `load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const out = opts.out ?? new URL('./results/first-page.json', import.meta.url).pathname;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${out}`);
  return result;
}
