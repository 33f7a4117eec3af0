// Benchmark of the DUO route's letters: prints batches of letters as the command does (PDFs of up to 1,000
// letters, two at a time, in Debian's Chromium) and reports letters per second, CPU seconds per letter (this
// process and every Chromium process) and peak memory, then extrapolates to the report's mailing of 64,594
// letters. The anchor, measured in the same run, is the plain way: every letter laid out whole by Chromium
// (letterDocument, one sheet per code with all five languages); its ratio says what printing the shared body
// once and only the per-code parts per letter saves. On a busy machine the wall-clock
// rate falls, while the CPU seconds per letter stay close to what an idle machine needs; both are printed.
// Run: node --import tsx bench/letters.ts [--letters 2000] [--batch-size 1000] [--jobs 2] [--quick]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { letterDocument, type LetterSettings } from '../src/fieldwork/letter-document.tsx';
import { printLetters } from '../src/fieldwork/letters.ts';
import { publicBase } from '../src/fieldwork/links.ts';
import { loadMaterials } from '../src/fieldwork/materials.ts';
import { chromiumPath, openPrinter } from '../src/fieldwork/pdf.ts';
import { newInvitationCodes } from '../src/storage/invitations.ts';

export const MAILING = 64_594;
const TICKS = 100; // USER_HZ on Linux

/** CPU seconds and resident memory of this process's descendants (the Chromium processes), from /proc. */
function descendants(): { cpu: number; rss: number } {
  const parent = new Map<number, number>();
  const stat = new Map<number, string[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      parent.set(Number(name), Number(fields[1]));
      stat.set(Number(name), fields);
    } catch {
      // the process ended while we looked
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let cpu = 0;
  let rss = 0;
  for (const [pid, fields] of stat) {
    if (!isOurs(pid)) continue;
    // utime + stime, and cutime + cstime: renderers of closed contexts have exited and were reaped by their parent.
    cpu += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS;
    rss += Number(fields[21]) * 4096;
  }
  return { cpu, rss };
}

export interface LettersBenchResult {
  readonly letters: number;
  readonly seconds: number;
  readonly lettersPerSecond: number;
  readonly cpuSecondsPerLetter: number;
  readonly peakNodeMb: number;
  readonly peakChromiumMb: number;
  readonly pdfBytesPerLetter: number;
  readonly anchorCpuSecondsPerLetter: number;
}

async function measure(
  count: number,
  settings: LetterSettings,
  run: { batchSize: number; jobs: number },
  chromium: string,
): Promise<{ seconds: number; cpu: number; peakChromium: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-bench-letters-'));
  const printer = await openPrinter(chromium);
  let peakChromium = 0;
  const sampler = setInterval(() => (peakChromium = Math.max(peakChromium, descendants().rss)), 250);
  try {
    const selfBefore = process.cpuUsage();
    const childBefore = descendants().cpu;
    const started = performance.now();
    const result = await printLetters(
      newInvitationCodes(count).map((code) => ({ code })),
      settings,
      { outDir: dir, batchSize: run.batchSize, jobs: run.jobs, printer },
    );
    const seconds = (performance.now() - started) / 1000;
    const self = process.cpuUsage(selfBefore);
    const cpu = (self.user + self.system) / 1e6 + (descendants().cpu - childBefore);
    return { seconds, cpu, peakChromium, bytes: result.files.reduce((n, f) => n + f.bytes, 0) };
  } finally {
    clearInterval(sampler);
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLettersBench(options: { letters?: number; batchSize?: number; jobs?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const letters = options.letters ?? 2000;
  const batchSize = options.batchSize ?? 1000;
  const jobs = options.jobs ?? Math.min(2, availableParallelism());
  const chromium = chromiumPath(process.env);
  const materials = loadMaterials(fileURLToPath(new URL('../studies/inburgeraars', import.meta.url)));
  const settings: LetterSettings = {
    materials,
    kind: 'letter',
    base: publicBase({ PERSPECTIEF_BASE_URL: 'https://perspectief.example.org' }),
    contactEmail: 'perspectief@example.org',
  };
  log(
    `letters: ${letters} letters in batches of ${batchSize}, ${jobs} at a time; load average before: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`,
  );
  // Anchor: the same letters laid out whole, one sheet per code, in one document.
  const anchorCount = Math.min(letters, 250);
  const anchor = await measureWhole(anchorCount, settings, chromium);
  const main = await measure(letters, settings, { batchSize, jobs }, chromium);
  const result: LettersBenchResult = {
    letters,
    seconds: main.seconds,
    lettersPerSecond: letters / main.seconds,
    cpuSecondsPerLetter: main.cpu / letters,
    peakNodeMb: process.resourceUsage().maxRSS / 1024,
    peakChromiumMb: main.peakChromium / 1e6,
    pdfBytesPerLetter: main.bytes / letters,
    anchorCpuSecondsPerLetter: anchor.cpu / anchorCount,
  };
  const cores = availableParallelism();
  const wallMinutes = MAILING / result.lettersPerSecond / 60;
  const idleMinutes = (MAILING * result.cpuSecondsPerLetter) / cores / 60;
  log(
    `  ${result.lettersPerSecond.toFixed(1)} letters/s (${result.seconds.toFixed(1)} s wall), ${(result.cpuSecondsPerLetter * 1000).toFixed(1)} ms CPU a letter (Node + Chromium)`,
  );
  log(
    `  anchor (each letter laid out whole, as one document): ${(result.anchorCpuSecondsPerLetter * 1000).toFixed(1)} ms CPU a letter; the layered print needs ${(result.cpuSecondsPerLetter / result.anchorCpuSecondsPerLetter).toFixed(2)}x that`,
  );
  log(
    `  peak memory: Node ${result.peakNodeMb.toFixed(0)} MB, Chromium processes ${result.peakChromiumMb.toFixed(0)} MB; PDF ${(result.pdfBytesPerLetter / 1024).toFixed(1)} KB a letter`,
  );
  log(
    `  extrapolated to ${MAILING.toLocaleString('en')} letters: ${wallMinutes.toFixed(1)} min at this run's wall-clock rate; ${idleMinutes.toFixed(1)} min if all ${cores} cores were free (CPU time / cores); aim: under 15 min`,
  );
  log(`  load average after: ${loadavg()[0]!.toFixed(2)}`);
  return result;
}

/** CPU seconds of printing `count` letters as one document of whole sheets (the anchor). */
async function measureWhole(count: number, settings: LetterSettings, chromium: string): Promise<{ cpu: number }> {
  const printer = await openPrinter(chromium);
  try {
    const selfBefore = process.cpuUsage();
    const childBefore = descendants().cpu;
    await printer.pdf(
      await letterDocument(
        newInvitationCodes(count).map((code) => ({ code })),
        settings,
      ),
    );
    const self = process.cpuUsage(selfBefore);
    return { cpu: (self.user + self.system) / 1e6 + (descendants().cpu - childBefore) };
  } finally {
    await printer.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      letters: { type: 'string' },
      'batch-size': { type: 'string' },
      jobs: { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
    strict: true,
  });
  await runLettersBench({
    letters: values.quick ? 200 : Number(values.letters ?? 2000),
    batchSize: values.quick ? 100 : Number(values['batch-size'] ?? 1000),
    ...(values.jobs ? { jobs: Number(values.jobs) } : {}),
  });
}
