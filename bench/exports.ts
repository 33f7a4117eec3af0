// Benchmark of the data-file writers on a synthetic table shaped like the demo wave (bench/exports-table.ts:
// ~600 variables, open answers in five languages) at the demo wave's size (5,173 rows) and at 100,000 rows:
// .sav (bytecode and uncompressed), .xlsx (shared and inline strings), each beside two anchors measured in
// the same run: making the rows without writing them, and a plain CSV of the same rows (csv-stringify).
// Every case runs in a fresh process, so its peak resident memory is its own. Prints a table and writes
// bench/results/exports.json. Never fails on a missed target (aim: under 2 s a format on the demo wave).
// Run: node --import tsx bench/exports.ts [--sizes 5173,100000] [--formats sav,sav-none,xlsx,xlsx-inline,csv,rows]
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify';
import { writeSav } from '../src/report/sav.ts';
import { writeXlsx } from '../src/report/xlsx.ts';
import { exportTable } from './exports-table.ts';

export const EXPORT_FORMATS = ['rows', 'csv', 'sav', 'sav-none', 'xlsx', 'xlsx-inline'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportCase {
  readonly rows: number;
  readonly variables: number;
  readonly format: ExportFormat;
  /** Wall-clock seconds, and CPU seconds (user + system, all threads: less sensitive to other load). */
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly bytes: number;
  readonly mbPerSecond: number;
  readonly peakRssMB: number;
  /** CPU seconds relative to the CSV anchor of the same size. */
  readonly vsCsv?: number;
}

export interface ExportsBenchOptions {
  readonly sizes?: readonly number[];
  readonly formats?: readonly ExportFormat[];
  readonly log?: (line: string) => void;
}

const MB = 1024 * 1024;

/** One case in this process: writes the table in `format` to `path`; returns seconds and bytes. */
async function runCase(
  format: ExportFormat,
  rows: number,
  path: string,
): Promise<{ seconds: number; cpuSeconds: number; bytes: number; variables: number }> {
  const table = exportTable({ rows });
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  switch (format) {
    case 'rows': {
      let cells = 0;
      for (const row of table.rows) cells += row.length;
      if (cells === 0) throw new Error('no rows');
      break;
    }
    case 'csv': {
      const out = createWriteStream(path);
      const csv = stringify({ cast: { date: (d: Date) => d.toISOString() } });
      csv.pipe(out);
      csv.write(table.variables.map((v) => v.name));
      for (const row of table.rows) if (!csv.write(row)) await once(csv, 'drain');
      csv.end();
      await once(out, 'finish');
      break;
    }
    case 'sav':
    case 'sav-none':
      await writeSav(table, createWriteStream(path), { compression: format === 'sav' ? 'bytecode' : 'none' });
      break;
    case 'xlsx':
    case 'xlsx-inline':
      await writeXlsx(table, createWriteStream(path), { sharedStrings: format === 'xlsx' });
      break;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    bytes: format === 'rows' ? 0 : statSync(path).size,
    variables: table.variables.length,
  };
}

/** Runs every case in its own process; prints a table; returns the cases. */
export async function runExportsBench(options: ExportsBenchOptions = {}): Promise<ExportCase[]> {
  const log = options.log ?? console.log;
  const sizes = options.sizes ?? [5173, 100_000];
  const formats = options.formats ?? EXPORT_FORMATS;
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-bench-exports-'));
  const self = fileURLToPath(import.meta.url);
  const cases: ExportCase[] = [];
  try {
    for (const rows of sizes) {
      for (const format of formats) {
        const path = join(dir, `${format}-${rows}.${format.split('-')[0]}`);
        const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', format, '--rows', String(rows), '--path', path], {
          encoding: 'utf8',
          maxBuffer: 16 * MB,
        });
        if (child.status !== 0) throw new Error(`${format} × ${rows} failed:\n${child.stderr}`);
        const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
          seconds: number;
          cpuSeconds: number;
          bytes: number;
          variables: number;
          peakRssMB: number;
        };
        cases.push({
          rows,
          variables: r.variables,
          format,
          seconds: r.seconds,
          cpuSeconds: r.cpuSeconds,
          bytes: r.bytes,
          mbPerSecond: r.bytes / MB / r.seconds,
          peakRssMB: r.peakRssMB,
        });
        rmSync(path, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const withRatios = cases.map((c) => {
    const csv = cases.find((x) => x.rows === c.rows && x.format === 'csv');
    return csv ? { ...c, vsCsv: c.cpuSeconds / csv.cpuSeconds } : c;
  });
  log('Exports (one fresh process per case; "rows" = making the rows only, "csv" = csv-stringify anchor)');
  log('| rows | variables | format | seconds | CPU s | MB | MB/s | peak RSS MB | CPU × csv |');
  log('|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const c of withRatios)
    log(
      `| ${c.rows.toLocaleString('en')} | ${c.variables} | ${c.format} | ${c.seconds.toFixed(2)} | ${c.cpuSeconds.toFixed(2)} | ${(c.bytes / MB).toFixed(1)} | ${
        c.bytes > 0 ? c.mbPerSecond.toFixed(1) : '-'
      } | ${c.peakRssMB.toFixed(0)} | ${c.vsCsv === undefined ? '-' : c.vsCsv.toFixed(2)} |`,
    );
  const results = new URL('./results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  writeFileSync(
    new URL('exports.json', results),
    `${JSON.stringify({ when: new Date().toISOString(), node: process.version, cases: withRatios }, null, 2)}\n`,
  );
  return withRatios;
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    rows: { type: 'string' },
    path: { type: 'string' },
    sizes: { type: 'string' },
    formats: { type: 'string' },
  },
  strict: false,
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (typeof values.child === 'string') {
    const r = await runCase(values.child as ExportFormat, Number(values.rows), String(values.path));
    console.log(JSON.stringify({ ...r, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
  } else {
    const formats = typeof values.formats === 'string' ? values.formats.split(',') : undefined;
    const unknown = formats?.find((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
    if (unknown !== undefined) {
      console.error(`--formats takes ${EXPORT_FORMATS.join(', ')}, not "${unknown}"`);
      process.exit(2);
    }
    await runExportsBench({
      ...(typeof values.sizes === 'string' ? { sizes: values.sizes.split(',').map(Number) } : {}),
      ...(formats ? { formats: formats as ExportFormat[] } : {}),
    });
  }
}
