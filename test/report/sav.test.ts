// The .sav writer, judged by the software analysts use: every file is read back with Debian's PSPP (pspp,
// pspp-convert) and with R haven, and what they see (names, labels, value labels, missing codes, measure,
// formats, values) is compared with the table that went in, strings byte for byte.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeSavFile, type SavSummary } from '../../src/report/sav.ts';
import { ARABIC_ANSWER, fixtureRows, fixtureTable, FORMULA_ANSWER, LONG_NAME, TIGRINYA_ANSWER } from './export-fixture.ts';
import { havenRead, havenText, psppDescribe, psppValues, type HavenView, type PsppTables } from './sav-oracles.ts';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const NOW = new Date('2026-03-04T05:06:07Z');

// What SPSS must show for the fixture, written out by hand (not computed by the writer).
const EXPECTED = [
  {
    source: 'q1',
    name: 'q1',
    label: 'Hoe tevreden bent u over uw taalcursus?',
    format: 'F8.0',
    measure: 'Ordinal',
    width: '8',
    align: 'Right',
    missing: '97 THRU 99; -1',
  },
  {
    source: 'Q1',
    name: 'Q1_2',
    label: 'Q1: Zelfde naam, andere hoofdletters',
    format: 'F8.0',
    measure: 'Nominal',
    width: '8',
    align: 'Right',
    missing: '8; 9',
  },
  {
    source: 'open ar',
    name: 'open_ar',
    label: 'open ar: Open antwoord (Arabisch)',
    format: `A${bytes(ARABIC_ANSWER)}`,
    measure: 'Nominal',
    width: '40',
    align: 'Left',
    missing: '',
  },
  {
    source: 'open_ti',
    name: 'open_ti',
    label: 'ክፉት መልሲ',
    format: `A${bytes(TIGRINYA_ANSWER)}`,
    measure: 'Nominal',
    width: '40',
    align: 'Left',
    missing: '',
  },
  {
    source: 'taal',
    name: 'taal',
    label: 'Taal van de vragenlijst',
    format: 'A2',
    measure: 'Nominal',
    width: '8',
    align: 'Left',
    missing: '',
  },
  { source: 'kanaal', name: 'kanaal', label: 'Wervingskanaal', format: 'A10', measure: 'Nominal', width: '10', align: 'Left', missing: '' },
  {
    source: LONG_NAME,
    name: LONG_NAME.slice(0, 64),
    label: `${LONG_NAME}: Tevredenheid begeleiding`,
    format: 'F8.1',
    measure: 'Scale',
    width: '8',
    align: 'Right',
    missing: '',
  },
  {
    source: '1e_meting',
    name: 'v1e_meting',
    label: '1e_meting: Eerste meting',
    format: 'F8.0',
    measure: 'Nominal',
    width: '8',
    align: 'Right',
    missing: '-3 THRU -1; 7',
  },
  { source: 'BY', name: 'v_BY', label: 'BY', format: 'F8.2', measure: 'Scale', width: '8', align: 'Right', missing: '' },
  {
    source: 'سؤال',
    name: 'v_',
    label: 'سؤال: Vraag met Arabische naam',
    format: 'F8.0',
    measure: 'Nominal',
    width: '8',
    align: 'Right',
    missing: '',
  },
  {
    source: 'gestart',
    name: 'gestart',
    label: 'Datum van de eerste pagina',
    format: 'DATE11',
    measure: 'Scale',
    width: '11',
    align: 'Right',
    missing: '',
  },
  {
    source: 'afgerond',
    name: 'afgerond',
    label: 'Tijdstip van afronden',
    format: 'DATETIME20.0',
    measure: 'Scale',
    width: '20',
    align: 'Right',
    missing: '',
  },
  {
    source: 'opmerking',
    name: 'opmerking',
    label: 'Opmerking',
    format: `A${bytes(FORMULA_ANSWER)}`,
    measure: 'Nominal',
    width: '40',
    align: 'Left',
    missing: '',
  },
] as const;

const EXPECTED_VALUE_LABELS: Record<string, [string, string][]> = {
  q1: [
    ['-1', 'Niet gevraagd'],
    ['1', 'Zeer ontevreden'],
    ['2', 'Ontevreden'],
    ['3', 'Tevreden'],
    ['97', 'Weet ik niet'],
    ['98', 'Wil ik niet zeggen'],
    ['99', 'Niet van toepassing'],
  ],
  Q1_2: [
    ['1', 'نعم'],
    ['2', 'ኣይፋል'],
  ],
  taal: [
    ['ar', 'العربية'],
    ['nl', 'Nederlands'],
    ['ti', 'ትግርኛ'],
  ],
  kanaal: [
    ['duo-brief', 'Brief van DUO'],
    ['taalschool', 'Taalschool'],
  ],
};

const sorted = (pairs: [string, string][]): [string, string][] => [...pairs].sort((a, b) => a[0].localeCompare(b[0]));

/** PSPP's pspp-convert shows dates as mm/dd/yyyy and times as mm/dd/yyyy hh:mm:ss. */
const psppDate = (d: Date, withTime: boolean): string => {
  const iso = d.toISOString();
  const date = `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
  return withTime ? `${date} ${iso.slice(11, 19)}` : date;
};

for (const compression of ['bytecode', 'none'] as const) {
  describe(`a .sav file written with compression "${compression}"`, () => {
    let dir: string;
    let path: string;
    let summary: SavSummary;
    let pspp: PsppTables;
    let haven: HavenView;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'perspectief-sav-'));
      path = join(dir, 'export.sav');
      summary = await writeSavFile(fixtureTable(), path, { compression, now: NOW });
      pspp = psppDescribe(path, ['q1', 'Q1_2', 'v1e_meting']);
      haven = havenRead(path);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('gives PSPP every name, label, measurement level, display width, alignment, format and missing-value set', () => {
      const rows = pspp.get('Variables');
      assert.ok(rows, 'PSPP printed no Variables table');
      const [head, ...vars] = rows;
      assert.deepEqual(head, [
        'Name',
        'Position',
        'Label',
        'Measurement Level',
        'Role',
        'Width',
        'Alignment',
        'Print Format',
        'Write Format',
        'Missing Values',
      ]);
      assert.deepEqual(
        vars.map((r) => [r[0], r[2], r[3], r[5], r[6], r[7], r[8], r[9]]),
        EXPECTED.map((e) => [e.name, e.label, e.measure, e.width, e.align, e.format, e.format, e.missing]),
      );
    });

    it('gives PSPP the numeric and string value labels, in Dutch, Arabic and Tigrinya', () => {
      const rows = pspp.get('Value Labels')!.slice(1);
      const found: Record<string, [string, string][]> = {};
      let current = '';
      for (const [variable, value, label] of rows.filter((r) => r.length === 3)) {
        if (variable !== '') current = variable!;
        (found[current] ??= []).push([value!.replace(/\[[a-z]\]$/, ''), label!]);
      }
      assert.deepEqual(
        Object.fromEntries(Object.entries(found).map(([k, v]) => [k, sorted(v)])),
        Object.fromEntries(Object.entries(EXPECTED_VALUE_LABELS).map(([k, v]) => [k, sorted(v)])),
      );
    });

    it('makes PSPP count user-missing codes and nulls as missing', () => {
      const stats = pspp.get('Statistics')!;
      assert.deepEqual(stats[0], ['', '', 'q1', 'Q1_2', 'v1e_meting']);
      // q1: 1, 97, null, -1, 3 → valid 2; Q1_2: 1, 9, null, 2, 8 → valid 2; v1e_meting: 1, -2, 7, 8, 2 → valid 3.
      assert.deepEqual(stats[1], ['N', 'Valid', '2', '2', '3']);
      assert.deepEqual(stats[2], ['', 'Missing', '3', '3', '2']);
    });

    it('keeps the file label and the documents (cut into 80-byte lines) for PSPP and haven', () => {
      assert.equal(pspp.get('File Label')?.[0]?.[1], 'Perspectief inburgeraars — SYNTHETISCH');
      assert.equal(haven.fileLabel, 'Perspectief inburgeraars — SYNTHETISCH');
      assert.deepEqual(haven.notes, [
        'Bron: perspectief export, golf 2024.',
        // Cut before the "é" that would cross byte 80 (lines are padded with spaces, which haven drops).
        'Deze toelichting is langer dan tachtig bytes en gaat door op een tweede regel:',
        'één en twee.',
      ]);
    });

    it('gives PSPP every value: numbers, nulls as system-missing, dates, and strings byte for byte', () => {
      const [header, ...cases] = psppValues(path);
      assert.deepEqual(
        header,
        EXPECTED.map((e) => e.name),
      );
      assert.equal(cases.length, fixtureRows.length);
      fixtureRows.forEach((row, r) => {
        row.forEach((cell, c) => {
          const got = cases[r]![c]!;
          const where = `row ${r + 1}, ${EXPECTED[c]!.name}`;
          if (cell === null) assert.equal(got.trim(), '', where);
          else if (typeof cell === 'number') assert.equal(Number(got), cell === 0 ? 0 : cell, where);
          else if (cell instanceof Date) assert.equal(got, psppDate(cell, EXPECTED[c]!.format.startsWith('DATETIME')), where);
          else assert.ok(Buffer.from(got).equals(Buffer.from(cell)), `${where}: ${got} ≠ ${cell}`);
        });
      });
    });

    it('gives haven the names, labels, formats, value labels and missing codes', () => {
      assert.deepEqual(
        [...haven.variables.keys()],
        EXPECTED.map((e) => e.name),
      );
      for (const e of EXPECTED) {
        const v = haven.variables.get(e.name)!;
        assert.equal(v.label, e.label, e.name);
        assert.equal(v.format, e.format.replace('DATETIME20.0', 'DATETIME20'), e.name);
      }
      const labels = (name: string): [string, string][] =>
        sorted(haven.variables.get(name)!.valueLabels.map((l) => [String(Number(l.value) || l.value), l.label]));
      assert.deepEqual(labels('q1'), sorted(EXPECTED_VALUE_LABELS['q1']!));
      assert.deepEqual(labels('taal'), sorted(EXPECTED_VALUE_LABELS['taal']!));
      assert.deepEqual(labels('kanaal'), sorted(EXPECTED_VALUE_LABELS['kanaal']!));
      assert.deepEqual(labels('Q1_2'), sorted(EXPECTED_VALUE_LABELS['Q1_2']!));
      const q1 = haven.variables.get('q1')!;
      assert.deepEqual([q1.naRange, q1.naValues], ['97,99', '-1']);
      assert.deepEqual([haven.variables.get('Q1_2')!.naRange, haven.variables.get('Q1_2')!.naValues], [undefined, '8,9']);
      assert.deepEqual(haven.variables.get('v1e_meting')!.naRange, '-3,-1');
      assert.deepEqual(haven.variables.get('v1e_meting')!.naValues, '7');
    });

    it('gives haven the Arabic and Tigrinya open answers over 255 bytes back byte for byte', () => {
      // The answers are long enough for three segments, and a character straddles the 255-byte cut.
      for (const text of [ARABIC_ANSWER, TIGRINYA_ANSWER]) {
        const encoded = Buffer.from(text);
        assert.ok(encoded.length > 510, 'fixture answer needs three segments');
        assert.equal(encoded[255]! & 0xc0, 0x80, 'fixture answer must have a character across byte 255');
      }
      const ar = haven.variables.get('open_ar')!.cells.map((c) => havenText(c.value));
      const ti = haven.variables.get('open_ti')!.cells.map((c) => havenText(c.value));
      assert.ok(Buffer.from(ar[0]!).equals(Buffer.from(ARABIC_ANSWER)));
      assert.ok(Buffer.from(ti[0]!).equals(Buffer.from(TIGRINYA_ANSWER)));
      assert.deepEqual(ar.slice(1), ['قصير', '', '', 'Tevreden']);
      assert.deepEqual(ti.slice(1), ['ሰላም', '', 'Goed', '']);
    });

    it('gives haven every number, date, time and null, with user-missing codes flagged missing', () => {
      const cells = (name: string): { value: string; missing: boolean }[] => haven.variables.get(name)!.cells;
      assert.deepEqual(
        cells('q1').map((c) => [c.value, c.missing]),
        [
          ['1', false],
          ['97', true],
          ['NA', true],
          ['-1', true],
          ['3', false],
        ],
      );
      assert.deepEqual(
        EXPECTED.map((e) =>
          e.format.startsWith('F') ? cells(e.name).map((x) => (x.value === 'NA' ? null : Number(x.value))) : undefined,
        ).filter(Boolean),
        EXPECTED.map((e, c) => (e.format.startsWith('F') ? fixtureRows.map((r) => r[c]) : undefined)).filter(Boolean),
      );
      assert.deepEqual(
        cells('gestart').map((c) => c.value),
        ['2024-10-01', '1970-01-01', 'NA', '1582-10-15', '2025-02-28'],
      );
      assert.deepEqual(
        cells('afgerond').map((c) => c.value),
        ['2024-10-01 13:45:30', '2038-01-19 03:14:08', 'NA', '1999-12-31 23:59:59', '2025-02-28 08:00:00'],
      );
      assert.deepEqual(
        cells('opmerking').map((c) => havenText(c.value)),
        [FORMULA_ANSWER, '=1+1', '', 'Dank u wel', 'Gewoon tekst'],
      );
    });

    it('says which names it changed and why', () => {
      assert.deepEqual(
        summary.notices.filter((n) => n.kind === 'renamed'),
        [
          { kind: 'renamed', variable: 'Q1', name: 'Q1_2' },
          { kind: 'renamed', variable: 'open ar', name: 'open_ar' },
          { kind: 'renamed', variable: LONG_NAME, name: LONG_NAME.slice(0, 64) },
          { kind: 'renamed', variable: '1e_meting', name: 'v1e_meting' },
          { kind: 'renamed', variable: 'BY', name: 'v_BY' },
          { kind: 'renamed', variable: 'سؤال', name: 'v_' },
        ],
      );
      assert.equal(summary.rows, fixtureRows.length);
    });
  });
}
