// One data export, whoever asks for it (`perspectief export`, the workspace's /onderzoek/export): the rows
// of the filter mask written as CSV, XLSX or SPSS .sav through the writers of this module, with the codebook
// JSON and the read-me that go beside it (source, waves, filters, synthetic data, what a format's limits
// changed). Counts the synthetic rows with the engine. In memory: the demo wave's files are a few MB.
import { PassThrough, type Writable } from 'node:stream';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { isSyntheticChannel, type SyntheticCount } from '../analysis/synthetic.ts';
import { engineDataset } from '../analysis/views.ts';
import { categoricalColumn, frequencies, withMask } from '../stats/index.ts';
import { codebookJson } from './codebook-json.ts';
import { exportTableToCsv } from './csv-export.ts';
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

export interface DataExport {
  readonly data: Buffer;
  readonly codebook: string;
  readonly readme: string;
  readonly rows: number;
  readonly variables: number;
  readonly synthetic: SyntheticCount;
  readonly notices: readonly string[];
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

/** Collects what a writer writes to a stream. */
function sink(): { stream: Writable; bytes: () => Buffer } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** The .sav bytes, with the number of cases filled in (the rows are an iterable of unknown length). */
function savBytes(table: ExportTable): { data: Buffer; notices: string[] } {
  const chunks: Uint8Array[] = [];
  const generator = savChunks(table);
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) {
      const data = Buffer.concat(chunks);
      if (!step.value.casesInHeader) data.writeInt32LE(step.value.rows, CASES_OFFSET);
      return { data, notices: step.value.notices.map(savNotice) };
    }
    chunks.push(step.value);
  }
}

/** The data file, its codebook and its read-me. Throws ExportDataError naming row and variable for a bad cell. */
export async function buildDataExport(dataset: AnalysisDataset, request: DataExportRequest): Promise<DataExport> {
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
  let data: Buffer;
  let notices: string[] = [];
  let rows = 0;
  let neutralized = 0;
  switch (request.format) {
    case 'csv': {
      const csv = exportTableToCsv(table, { raw: request.raw });
      data = Buffer.from(csv.text, 'utf8');
      rows = csv.summary.rows;
      neutralized = csv.summary.neutralized;
      break;
    }
    case 'xlsx': {
      const out = sink();
      const summary = await writeXlsx(table, out.stream, { lang: request.lang, now: request.madeAt, tables: request.tables ?? [] });
      data = out.bytes();
      rows = summary.rows;
      notices = summary.notices.map(xlsxNotice);
      break;
    }
    case 'sav': {
      const written = savBytes(table);
      data = written.data;
      notices = written.notices;
      rows = synthetic.total;
      break;
    }
  }
  const source = `Perspectief export of study ${request.study}: ${filtersText(request.filters)}`;
  return {
    data,
    codebook: `${JSON.stringify(codebookJson(dataset, source), null, 1)}\n`,
    readme: exportReadme(describe(rows, notices, neutralized)),
    rows,
    variables: dataset.variables.length,
    synthetic,
    notices,
  };
}
