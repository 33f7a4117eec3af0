// A project export of quotes with their attributions, to CSV (UTF-8 with BOM, for Excel) or XLSX. Each row
// says whether it is synthetic demo data. The caller writes the audit log entry.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { QuoteView } from './quotes.ts';

// A cell starting with =, +, -, @, tab or CR is a formula to a spreadsheet (CSV injection, OWASP): such text
// gets a leading apostrophe in the CSV, as src/report's exports do. XLSX cells are typed text and stay as is.
const FORMULA_START = /^[=+\-@\t\r]/;
const safe = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

const HEADER = [
  'section',
  'pattern',
  'attribution',
  'language',
  'text',
  'text_status',
  'text_nl',
  'text_nl_status',
  'session',
  'participant',
  'synthetic',
];

const row = (q: QuoteView) => [
  q.section ?? '',
  q.pattern ?? '',
  q.attribution,
  q.language,
  q.text,
  q.textStatus,
  q.textNl ?? '',
  q.textNlStatus,
  q.session ?? '',
  q.participant,
  q.synthetic ? 'synthetic' : '',
];

export function quotesToCsv(quotes: readonly QuoteView[]): string {
  return `\ufeff${stringify([HEADER, ...quotes.map((q) => row(q).map(safe))], { record_delimiter: '\r\n' })}`;
}

export async function quotesToXlsx(quotes: readonly QuoteView[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('citaten');
  sheet.addRow(HEADER).font = { bold: true };
  for (const q of quotes) sheet.addRow(row(q));
  sheet.getColumn(5).width = 80;
  sheet.getColumn(7).width = 80;
  return Buffer.from(await book.xlsx.writeBuffer());
}
