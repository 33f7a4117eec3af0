// Benchmark of `perspectief report build` on the demo wave (embedded database, the synthetic demo loaded once
// into a fresh data folder beforehand, not timed): the command as a researcher runs it, once without Chromium
// (rapport.html, report.json and the 79 SVGs) and once with the PDF (two Chromium passes), wall time and peak
// memory (the command's process and its Chromium processes, sampled from /proc); the figures drawn per second
// (Vega-Lite compiled and rendered to SVG by vega, in this process, from the build's own report.json). The
// anchor, measured in the same run: the same rapport.html printed once by Chromium alone (no build, no second
// pass), which is the floor any PDF of this document costs. Aims (issue 14): HTML under 5 s, PDF under 30 s.
// Run: node --import tsx bench/report-build.ts [--runs 3] [--quick]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromiumPath, openPrinter } from '../src/fieldwork/pdf.ts';
import { figureSvg } from '../src/report/figure-svg.ts';
import type { PrintedFigure } from '../src/report/tables-json.ts';
import { compiledCli } from './report-common.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PAGE = 4096;

/** Resident memory of `root` and every process below it, from /proc (0 when it has ended). */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * PAGE);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

interface CommandRun {
  readonly seconds: number;
  readonly peakMb: number;
  readonly stderr: string;
}

/** Runs the perspectief command to completion; wall time and the peak memory of its process tree. */
function perspectief(args: readonly string[], env: Record<string, string>): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/perspectief.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const sampler = setInterval(() => (peak = Math.max(peak, child.pid ? treeRss(child.pid) : 0)), 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`perspectief ${args.join(' ')} exited ${code}:\n${stderr}`));
      else resolve({ seconds, peakMb: peak / 1e6, stderr });
    });
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface ReportBuildBenchResult {
  /** `report build` without Chromium: HTML, report.json and SVGs (median wall seconds over the runs). */
  readonly htmlSeconds: number;
  readonly htmlPeakMb: number;
  /** `report build` with the PDF. */
  readonly pdfSeconds: number;
  readonly pdfPeakMb: number;
  readonly pages: number;
  /** Figures drawn per second (Vega-Lite → vega SVG, in this process). */
  readonly figuresPerSecond: number;
  /** Anchor: the same rapport.html printed once by Chromium alone. */
  readonly anchorPrintSeconds: number;
}

/** The report build on the demo wave, beside the anchor of Chromium printing the same HTML alone. */
export async function runReportBuildBench(
  options: { runs?: number; quick?: boolean; log?: (line: string) => void } = {},
): Promise<ReportBuildBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const runs = options.quick ? 1 : (options.runs ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-bench-report-'));
  const env = { PERSPECTIEF_DATA_DIR: join(dir, 'data') };
  try {
    log(
      `report build: demo wave 2024, ${runs} run(s) each; load average before: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`,
    );
    log(`  ${compiledCli()}`);
    // The demo goes into the fresh database first (not timed): `report figures` loads it on first use.
    const demo = await perspectief(['report', 'figures', '--json'], env);
    log(`  (demo loaded into a fresh embedded database in ${demo.seconds.toFixed(1)} s, not counted)`);
    const html: CommandRun[] = [];
    const pdf: CommandRun[] = [];
    for (let i = 0; i < runs; i++) {
      html.push(await perspectief(['report', 'build', '--out', join(dir, `html-${i}`)], { ...env, PERSPECTIEF_CHROMIUM: '/nonexistent' }));
      pdf.push(await perspectief(['report', 'build', '--out', join(dir, `pdf-${i}`)], env));
    }
    const pages = Number(/rapport\.pdf: (\d+) pages/.exec(pdf[0]!.stderr)?.[1] ?? 0);
    // Figures per second, from the build's own printed figures.
    const printed = JSON.parse(readFileSync(join(dir, 'html-0', 'report.json'), 'utf8')) as { figures: Record<string, PrintedFigure> };
    const figures = Object.values(printed.figures);
    await figureSvg(figures[0]!, { lang: 'nl' }); // warm the compiler
    const drawStart = performance.now();
    for (const f of figures) await figureSvg(f, { lang: 'nl' });
    const figuresPerSecond = figures.length / ((performance.now() - drawStart) / 1000);
    // Anchor: Chromium alone prints the same HTML once (tagged, outline, footer, as the build asks).
    const printer = await openPrinter(chromiumPath(process.env));
    const anchorRuns: number[] = [];
    try {
      const document = readFileSync(join(dir, 'html-0', 'rapport.html'), 'utf8');
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await printer.pdf(document, {
          tagged: true,
          outline: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: '<span class="pageNumber"></span>',
        });
        anchorRuns.push((performance.now() - started) / 1000);
      }
    } finally {
      await printer.close();
    }
    const result: ReportBuildBenchResult = {
      htmlSeconds: median(html.map((r) => r.seconds)),
      htmlPeakMb: Math.max(...html.map((r) => r.peakMb)),
      pdfSeconds: median(pdf.map((r) => r.seconds)),
      pdfPeakMb: Math.max(...pdf.map((r) => r.peakMb)),
      pages,
      figuresPerSecond,
      anchorPrintSeconds: median(anchorRuns),
    };
    log(
      `  HTML (rapport.html, report.json, ${figures.length} SVGs): ${result.htmlSeconds.toFixed(2)} s wall (aim < 5 s), peak ${result.htmlPeakMb.toFixed(0)} MB`,
    );
    log(
      `  with PDF (${pages} pages, two Chromium passes): ${result.pdfSeconds.toFixed(2)} s wall (aim < 30 s), peak ${result.pdfPeakMb.toFixed(0)} MB (Node + Chromium)`,
    );
    log(`  figures: ${result.figuresPerSecond.toFixed(1)} a second (Vega-Lite → vega SVG)`);
    log(
      `  anchor: Chromium alone prints the same rapport.html once in ${result.anchorPrintSeconds.toFixed(2)} s; the build with PDF takes ${(result.pdfSeconds / result.anchorPrintSeconds).toFixed(1)}x that`,
    );
    log(`  load average after: ${loadavg()[0]!.toFixed(2)}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, quick: { type: 'boolean', default: false } }, strict: true });
  await runReportBuildBench({ quick: values.quick, ...(values.runs ? { runs: Number(values.runs) } : {}) });
}
