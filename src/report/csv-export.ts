// CSV file of an ExportTable: UTF-8 with a byte-order mark (Excel then opens Arabic and Tigrinya text
// correctly), a header of variable names, CRLF line ends, numbers as JavaScript writes them (a dot for
// decimals), moments as ISO 8601 (UTC), empty cells for no value. Text that a spreadsheet would run as a
// formula gets a leading apostrophe unless `raw` (files for R and SPSS), as OWASP advises.
import { stringify } from 'csv-stringify/sync';
import { cellError, checkVariables, isCellArray, rowLengthError } from './export-cells.ts';
import type { ExportCell, ExportTable, ExportVariable } from './export-model.ts';
import { neutralizeFormula } from './spreadsheet-safety.ts';

export interface CsvExportOptions {
  /** Text exactly as answered (no apostrophe before "=", "+", ...): for R and SPSS, not for spreadsheets. */
  readonly raw?: boolean;
}

export interface CsvSummary {
  readonly rows: number;
  /** Text cells that got a leading apostrophe. */
  readonly neutralized: number;
}

function cellText(v: ExportVariable, cell: ExportCell | undefined, row: number, raw: boolean, count: () => void): string {
  if (cell === null || cell === undefined) return '';
  switch (v.type) {
    case 'numeric':
      if (typeof cell !== 'number') throw cellError(v, row, cell);
      return Number.isNaN(cell) ? '' : String(cell);
    case 'string': {
      if (typeof cell !== 'string') throw cellError(v, row, cell);
      if (raw) return cell;
      const safe = neutralizeFormula(cell);
      if (safe !== cell) count();
      return safe;
    }
    case 'date':
    case 'datetime':
      if (!(cell instanceof Date) || Number.isNaN(cell.getTime())) throw cellError(v, row, cell);
      return v.type === 'date' ? cell.toISOString().slice(0, 10) : cell.toISOString();
  }
}

/** Records per chunk of csvChunks: a few hundred kB of text, whatever the number of rows. */
const RECORDS_PER_CHUNK = 1000;

/**
 * The table as CSV text in chunks of whole records (BOM and header first), so a million rows are written in
 * bounded memory; returns the summary. Throws ExportDataError naming row and variable for a bad cell.
 */
export function* csvChunks(table: ExportTable, options: CsvExportOptions = {}): Generator<string, CsvSummary, void> {
  checkVariables(table.variables);
  const vars = table.variables;
  const raw = options.raw ?? false;
  let neutralized = 0;
  const count = (): void => void neutralized++;
  let records: string[][] = [vars.map((v) => v.name)];
  let first = true;
  const text = (): string => {
    const chunk = `${first ? '\ufeff' : ''}${stringify(records, { record_delimiter: '\r\n' })}`;
    first = false;
    records = [];
    return chunk;
  };
  let n = 0;
  for (const row of table.rows) {
    if (!isCellArray(row) || row.length !== vars.length) throw rowLengthError(n, row, vars.length);
    const out = new Array<string>(vars.length);
    for (let i = 0; i < vars.length; i++) out[i] = cellText(vars[i] as ExportVariable, row[i], n, raw, count);
    records.push(out);
    n++;
    if (records.length >= RECORDS_PER_CHUNK) yield text();
  }
  if (records.length > 0) yield text(); // the header at least, when there are no rows
  return { rows: n, neutralized };
}

/** The table as CSV text (BOM first); throws ExportDataError naming row and variable for a bad cell. */
export function exportTableToCsv(table: ExportTable, options: CsvExportOptions = {}): { text: string; summary: CsvSummary } {
  const parts: string[] = [];
  const chunks = csvChunks(table, options);
  for (let step = chunks.next(); ; step = chunks.next()) {
    if (step.done) return { text: parts.join(''), summary: step.value };
    parts.push(step.value);
  }
}
