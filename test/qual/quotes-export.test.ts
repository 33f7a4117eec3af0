// The project export of quotes: CSV with a BOM in which text that a spreadsheet would run as a formula
// stays text, and XLSX read back with ExcelJS giving the same words, attribution and synthetic mark.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { quotesToCsv, quotesToXlsx, type QuoteView } from '../../src/qual/index.ts';

const quote: QuoteView = {
  id: 1,
  text: '=HYPERLINK("http://example.org","klik")',
  textStatus: 'unreviewed',
  textNl: '- Ik wil werken, "echt".',
  textNlStatus: 'reviewed',
  language: 'nl',
  attribution: '(man, 57, Turkije, Z-route)',
  pattern: 'Werk als doel',
  patternId: 3,
  session: 'POOL-Z-1',
  section: '3.4',
  position: 0,
  participant: 'EP-Z-01',
  synthetic: true,
};

it('writes CSV with a BOM, formula-like text behind an apostrophe, and the synthetic mark', () => {
  const csv = quotesToCsv([quote]);
  assert.ok(csv.startsWith('\ufeffsection,pattern,attribution,'));
  const [header, row] = parse(csv.slice(1));
  const cell = (name: string) => row![header!.indexOf(name)];
  assert.equal(cell('text'), `'${quote.text}`);
  assert.equal(cell('text_nl'), `'${quote.textNl}`);
  assert.equal(cell('attribution'), '(man, 57, Turkije, Z-route)');
  assert.equal(cell('synthetic'), 'synthetic');
});

it('writes XLSX whose cells read back as the same text', async () => {
  const book = new ExcelJS.Workbook();
  const bytes = await quotesToXlsx([quote]);
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = book.getWorksheet('citaten')!;
  assert.equal(sheet.getRow(2).getCell(5).value, quote.text);
  assert.equal(sheet.getRow(2).getCell(3).value, quote.attribution);
  assert.equal(sheet.getRow(2).getCell(11).value, 'synthetic');
});
