// Report tables as formatted worksheets, one sheet per table, laid out as the report prints them: a caption
// row ("Tabel 2.1 … (N = 5.048)"), a header of columns, the rows, a Totaal row carrying each column's N,
// and the notes. Percentages are stored as numbers (fractions) with a number format that shows them as the
// report does, "<1%" included, so the figures stay usable for calculation. Works on an in-memory workbook
// and on ExcelJS's streaming WorkbookWriter alike.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createCatalog, directionOf } from '../i18n/catalog.ts';
import type { Language } from '../questionnaire/types.ts';
import { cellText } from './xlsx-cells.ts';

export interface ReportTableColumn {
  readonly label: string;
  /** Respondents behind the column; shown in the Totaal row. */
  readonly N: number | null;
}

export interface ReportTableRow {
  readonly label: string;
  /** Percentages on a 0-100 scale (unit 'percent') or plain numbers; text ("<1%", "-") as the report has it. */
  readonly cells: readonly (string | number | null)[];
}

export interface ReportTableModel {
  /** The report's number, e.g. "2.1". */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ReportTableColumn[];
  readonly rows: readonly ReportTableRow[];
  readonly notes?: readonly string[];
  /** 'percent' (default): cells are percentages; 'number': plain numbers with `decimals` decimals. */
  readonly unit?: 'percent' | 'number';
  readonly decimals?: number;
  /** Respondents in the whole table, for the caption. */
  readonly N?: number;
}

/** Shows 0 as 0%, under half a percent as "<1%", else whole percents (Excel applies the reader's separators). */
export const PERCENT_FORMAT = '[=0]0%;[<0.005]"<1%";0%';
const TOTAL_PERCENT_FORMAT = '"100% (N = "#,##0")"';
const TOTAL_NUMBER_FORMAT = '"N = "#,##0';
const numberFormat = (decimals: number): string => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');

const LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar', tr: 'tr-TR', ti: 'ti' };
const catalog = createCatalog();

/** A sheet name Excel accepts (no []:*?/\, at most 31 characters), not yet in `taken` (compared without case). */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - ` (${k})`.length)} (${k})`;
  taken.add(name.toLowerCase());
  return name;
}

/** Row properties the streaming writer needs; an in-memory worksheet ignores the commit. */
const commit = (target: { commit?: () => void }): void => {
  if (typeof target.commit === 'function') target.commit();
};

const thin: Partial<ExcelJS.Border> = { style: 'thin' };

/** Adds one formatted sheet for `table` to `workbook` (in-memory or streaming). */
export function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTableModel, lang: Language, taken: Set<string>): ExcelJS.Worksheet {
  const caption = catalog.t(lang, 'export.table.caption', { id: table.id });
  const unit = table.unit ?? 'percent';
  const width = table.columns.length + 1;
  const headerRow = 3;
  const ws = workbook.addWorksheet(sheetName(caption, taken), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: headerRow, rightToLeft: directionOf(lang) === 'rtl' }],
  });
  ws.columns = [
    { width: Math.min(60, Math.max(16, ...table.rows.map((r) => r.label.length + 2))) },
    ...table.columns.map((c) => ({ width: Math.min(24, Math.max(11, c.label.length + 2)) })),
  ];
  const n = table.N === undefined ? '' : ` (N = ${new Intl.NumberFormat(LOCALE[lang]).format(table.N)})`;
  const title = ws.addRow([cellText(`${caption} ${table.title}${n}`).text]);
  title.font = { bold: true, size: 12 };
  if (width > 1) ws.mergeCells(1, 1, 1, width); // before the commit: a streamed row cannot change after it
  commit(title);
  commit(ws.addRow([]));

  const header = ws.addRow(['', ...table.columns.map((c) => cellText(c.label).text)]);
  header.font = { bold: true };
  header.eachCell((cell, col) => {
    cell.border = { bottom: thin };
    cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: col === 1 ? 'left' : 'center' };
  });
  commit(header);

  const valueFormat = unit === 'percent' ? PERCENT_FORMAT : numberFormat(table.decimals ?? 0);
  for (const r of table.rows) {
    if (r.cells.length !== table.columns.length)
      throw new Error(`table ${table.id}, row "${r.label}": ${r.cells.length} cells for ${table.columns.length} columns`);
    const values = r.cells.map((c) => (typeof c === 'number' ? (unit === 'percent' ? c / 100 : c) : c === null ? null : cellText(c).text));
    const row = ws.addRow([cellText(r.label).text, ...values]);
    row.eachCell((cell, col) => {
      if (col === 1) return;
      cell.alignment = { horizontal: 'right' };
      if (typeof cell.value === 'number') cell.numFmt = valueFormat;
    });
    commit(row);
  }

  const total = ws.addRow([catalog.t(lang, 'export.table.total'), ...table.columns.map((c) => c.N)]);
  total.font = { bold: true };
  total.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.border = { top: thin };
    if (col === 1) return;
    cell.alignment = { horizontal: 'right' };
    cell.numFmt = unit === 'percent' ? TOTAL_PERCENT_FORMAT : TOTAL_NUMBER_FORMAT;
  });
  commit(total);

  if (table.notes && table.notes.length > 0) {
    commit(ws.addRow([]));
    for (const note of table.notes) {
      const row = ws.addRow([cellText(note).text]);
      row.font = { italic: true };
      commit(row);
    }
  }
  commit(ws);
  return ws;
}

/** A workbook of report tables only (the explorer's XLSX download), streamed to `out`, which it ends. */
export async function writeTablesXlsx(
  tables: readonly ReportTableModel[],
  out: Writable,
  options: { lang?: Language; now?: Date } = {},
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Perspectief';
  workbook.created = options.now ?? new Date();
  const taken = new Set<string>();
  for (const table of tables) addTableSheet(workbook, table, options.lang ?? 'nl', taken);
  await workbook.commit(); // resolves when `out` has finished
}
