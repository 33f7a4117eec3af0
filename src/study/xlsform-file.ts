// XLSForm files on disk: the survey, choices and settings sheets through ExcelJS. The mapping to and from
// questionnaires is pure and lives in questionnaire/xlsform.ts; this file only moves cells.
import ExcelJS from 'exceljs';
import type { XlsForm, XlsRow, XlsSheet } from '../questionnaire/xlsform.ts';

export class XlsFormFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsFormFileError';
  }
}

const SHEETS = ['survey', 'choices', 'settings'] as const;

/** Writes the three sheets, header row first, every cell as text. */
export async function writeXlsFormFile(path: string, form: XlsForm): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const name of SHEETS) {
    const sheet = form[name];
    const ws = book.addWorksheet(name);
    ws.addRow([...sheet.columns]);
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => row[c] ?? ''));
    ws.columns.forEach((col, i) => {
      const header = sheet.columns[i] ?? '';
      col.width = Math.min(60, Math.max(10, header.length + 2));
    });
  }
  await book.xlsx.writeFile(path);
}

const cellText = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return cell.text;
};

function readSheet(ws: ExcelJS.Worksheet | undefined, name: string, path: string, required: boolean): XlsSheet {
  if (!ws) {
    if (required) throw new XlsFormFileError(`${path}: has no '${name}' sheet`);
    return { columns: [], rows: [] };
  }
  const columns: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    columns[col - 1] = cellText(cell).trim();
  });
  const rows: XlsRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row: Record<string, string> = {};
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const key = columns[col - 1];
      const text = cellText(cell);
      if (key && text !== '') row[key] = text;
    });
    rows.push(row);
  }
  return { columns: columns.filter((c) => c), rows };
}

/** Reads the survey, choices and settings sheets of an .xlsx file. Row i of a sheet is spreadsheet row i + 2. */
export async function readXlsFormFile(path: string): Promise<XlsForm> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(path);
  } catch (error) {
    throw new XlsFormFileError(`${path}: cannot read the workbook (${(error as Error).message})`);
  }
  return {
    survey: readSheet(book.getWorksheet('survey'), 'survey', path, true),
    choices: readSheet(book.getWorksheet('choices'), 'choices', path, false),
    settings: readSheet(book.getWorksheet('settings'), 'settings', path, false),
  };
}
