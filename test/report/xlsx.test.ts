// The XLSX writers, read back with ExcelJS: typed cells (an answer "=1+1" stays text, never a formula), the
// frozen header, right-to-left Arabic cells, the variables sheet, report tables with the report's layout,
// and clear errors that leave an earlier file alone.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { ExportDataError } from '../../src/report/export-cells.ts';
import type { ExportVariable } from '../../src/report/export-model.ts';
import { writeXlsx, writeXlsxFile, type XlsxSummary } from '../../src/report/xlsx.ts';
import { PERCENT_FORMAT, writeTablesXlsx, type ReportTableModel } from '../../src/report/xlsx-tables.ts';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { ARABIC_ANSWER, fixtureRows, fixtureTable, fixtureVariables, FORMULA_ANSWER, TIGRINYA_ANSWER } from './export-fixture.ts';

// ExcelJS's types give every cell a font and an alignment; a cell without that style has none (undefined).
const styleOf = (cell: ExcelJS.Cell): { font?: Partial<ExcelJS.Font>; alignment?: Partial<ExcelJS.Alignment> } => cell;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'perspectief-xlsx-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A row's values from column A on, empty cells as undefined (ExcelJS gives a sparse array from index 1). */
const values = (row: ExcelJS.Row): unknown[] => Array.from(row.values as unknown[]).slice(1);

const read = async (path: string): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
};

// Table 2.1 of the report (woonsituatie per type inburgeraar), shortened.
const TABLE_2_1: ReportTableModel = {
  id: '2.1',
  title: 'Verdeling woonsituatie per type inburgeraar',
  N: 5048,
  columns: [
    { label: 'Wi2021-asiel', N: 2613 },
    { label: 'Wi2021-gezin', N: 1752 },
    { label: 'Wi2013-asiel', N: 413 },
    { label: 'Wi2013-gezin', N: null },
  ],
  rows: [
    { label: 'Ik woon alleen', cells: [31, 2, 28, 4] },
    { label: 'Ik woon alleen met mijn kinderen', cells: [4, 0.4, 7, 2] },
    { label: 'Ik woon met andere familie', cells: ['<1%', 0, null, '-'] },
  ],
  notes: ['Bron: vragenlijstonderzoek 2024 (synthetische gegevens).'],
};

describe('the XLSX export of the fixture table', () => {
  let workbook: ExcelJS.Workbook;
  let summary: XlsxSummary;
  before(async () => {
    const path = join(dir, 'export.xlsx');
    summary = await writeXlsxFile(fixtureTable(), path, { lang: 'nl', tables: [TABLE_2_1], now: new Date('2026-03-04T05:06:07Z') });
    workbook = await read(path);
  });

  it('has a data sheet, a variables sheet and one sheet per report table, named in Dutch', () => {
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['Gegevens', 'Variabelen', 'Tabel 2.1'],
    );
  });

  it('writes numbers as numbers, dates as dates and text as text, so "=1+1" and "=HYPERLINK(…)" stay text', () => {
    const ws = workbook.getWorksheet('Gegevens')!;
    assert.deepEqual(values(ws.getRow(1)), [...fixtureVariables.map((v) => v.name)]);
    fixtureRows.forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = ws.getCell(r + 2, c + 1);
        const where = `${cell.address} (${fixtureVariables[c]!.name})`;
        if (value === null) assert.equal(cell.type, ExcelJS.ValueType.Null, where);
        else if (typeof value === 'number') {
          assert.equal(cell.type, ExcelJS.ValueType.Number, where);
          assert.equal(cell.value, value, where);
        } else if (typeof value === 'string') {
          assert.equal(cell.type, ExcelJS.ValueType.String, where);
          assert.ok(Buffer.from(cell.text).equals(Buffer.from(value)), where);
        } else if (value.getUTCFullYear() >= 1900) {
          assert.equal(cell.type, ExcelJS.ValueType.Date, where);
          assert.equal((cell.value as Date).toISOString(), value.toISOString(), where);
        }
      });
    });
    const formulas: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cell.type === ExcelJS.ValueType.Formula && formulas.push(cell.address)));
    assert.deepEqual(formulas, []);
    assert.equal(ws.getCell('M2').value, FORMULA_ANSWER);
    assert.equal(ws.getCell('M3').value, '=1+1');
  });

  it('shows dates and times in Dutch day-month-year formats, and writes a date before 1900 as text, saying so', () => {
    const ws = workbook.getWorksheet('Gegevens')!;
    assert.equal(ws.getCell('K2').numFmt, 'dd-mm-yyyy');
    assert.equal(ws.getCell('L2').numFmt, 'dd-mm-yyyy hh:mm:ss');
    assert.equal(ws.getCell('K5').value, '1582-10-15');
    assert.deepEqual(summary.notices, [{ kind: 'date-as-text', variable: 'gestart', count: 1 }]);
    assert.equal(summary.rows, fixtureRows.length);
  });

  it('freezes the header row of the data sheet and makes it bold', () => {
    const ws = workbook.getWorksheet('Gegevens')!;
    assert.equal(ws.views[0]?.state, 'frozen');
    assert.equal((ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 1);
    assert.equal(styleOf(ws.getCell('A1')).font?.bold, true);
  });

  it('lets Arabic answers read right to left and leaves Tigrinya and Dutch left to right', () => {
    const ws = workbook.getWorksheet('Gegevens')!;
    assert.equal(ws.getCell('C2').value, ARABIC_ANSWER);
    assert.equal(styleOf(ws.getCell('C2')).alignment?.readingOrder, undefined, 'starts with the Latin "xy"');
    assert.equal(styleOf(ws.getCell('C3')).alignment?.readingOrder, 'rtl');
    assert.equal(styleOf(ws.getCell('C5')).alignment?.readingOrder, undefined, 'Dutch text in the Arabic column');
    assert.equal(ws.getCell('D2').value, TIGRINYA_ANSWER);
    assert.equal(styleOf(ws.getCell('D2')).alignment?.readingOrder, undefined);
  });

  it('lists every variable with its label, type, measurement level, value labels and missing codes', () => {
    const ws = workbook.getWorksheet('Variabelen')!;
    assert.deepEqual(values(ws.getRow(1)), ['Naam', 'Label', 'Type', 'Meetniveau', 'Waarden', 'Ontbrekende codes']);
    assert.deepEqual(values(ws.getRow(2)), [
      'q1',
      'Hoe tevreden bent u over uw taalcursus?',
      'numeriek',
      'ordinaal',
      '1 = Zeer ontevreden\n2 = Ontevreden\n3 = Tevreden\n97 = Weet ik niet\n98 = Wil ik niet zeggen\n99 = Niet van toepassing\n-1 = Niet gevraagd',
      '97, 98, 99, -1',
    ]);
    assert.deepEqual(values(ws.getRow(6)), [
      'taal',
      'Taal van de vragenlijst',
      'tekst',
      'nominaal',
      'nl = Nederlands\nar = العربية\nti = ትግርኛ',
    ]);
    assert.deepEqual(values(ws.getRow(13)), ['afgerond', 'Tijdstip van afronden', 'datum en tijd', 'schaal']);
    assert.equal(ws.getCell('A16').value, 'Toelichting');
    assert.equal(ws.getCell('A17').value, 'Bron: perspectief export, golf 2024.');
  });

  it('lays a report table out as the report does: caption with N, header, percentages, Totaal with N, notes', () => {
    const ws = workbook.getWorksheet('Tabel 2.1')!;
    assert.equal(ws.getCell('A1').value, 'Tabel 2.1 Verdeling woonsituatie per type inburgeraar (N = 5.048)');
    assert.deepEqual(values(ws.getRow(3)), ['', 'Wi2021-asiel', 'Wi2021-gezin', 'Wi2013-asiel', 'Wi2013-gezin']);
    assert.deepEqual(values(ws.getRow(4)), ['Ik woon alleen', 0.31, 0.02, 0.28, 0.04]);
    assert.equal(ws.getCell('B4').numFmt, PERCENT_FORMAT);
    assert.equal(ws.getCell('C5').value, 0.004);
    assert.deepEqual(values(ws.getRow(6)), ['Ik woon met andere familie', '<1%', 0, undefined, '-']);
    assert.deepEqual(values(ws.getRow(7)), ['Totaal', 2613, 1752, 413]);
    assert.equal(ws.getCell('B7').numFmt, '"100% (N = "#,##0")"');
    assert.equal(styleOf(ws.getCell('B7')).font?.bold, true);
    assert.equal(ws.getCell('A9').value, 'Bron: vragenlijstonderzoek 2024 (synthetische gegevens).');
    assert.equal(styleOf(ws.getCell('A9')).font?.italic, true);
    assert.deepEqual(
      [ws.views[0]?.state, (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, (ws.views[0] as ExcelJS.WorksheetViewFrozen).xSplit],
      ['frozen', 3, 1],
    );
  });
});

it('names sheets and headings in English when asked, and marks sheets right to left for Arabic', async () => {
  const en = join(dir, 'en.xlsx');
  await writeXlsxFile(fixtureTable(), en, { lang: 'en', tables: [TABLE_2_1] });
  const workbook = await read(en);
  assert.deepEqual(
    workbook.worksheets.map((w) => w.name),
    ['Data', 'Variables', 'Table 2.1'],
  );
  assert.equal(
    workbook.getWorksheet('Table 2.1')!.getCell('A1').value,
    'Table 2.1 Verdeling woonsituatie per type inburgeraar (N = 5,048)',
  );
  const ar = join(dir, 'ar.xlsx');
  await writeXlsxFile(fixtureTable(), ar, { lang: 'ar' });
  assert.equal((await read(ar)).getWorksheet('المتغيرات')!.views[0]?.rightToLeft, true);
});

it('writes a workbook of report tables only, with unique sheet names', async () => {
  const path = join(dir, 'tables.xlsx');
  await writeTablesXlsx(
    [
      TABLE_2_1,
      { ...TABLE_2_1, title: 'Nog eens' },
      { ...TABLE_2_1, id: 'B.2.7', unit: 'number', decimals: 2, rows: [{ label: 'Constante', cells: [1.234, -0.5, 3, 4] }] },
    ],
    createWriteStream(path),
    { lang: 'nl' },
  );
  const workbook = await read(path);
  assert.deepEqual(
    workbook.worksheets.map((w) => w.name),
    ['Tabel 2.1', 'Tabel 2.1 (2)', 'Tabel B.2.7'],
  );
  const regression = workbook.getWorksheet('Tabel B.2.7')!;
  assert.deepEqual(values(regression.getRow(4)), ['Constante', 1.234, -0.5, 3, 4]);
  assert.equal(regression.getCell('B4').numFmt, '#,##0.00');
  assert.equal(regression.getCell('B5').numFmt, '"N = "#,##0');
});

it('removes characters a spreadsheet cannot hold and cuts text at 32,767 characters, and says so', async () => {
  const path = join(dir, 'odd.xlsx');
  const variables: ExportVariable[] = [{ name: 'open', label: '', type: 'string', measure: 'nominal' }];
  const long = 'ا'.repeat(40_000);
  const summary = await writeXlsxFile({ variables, rows: [['bel\u0007 mij\u0000'], [long]] }, path);
  const ws = (await read(path)).getWorksheet('Gegevens')!;
  assert.equal(ws.getCell('A2').value, 'bel mij');
  assert.equal(ws.getCell('A3').text.length, 32_767);
  assert.deepEqual(summary.notices, [
    { kind: 'characters-removed', variable: 'open', count: 1 },
    { kind: 'cut-at-limit', variable: 'open', count: 1 },
  ]);
});

it('shows dates and times on the clock of the time zone asked for', async () => {
  const path = join(dir, 'tz.xlsx');
  const variables: ExportVariable[] = [
    { name: 'datum', label: '', type: 'date', measure: 'scale' },
    { name: 'tijd', label: '', type: 'datetime', measure: 'scale' },
  ];
  const moment = new Date('2024-07-01T22:15:05Z');
  await writeXlsxFile({ variables, rows: [[moment, moment]] }, path, { timeZone: 'Europe/Amsterdam' });
  const ws = (await read(path)).getWorksheet('Gegevens')!;
  assert.equal((ws.getCell('A2').value as Date).toISOString(), '2024-07-02T00:00:00.000Z');
  assert.equal((ws.getCell('B2').value as Date).toISOString(), '2024-07-02T00:15:05.000Z');
});

it('streams: most of a large sheet has reached the output before its last row is read', async () => {
  const variables: ExportVariable[] = Array.from({ length: 100 }, (_, i) => ({
    name: `v${i}`,
    label: '',
    type: 'numeric',
    measure: 'nominal',
  }));
  let received = 0;
  let receivedBeforeLastRow = -1;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done();
    },
  });
  const total = 6000;
  function* rows(): Generator<number[]> {
    for (let r = 0; r < total; r++) {
      if (r === total - 1) receivedBeforeLastRow = received;
      yield variables.map((_, c) => 1000 + r + c);
    }
  }
  await writeXlsx({ variables, rows: rows() }, out);
  assert.ok(receivedBeforeLastRow > received / 2, `${receivedBeforeLastRow} of ${received} bytes out before the last row`);
});

it('names the row and variable of a bad cell and leaves an earlier file of that name as it was', async () => {
  const path = join(dir, 'kept.xlsx');
  writeFileSync(path, 'earlier export');
  const variables: ExportVariable[] = [{ name: 'leeftijd', label: '', type: 'numeric', measure: 'scale' }];
  await assert.rejects(writeXlsxFile({ variables, rows: [[34], ['veertig']] }, path), (e: unknown) => {
    assert.ok(e instanceof ExportDataError);
    assert.equal(e.message, 'row 2, variable "leeftijd" (numeric): expected a finite number or null, got the text "veertig"');
    return true;
  });
  assert.equal(readFileSync(path, 'utf8'), 'earlier export');
});
