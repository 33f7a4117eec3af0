// SPSS system file (.sav) writer, after PSPP's documentation of the format: variable names and labels,
// value labels (numeric and string), user-missing codes, measurement level, display widths and alignment,
// UTF-8 throughout, strings over 255 bytes as very long strings, dates as SPSS dates, null as system-missing,
// bytecode compression or none. Output is a stream of chunks, so a million rows never sit in memory.
// It never changes a value silently: what SPSS's limits force (names, long labels) comes back as notices.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { checkVariables, ExportDataError, isCellArray } from './export-cells.ts';
import type { ExportTable } from './export-model.ts';
import { CaseWriter } from './sav-cases.ts';
import { planDictionary, type SavNotice, type SavVariable } from './sav-dictionary.ts';
import { MAX_STRING_BYTES } from './sav-layout.ts';
import { CASES_OFFSET, dictionaryBytes } from './sav-records.ts';
import { wallClock } from './wall-clock.ts';

export type { SavNotice } from './sav-dictionary.ts';

export interface SavOptions {
  /** 'bytecode' (default, as SPSS writes) or 'none'. */
  readonly compression?: 'bytecode' | 'none';
  /** Creation time in the header (default: now). */
  readonly now?: Date;
  /** The clock dates and times are shown on (IANA name; default 'UTC'). */
  readonly timeZone?: string;
  /** Size of the chunks handed out (default 64 KiB). */
  readonly chunkBytes?: number;
}

export interface SavSummary {
  readonly rows: number;
  readonly bytes: number;
  /** False when the header says "number of cases unknown" (one-shot rows with every string width given). */
  readonly casesInHeader: boolean;
  /** Every variable's SPSS name and label, in order. */
  readonly variables: readonly { readonly source: string; readonly name: string; readonly label: string }[];
  readonly notices: readonly SavNotice[];
}

/** One-shot iterables (generators) hand out themselves as their iterator: they cannot be read twice. */
const isOneShot = (rows: Iterable<unknown>): boolean => (rows as { [Symbol.iterator]: () => unknown })[Symbol.iterator]() === rows;

/** Byte width of every string variable: declared (maxBytes) or measured over the rows; labelled values count too. */
function stringWidths(table: ExportTable): { widths: number[]; rows: number | undefined } {
  const vars = table.variables;
  const widths = vars.map((v) => {
    const labelled = (v.valueLabels ?? []).map((l) => Buffer.byteLength(String(l.value).replace(/ +$/, ''), 'utf8'));
    return Math.max(v.maxBytes ?? 0, ...labelled, 1);
  });
  const measure = vars.flatMap((v, i) => (v.type === 'string' && v.maxBytes === undefined ? [i] : []));
  if (measure.length === 0) return { widths, rows: Array.isArray(table.rows) ? table.rows.length : undefined };
  if (isOneShot(table.rows)) {
    throw new ExportDataError({ kind: 'rows-once', variables: measure.map((i) => vars[i]!.name) });
  }
  let rows = 0;
  for (const row of table.rows) {
    rows++;
    if (!isCellArray(row)) continue; // the writing pass reports it
    for (const i of measure) {
      const cell = row[i];
      if (typeof cell === 'string' && cell.length * 3 > widths[i]!) widths[i] = Math.max(widths[i]!, Buffer.byteLength(cell, 'utf8'));
    }
  }
  return { widths: widths.map((w) => Math.min(w, MAX_STRING_BYTES)), rows };
}

/**
 * The file as chunks: first the dictionary, then case data in chunks of about `chunkBytes`. Throws
 * ExportDataError (before the first chunk for dictionary problems; at the row for a bad cell).
 */
export function* savChunks(table: ExportTable, options: SavOptions = {}): Generator<Uint8Array, SavSummary, void> {
  checkVariables(table.variables);
  const clock = wallClock(options.timeZone ?? 'UTC');
  const { widths, rows: knownRows } = stringWidths(table);
  const notices: SavNotice[] = [];
  const plan: SavVariable[] = planDictionary(table.variables, widths, notices);
  const compressed = (options.compression ?? 'bytecode') === 'bytecode';
  const head = dictionaryBytes(plan, {
    compressed,
    cases: knownRows ?? -1,
    created: options.now ?? new Date(),
    fileLabel: table.fileLabel ?? '',
    documents: table.documents ?? [],
  });
  let bytes = head.length;
  yield head;
  const cases = new CaseWriter(plan, { compressed, chunkBytes: options.chunkBytes ?? 65536, wallClock: clock });
  let n = 0;
  for (const row of table.rows) {
    cases.writeRow(row, n++);
    for (const chunk of cases.take()) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  if (knownRows !== undefined && knownRows !== n) throw new ExportDataError({ kind: 'rows-changed', measured: knownRows, written: n });
  cases.finish();
  for (const chunk of cases.take()) {
    bytes += chunk.length;
    yield chunk;
  }
  for (const [i, count] of cases.truncated) notices.push({ kind: 'values-truncated', variable: plan[i]!.source.name, count });
  return {
    rows: n,
    bytes,
    casesInHeader: knownRows !== undefined,
    variables: plan.map((v) => ({ source: v.source.name, name: v.name, label: v.label })),
    notices,
  };
}

/** Writes the file to `out`, respecting back-pressure, and ends it. */
export async function writeSav(table: ExportTable, out: Writable, options: SavOptions = {}): Promise<SavSummary> {
  const chunks = savChunks(table, options);
  try {
    for (let step = chunks.next(); ; step = chunks.next()) {
      if (step.done) {
        out.end();
        await once(out, 'finish');
        return step.value;
      }
      if (!out.write(step.value)) await once(out, 'drain');
    }
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/**
 * Writes the file at `path` by way of a temporary file renamed at the end, so a failed export leaves an
 * earlier file of that name as it was; fills in the number of cases when the header could not know it.
 */
export async function writeSavFile(table: ExportTable, path: string, options: SavOptions = {}): Promise<SavSummary> {
  const partial = `${path}.${process.pid}.partial`;
  try {
    const summary = await writeSav(table, createWriteStream(partial), options);
    if (!summary.casesInHeader) {
      const file = await open(partial, 'r+');
      try {
        const count = Buffer.alloc(4);
        count.writeInt32LE(summary.rows);
        await file.write(count, 0, 4, CASES_OFFSET);
      } finally {
        await file.close();
      }
    }
    await rename(partial, path);
    return { ...summary, casesInHeader: true };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
