// XLSX export of an ExportTable with ExcelJS's streaming writer: a data sheet of typed cells (numbers as
// numbers, dates as dates, text as text, so an answer "=1+1" is never a formula) under a frozen header of
// variable names, a variables sheet (name, label, type, measurement level, value labels, missing codes,
// notes), and optionally one formatted sheet per report table. Arabic text cells read right to left.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createCatalog, directionOf } from '../i18n/catalog.ts';
import type { Language } from '../questionnaire/types.ts';
import { cellError, checkVariables, isCellArray, rowLengthError } from './export-cells.ts';
import type { ExportCell, ExportTable, ExportVariable } from './export-model.ts';
import { wallClock, type WallClock } from './wall-clock.ts';
import { cellText, isRightToLeft, type CellText } from './xlsx-cells.ts';
import { addTableSheet, sheetName, type ReportTableModel } from './xlsx-tables.ts';

export type { ReportTableModel } from './xlsx-tables.ts';

export interface XlsxOptions {
  /** Language of sheet names and headings (default 'nl'). */
  readonly lang?: Language;
  /** The clock dates and times are shown on (IANA name; default 'UTC'). */
  readonly timeZone?: string;
  readonly now?: Date;
  /** Report tables to add, one sheet each, after the data and variables sheets. */
  readonly tables?: readonly ReportTableModel[];
  /**
   * Store each distinct text once (default true: the usual form, smaller files). false writes text in the
   * cells themselves, which keeps memory flat however many distinct answers there are.
   */
  readonly sharedStrings?: boolean;
}

export interface XlsxNotice {
  /** characters-removed: XML cannot hold them; cut-at-limit: over 32,767 characters; date-as-text: before 1900. */
  readonly kind: NonNullable<CellText['change']> | 'date-as-text';
  readonly variable: string;
  readonly count: number;
}

export interface XlsxSummary {
  readonly rows: number;
  readonly notices: readonly XlsxNotice[];
}

const catalog = createCatalog();
const RTL_CELL: Partial<ExcelJS.Alignment> = { readingOrder: 'rtl', horizontal: 'right' };
/** Rows between checks that the zip stream keeps up. */
const ROWS_PER_CHECK = 64;
/** Sheet XML allowed to wait for compression before writing pauses. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/** The parts of ExcelJS 4.4's streaming worksheet that show how much sheet XML waits for the zip. */
interface SheetStream {
  readonly pipes?: readonly ZipInput[];
}
/** Archiver's input stream (readable-stream 2: its state is in _writableState). */
interface ZipInput extends NodeJS.EventEmitter {
  readonly _writableState?: { readonly length: number; readonly needDrain: boolean };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Waits until the zip has taken in most of the sheet XML written so far, and `out` has room. ExcelJS's
 * WorksheetWriter pushes XML into the zip without back-pressure, so without this wait a large sheet sits
 * uncompressed in memory (1.7 GB at 100,000 rows × 600 variables). It reads ExcelJS and archiver internals
 * (ExcelJS is pinned at 4.4.0); if they are not there, it only yields to the event loop.
 */
async function letZipCatchUp(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const pipes = (ws as unknown as { stream?: SheetStream }).stream?.pipes;
  if (pipes === undefined) return nextTurn();
  for (;;) {
    const state = pipes[0]?._writableState;
    if (pipes.length > 0 && state === undefined) return nextTurn();
    // Until the zip starts on this sheet (it finishes the small parts before it first), nothing is taken in.
    if (state === undefined) await nextTurn();
    else if (state.length > MAX_PENDING_BYTES && state.needDrain) await once(pipes[0]!, 'drain');
    else if (out.writableNeedDrain) await once(out, 'drain');
    else return nextTurn();
  }
}

function columnFormat(v: ExportVariable): { numFmt?: string; width: number } {
  switch (v.type) {
    case 'numeric':
      return v.decimals === undefined
        ? { width: v.width ?? 10 }
        : { numFmt: v.decimals > 0 ? `0.${'0'.repeat(v.decimals)}` : '0', width: v.width ?? 10 };
    case 'date':
      return { numFmt: 'dd-mm-yyyy', width: v.width ?? 12 };
    case 'datetime':
      return { numFmt: 'dd-mm-yyyy hh:mm:ss', width: v.width ?? 20 };
    case 'string':
      return { width: v.width ?? 30 };
  }
}

/** A cell value as ExcelJS takes it; Dates become the wall-clock moment (ExcelJS writes them as UTC). */
type Converted = number | Date | null | { readonly text: string; readonly change?: XlsxNotice['kind'] };

function toCell(v: ExportVariable, cell: ExportCell | undefined, rowIndex: number, clock: WallClock): Converted {
  if (cell === null) return null;
  switch (v.type) {
    case 'numeric':
      if (typeof cell !== 'number' || !(Number.isFinite(cell) || Number.isNaN(cell))) throw cellError(v, rowIndex, cell);
      return Number.isNaN(cell) ? null : cell;
    case 'string':
      if (typeof cell !== 'string') throw cellError(v, rowIndex, cell);
      return cellText(cell);
    case 'date':
    case 'datetime': {
      if (!(cell instanceof Date) || Number.isNaN(cell.getTime())) throw cellError(v, rowIndex, cell);
      const ms = clock(cell.getTime());
      const wall = new Date(v.type === 'date' ? Math.floor(ms / 86_400_000) * 86_400_000 : ms);
      // Excel has no dates before 1900: such a date is written as ISO text.
      if (wall.getUTCFullYear() < 1900)
        return {
          text: wall
            .toISOString()
            .slice(0, v.type === 'date' ? 10 : 19)
            .replace('T', ' '),
          change: 'date-as-text',
        };
      return wall;
    }
  }
}

async function writeDataSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: ExportTable,
  out: Writable,
  name: string,
  options: XlsxOptions,
): Promise<XlsxSummary> {
  const vars = table.variables;
  const clock = wallClock(options.timeZone ?? 'UTC');
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: directionOf(options.lang ?? 'nl') === 'rtl' }],
  });
  const formats = vars.map(columnFormat);
  ws.columns = formats.map(({ width }) => ({ width }));
  // One style object per column, shared by its cells: ExcelJS registers a style once per object, so
  // sharing keeps its per-cell cost down (a fresh object per cell more than doubles the time).
  const styles: Partial<ExcelJS.Style>[] = formats.map(({ numFmt }) => (numFmt === undefined ? {} : { numFmt }));
  const rtlStyles: Partial<ExcelJS.Style>[] = styles.map((style) => ({ ...style, alignment: RTL_CELL }));
  const header = ws.addRow(vars.map((v) => cellText(v.name).text));
  header.font = { bold: true };
  header.commit();
  const changes = new Map<string, number>();
  let n = 0;
  // undefined, not null, for an empty cell: ExcelJS then makes no cell at all (a null cell costs a style).
  const values = new Array<number | string | Date | undefined>(vars.length);
  const rtl = new Array<boolean>(vars.length);
  for (const row of table.rows) {
    if (!isCellArray(row) || row.length !== vars.length) throw rowLengthError(n, row, vars.length);
    for (let i = 0; i < vars.length; i++) {
      const value = toCell(vars[i]!, row[i], n, clock);
      rtl[i] = false;
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
        values[i] = value.text;
        if (value.change) {
          const key = `${value.change}\u0000${vars[i]!.name}`;
          changes.set(key, (changes.get(key) ?? 0) + 1);
        }
        rtl[i] = isRightToLeft(value.text);
      } else values[i] = value ?? undefined;
    }
    const added = ws.addRow(values);
    added.eachCell((cell, col) => {
      cell.style = rtl[col - 1] ? rtlStyles[col - 1]! : styles[col - 1]!;
    });
    added.commit();
    if (++n % ROWS_PER_CHECK === 0) await letZipCatchUp(ws, out);
  }
  ws.commit();
  const notices = [...changes].map(([key, count]) => {
    const [kind, variable] = key.split('\u0000') as [XlsxNotice['kind'], string];
    return { kind, variable, count };
  });
  return { rows: n, notices };
}

function valuesText(v: ExportVariable): string {
  return (v.valueLabels ?? []).map((l) => `${l.value} = ${l.label}`).join('\n');
}

function writeVariablesSheet(workbook: ExcelJS.Workbook, table: ExportTable, name: string, lang: Language): void {
  const t = (key: Parameters<typeof catalog.t>[1]): string => catalog.t(lang, key);
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, rightToLeft: directionOf(lang) === 'rtl' }] });
  ws.columns = [{ width: 24 }, { width: 50 }, { width: 14 }, { width: 14 }, { width: 40 }, { width: 18 }];
  const header = ws.addRow([
    t('export.col.name'),
    t('export.col.label'),
    t('export.col.type'),
    t('export.col.measure'),
    t('export.col.values'),
    t('export.col.missing'),
  ]);
  header.font = { bold: true };
  header.commit();
  for (const v of table.variables) {
    const label = cellText(v.label).text;
    const row = ws.addRow([
      cellText(v.name).text,
      label,
      t(`export.type.${v.type}`),
      t(`export.measure.${v.measure}`),
      v.valueLabels?.length ? cellText(valuesText(v)).text : null,
      v.missing?.length ? v.missing.join(', ') : null,
    ]);
    row.alignment = { vertical: 'top' };
    row.getCell(5).alignment = { vertical: 'top', wrapText: true };
    if (isRightToLeft(label)) row.getCell(2).alignment = { ...RTL_CELL, vertical: 'top' };
    row.commit();
  }
  const docs = table.documents ?? [];
  if (docs.length > 0) {
    ws.addRow([]).commit();
    const title = ws.addRow([t('export.notes')]);
    title.font = { bold: true };
    title.commit();
    for (const line of docs.flatMap((d) => d.split(/\r?\n/))) ws.addRow([cellText(line).text]).commit();
  }
  (ws as { commit?: () => void }).commit?.();
}

/**
 * Writes the workbook at `path` by way of a temporary file renamed at the end, so a failed export leaves an
 * earlier file of that name as it was.
 */
export async function writeXlsxFile(table: ExportTable, path: string, options: XlsxOptions = {}): Promise<XlsxSummary> {
  const partial = `${path}.${process.pid}.partial`;
  try {
    const summary = await writeXlsx(table, createWriteStream(partial), options);
    await rename(partial, path);
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Writes the workbook to `out` (which it ends); throws ExportDataError naming row and variable for a bad cell. */
export async function writeXlsx(table: ExportTable, out: Writable, options: XlsxOptions = {}): Promise<XlsxSummary> {
  checkVariables(table.variables);
  wallClock(options.timeZone ?? 'UTC'); // an unknown zone fails before anything is written
  const lang = options.lang ?? 'nl';
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: options.sharedStrings ?? true,
  });
  workbook.creator = 'Perspectief';
  workbook.created = options.now ?? new Date();
  if (table.fileLabel) workbook.title = table.fileLabel;
  const taken = new Set<string>();
  try {
    const summary = await writeDataSheet(workbook, table, out, sheetName(catalog.t(lang, 'export.sheet.data'), taken), options);
    writeVariablesSheet(workbook, table, sheetName(catalog.t(lang, 'export.sheet.variables'), taken), lang);
    for (const t of options.tables ?? []) addTableSheet(workbook, t, lang, taken);
    await workbook.commit(); // resolves when `out` has finished
    return summary;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
