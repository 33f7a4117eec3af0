// One data export, whoever asks for it (`perspectief export`, the workspace's /onderzoek/export): the rows
// of the filter mask written as CSV, XLSX or SPSS .sav through the writers of this module, with the codebook
// JSON and the read-me that go beside it (source, waves, filters, synthetic data, what a format's limits
// changed). Counts the synthetic rows with the engine. The data file goes to a DataTarget chunk by chunk (a
// file for `perspectief export`, so a million rows take bounded memory; bytes in memory for the workspace's zip).
import { Writable } from 'node:stream';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { isSyntheticChannel, type SyntheticCount } from '../analysis/synthetic.ts';
import { engineDataset } from '../analysis/views.ts';
import { categoricalColumn, frequencies, withMask } from '../stats/index.ts';
import { codebookJson } from './codebook-json.ts';
import { csvChunks } from './csv-export.ts';
import { datasetExportTable, type DataFormat } from './dataset-export.ts';
import type { ExportTable } from './export-model.ts';
import { exportReadme, filtersText, type ExportDescription, type ExportFilters } from './export-readme.ts';
import { savChunks, type SavNotice } from './sav.ts';
import { CASES_OFFSET } from './sav-records.ts';
import type { ReportLanguage } from './tables-json.ts';
import { writeXlsx, type ReportTableModel, type XlsxNotice } from './xlsx.ts';

export interface DataExportRequest {
  readonly format: DataFormat;
  readonly values: 'codes' | 'labels';
  readonly missing: 'empty' | 'codes';
  readonly raw: boolean;
  readonly lang: ReportLanguage;
  /** Rows to write (1 = keep); null: every row of the dataset. */
  readonly rows: Uint8Array | null;
  readonly filters: ExportFilters;
  readonly study: string;
  /** The data file's name as the researcher gets it (for the read-me). */
  readonly dataFile: string;
  readonly codebookFile: string;
  readonly madeBy: string;
  readonly madeAt: Date;
  /** XLSX only: report tables, one sheet each. */
  readonly tables?: readonly ReportTableModel[];
}

/** Where an export's data file goes: chunks in order, then at most one patch of bytes already written. */
export interface DataTarget {
  write(chunk: Uint8Array): Promise<void>;
  /** Overwrites bytes written before (the .sav header's case count, known only at the end). */
  patch(offset: number, bytes: Uint8Array): Promise<void>;
}

/** A target that keeps the file in memory. */
export function memoryTarget(): DataTarget & { bytes(): Buffer } {
  const chunks: Uint8Array[] = [];
  let whole: Buffer | null = null;
  const bytes = (): Buffer => (whole ??= Buffer.concat(chunks));
  return {
    write: (chunk) => {
      whole = null;
      chunks.push(chunk);
      return Promise.resolve();
    },
    patch: (offset, patch) => {
      const all = bytes();
      all.set(patch, offset);
      chunks.splice(0, chunks.length, all);
      return Promise.resolve();
    },
    bytes,
  };
}

export interface WrittenExport {
  readonly codebook: string;
  readonly readme: string;
  readonly rows: number;
  readonly variables: number;
  readonly synthetic: SyntheticCount;
  readonly notices: readonly string[];
}

export interface DataExport extends WrittenExport {
  readonly data: Buffer;
}

/** Synthetic (demo) responses among the rows of `mask`, in all and per wave, counted by the engine. */
export function countSyntheticRows(data: AnalysisDataset, mask: Uint8Array | null): SyntheticCount {
  const n = data.rows;
  const channel = data.texts('channel');
  const kind = categoricalColumn(
    '#synthetic',
    Array.from({ length: n }, (_, i) => (isSyntheticChannel(channel[i]) ? 1 : 0)),
    [0, 1],
  );
  const wave = categoricalColumn('#wave', data.texts('wave').slice(0, n));
  let engine = engineDataset([kind, wave]);
  if (mask) engine = withMask(engine, mask);
  const waves = new Map<string, { synthetic: number; total: number }>();
  let synthetic = 0;
  let total = 0;
  for (const group of frequencies(engine, '#synthetic', '#wave')) {
    if (group.n === 0) continue;
    const s = group.categories[1]?.count ?? 0;
    waves.set(String(group.group), { synthetic: s, total: group.n });
    synthetic += s;
    total += group.n;
  }
  return { synthetic, total, waves };
}

const savNotice = (n: SavNotice): string => {
  switch (n.kind) {
    case 'renamed':
      return `${n.variable} is named ${n.name} in the .sav file (SPSS's rules for names)`;
    case 'label-truncated':
      return `the label of ${n.variable} was cut to SPSS's 255 bytes (it had ${n.bytes})`;
    case 'value-label-truncated':
      return `the label of value ${String(n.value)} of ${n.variable} was cut to SPSS's 120 bytes (it had ${n.bytes})`;
    case 'values-truncated':
      return `${n.count} values of ${n.variable} were cut at 32,766 bytes`;
  }
};

const xlsxNotice = (n: XlsxNotice): string => {
  switch (n.kind) {
    case 'characters-removed':
      return `${n.count} values of ${n.variable}: characters a spreadsheet cannot hold (control characters) were removed`;
    case 'cut-at-limit':
      return `${n.count} values of ${n.variable} were cut at Excel's 32,767 characters`;
    case 'date-as-text':
      return `${n.count} values of ${n.variable} are before 1900 and written as text`;
  }
};

/** A stream for writers that take one (ExcelJS), passing each chunk on to the target once written. */
function streamTo(target: DataTarget): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      target.write(chunk).then(() => done(), done);
    },
  });
}

/** Writes the .sav file's chunks, then the number of cases into its header when it was not known at the start. */
async function writeSavTo(table: ExportTable, target: DataTarget): Promise<{ rows: number; notices: string[] }> {
  const generator = savChunks(table);
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) {
      if (!step.value.casesInHeader) {
        const count = Buffer.alloc(4);
        count.writeInt32LE(step.value.rows);
        await target.patch(CASES_OFFSET, count);
      }
      return { rows: step.value.rows, notices: step.value.notices.map(savNotice) };
    }
    await target.write(step.value);
  }
}

/** The data file, its codebook and its read-me, in memory. Throws ExportDataError naming row and variable for a bad cell. */
export async function buildDataExport(dataset: AnalysisDataset, request: DataExportRequest): Promise<DataExport> {
  const target = memoryTarget();
  const written = await writeDataExport(dataset, request, target);
  return { ...written, data: target.bytes() };
}

/**
 * Writes the data file to `target` chunk by chunk and returns its codebook and read-me. Throws ExportDataError
 * naming row and variable for a bad cell (the target then holds part of the file: the caller discards it).
 */
export async function writeDataExport(dataset: AnalysisDataset, request: DataExportRequest, target: DataTarget): Promise<WrittenExport> {
  const synthetic = countSyntheticRows(dataset, request.rows);
  const describe = (rows: number, notices: readonly string[], neutralized: number): ExportDescription => ({
    study: request.study,
    format: request.format,
    dataFile: request.dataFile,
    codebookFile: request.codebookFile,
    filters: request.filters,
    rows,
    variables: dataset.variables.length,
    values: request.format === 'sav' ? 'codes' : request.values,
    missing: request.format === 'sav' ? 'codes' : request.missing,
    raw: request.raw,
    neutralized,
    notices,
    synthetic,
    madeBy: request.madeBy,
    madeAt: request.madeAt,
    ...(request.tables ? { tables: request.tables.map((t) => t.id) } : {}),
  });
  // The file carries its read-me too (.sav documents, the XLSX variables sheet's notes), without the notices
  // only the writing can tell.
  const documents = [exportReadme(describe(synthetic.total, [], 0))];
  const table = datasetExportTable(dataset, {
    format: request.format,
    values: request.values,
    missing: request.missing,
    lang: request.lang,
    rows: request.rows,
    fileLabel: `Perspectief ${request.study} ${request.filters.waves.join(' ')}`.slice(0, 64),
    documents,
  });
  let notices: string[] = [];
  let rows = 0;
  let neutralized = 0;
  switch (request.format) {
    case 'csv': {
      const chunks = csvChunks(table, { raw: request.raw });
      for (let step = chunks.next(); ; step = chunks.next()) {
        if (step.done) {
          rows = step.value.rows;
          neutralized = step.value.neutralized;
          break;
        }
        await target.write(Buffer.from(step.value, 'utf8'));
      }
      break;
    }
    case 'xlsx': {
      const summary = await writeXlsx(table, streamTo(target), { lang: request.lang, now: request.madeAt, tables: request.tables ?? [] });
      rows = summary.rows;
      notices = summary.notices.map(xlsxNotice);
      break;
    }
    case 'sav': {
      const written = await writeSavTo(table, target);
      notices = written.notices;
      rows = written.rows;
      break;
    }
  }
  const source = `Perspectief export of study ${request.study}: ${filtersText(request.filters)}`;
  return {
    codebook: `${JSON.stringify(codebookJson(dataset, source), null, 1)}\n`,
    readme: exportReadme(describe(rows, notices, neutralized)),
    rows,
    variables: dataset.variables.length,
    synthetic,
    notices,
  };
}
