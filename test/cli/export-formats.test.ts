// `perspectief export` of the demo wave as a user runs it (in-process through main): the .sav file read back
// by PSPP and by R haven (every variable label and value label, the user-missing codes, the frequencies of
// ten items equal to the engine's, long Arabic and Tigrinya answers byte for byte), the XLSX file read back
// by ExcelJS (an answer "=1+1" stays text), the CSV with labels and without missing codes, the read-me and
// the audit log.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { questionnaireMask } from '../../src/analysis/conditions.ts';
import type { AnalysisDataset } from '../../src/analysis/dataset.ts';
import { exploreTable } from '../../src/analysis/explore.ts';
import { loadWaveDataset } from '../../src/analysis/load.ts';
import { findWave } from '../../src/analysis/waves.ts';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { DEFAULT_SEED, loadDemo } from '../../src/demo/index.ts';
import { textIn } from '../../src/report/tables-json.ts';
import { truncateUtf8 } from '../../src/report/utf8.ts';
import { insertResponsesBulk } from '../../src/storage/bulk.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { syncStudy } from '../../src/storage/studies.ts';
import { hashSecret, newSecret } from '../../src/storage/tokens.ts';
import { DEFAULT_STUDY_DIR, loadStudy } from '../../src/study/load.ts';
import { requireRPackage, requireTool, run } from '../support/reference-tools.ts';
import { questionnaireVersion } from '../support/db.ts';

/** Ten items of the 2024 wave: choice items with and without missing codes, scales, derived variables. */
const ITEMS = ['Q2.01', 'Q2.04', 'Q2.09', 'Q3.01', 'Q3.05', 'Q4.17', 'Q4.25', 'Q8.03', 'type_inburgeraar', 'leeftijdsklasse'];

// Long open answers: Arabic (2 bytes a letter) and Tigrinya (3 bytes) over 255 bytes, so they are SPSS very
// long strings with a character across the 255-byte segment boundary.
const ARABIC = 'أنا من السودان وعشت في مصر وليبيا قبل أن آتي إلى هولندا مع عائلتي، '.repeat(6).trim();
const TIGRINYA = 'ኣነ ካብ ኤርትራ እየ፣ ብሱዳንን ሊብያን ኣቢለ ናብ ሆላንድ መጺአ፣ ምስ ስድራቤተይ ኣብ ሓደ ከተማ እነብር። '.repeat(5).trim();
const FORMULA = '=1+1';

const capture = (env: Record<string, string>) => {
  const err: string[] = [];
  const out: string[] = [];
  const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, cwd: process.cwd() };
  return { io, err: () => err.join(''), out: () => out.join('') };
};

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

describe('perspectief export --format sav|xlsx|csv of the demo wave', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-export-'));
  const dataDir = join(dir, 'data');
  const env = { PERSPECTIEF_DATA_DIR: dataDir, PERSPECTIEF_STUDY_DIR: DEFAULT_STUDY_DIR, DATABASE_URL: '', PERSPECTIEF_DEMO: '0' };
  const study = loadStudy(DEFAULT_STUDY_DIR);
  const wave = findWave(study, '2024');
  const ids = { arabic: '00000000-0000-4000-8000-00000000a001', tigrinya: '00000000-0000-4000-8000-00000000a002' };
  let engine: AnalysisDataset;
  let savPath: string;
  let savStderr: string;

  before(async () => {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    await syncStudy(database.db, study);
    await loadDemo(database.db, study, { stderr: () => {} }, DEFAULT_SEED);
    // Two real (not demo) respondents whose country is "Anders, namelijk..." in their own script.
    const at = new Date(Date.UTC(2024, 9, 20, 10));
    await insertResponsesBulk(
      database.db,
      [
        { id: ids.arabic, language: 'ar' as const, text: ARABIC, other: FORMULA },
        { id: ids.tigrinya, language: 'ti' as const, text: TIGRINYA, other: '-' },
      ].map((r) => ({
        id: r.id,
        accessHash: hashSecret(newSecret()),
        questionnaireId: 'wi2021-asiel',
        questionnaireVersion: questionnaireVersion(wave.id, 'wi2021-asiel', study),
        waveId: wave.id,
        language: r.language,
        channel: 'duo-brief',
        status: 'completed',
        startedAt: at,
        completedAt: at,
        answers: new Map<string, number | string | number[]>([
          ['Q2.01', 3],
          ['Q2.01_anders', r.other],
          ['Q2.03', 10],
          ['Q2.03_anders', r.text],
        ]),
      })),
    );
    engine = (await loadWaveDataset(database.db, study, wave)).data;
    await database.close();
    savPath = join(dir, 'meting-2024.sav');
    const c = capture(env);
    assert.equal(await main(['export', '--format', 'sav', '--wave', '2024', '--out', savPath], c.io), 0, c.err());
    savStderr = c.err();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Every variable label as the file should carry it: the Dutch label, cut at SPSS's 255 bytes. */
  const expectedLabels = (): Map<string, string> =>
    new Map(engine.variables.map((v) => [v.name, truncateUtf8(textIn(v.label, 'nl'), 255)]));
  const expectedValueLabels = (): Map<string, Map<number, string>> =>
    new Map(
      engine.variables
        .filter((v) => v.values.length > 0 && v.storage === 'number')
        .map((v) => [v.name, new Map(v.values.map((x) => [x.value, truncateUtf8(textIn(x.label, 'nl'), 120)]))]),
    );
  /** The engine's counts of an item: each valid code, each missing code (the explorer's path, no breakdown). */
  const engineCounts = (item: string, within: Uint8Array | null = null): Map<number, number> => {
    const channels = { registered: new Set<string>(), letters: new Set<string>() };
    const result = exploreTable([{ wave, data: engine, weights: null, within }], { item, breakdown: 'none' }, channels);
    assert.ok(result.kind === 'frequency', item);
    const counts = new Map<number, number>();
    for (const row of result.table.rows) if ((row.count[0] ?? 0) > 0) counts.set(row.code as number, row.count[0] as number);
    for (const m of result.table.columns[0]!.missing) counts.set(m.code, m.count);
    return counts;
  };

  it('writes the .sav with its codebook and read-me, names no renamed variable, and says the rows are partly synthetic', () => {
    assert.match(savStderr, new RegExp(`wrote ${engine.rows} responses and ${engine.variables.length} variables to .*meting-2024\\.sav`));
    assert.doesNotMatch(savStderr, /is named .* in the \.sav file/);
    assert.match(savStderr, /SYNTHETIC DATA: 5173 of the 5175 responses in this export are invented demo respondents/);
    const readme = readFileSync(join(dir, 'meting-2024.README.txt'), 'utf8');
    assert.match(readme, /^SYNTHETIC DATA - read this before using meting-2024\.sav/);
    assert.match(readme, /Filters: wave inburgeraars:2024; questionnaire all; channel all; completed responses only\./);
    assert.match(readme, /declared user-missing, so SPSS, PSPP and R haven/);
    assert.match(readme, /inburgeraars:2024: 5173 synthetic of 5175/);
    const codebook = JSON.parse(readFileSync(join(dir, 'meting-2024.codebook.json'), 'utf8')) as {
      variables: { name: string; missing: number[] }[];
    };
    assert.deepEqual(codebook.variables.find((v) => v.name === 'Q2.01')?.missing, [98]);
  });

  it('gives PSPP every variable label and value label, and the frequencies of ten items equal to the engine', () => {
    requireTool('pspp', 'pspp');
    const syntax = join(dir, 'check.sps');
    const output = join(dir, 'check.csv');
    writeFileSync(
      syntax,
      [
        `SET LOCALE='UTF-8'.`,
        `SET TVARS=NAMES TNUMBERS=VALUES.`,
        `GET FILE='${savPath}'.`,
        `DISPLAY DICTIONARY.`,
        `FREQUENCIES /VARIABLES=${ITEMS.join(' ')}.`,
        '',
      ].join('\n'),
    );
    run('pspp', [syntax, '-O', 'format=csv', '-o', output]);
    const tables = new Map<string, string[][]>();
    let current: string[][] = [];
    for (const row of parse(readFileSync(output, 'utf8'), { relax_column_count: true, skip_empty_lines: true })) {
      const title = row.length === 1 ? /^Table: (.*)$/.exec(row[0]!)?.[1] : undefined;
      if (title !== undefined) tables.set(title, (current = []));
      else current.push(row);
    }
    const [, ...vars] = tables.get('Variables')!;
    assert.deepEqual(new Map(vars.map((r) => [r[0]!, r[2]!])), expectedLabels());
    const found = new Map<string, Map<number, string>>();
    let variable = '';
    for (const [name, value, label] of tables
      .get('Value Labels')!
      .slice(1)
      .filter((r) => r.length === 3)) {
      if (name !== '') variable = name!;
      if (!found.has(variable)) found.set(variable, new Map());
      // PSPP marks a user-missing code in the table ("98[a]"): the code is the number in front.
      found.get(variable)!.set(Number(/^-?\d+(?:\.\d+)?/.exec(value!)?.[0]), label!);
    }
    assert.deepEqual(found, expectedValueLabels());
    for (const item of ITEMS) {
      const rows = tables.get(item);
      assert.ok(rows, `PSPP printed no frequency table for ${item}`);
      const counts = new Map<number, number>();
      for (const row of rows.slice(1)) if (/^-?\d+$/.test(row[1] ?? '')) counts.set(Number(row[1]), Number(row[2]));
      assert.deepEqual(counts, engineCounts(item), item);
    }
  });

  it('gives R haven every variable label, value label and missing code, the ten frequencies, and the Arabic and Tigrinya answers byte for byte', () => {
    requireRPackage('haven', 'r-cran-haven');
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'report', 'sav-summary.R');
    const labels = new Map<string, string>();
    const valueLabels = new Map<string, Map<number, string>>();
    const missing = new Map<string, string>();
    const freq = new Map<string, Map<number, number>>();
    const texts = new Map<string, string>();
    let rows = 0;
    for (const line of run('Rscript', [script, savPath, ITEMS.join(','), 'Q2.03_anders', `${ids.arabic},${ids.tigrinya}`]).split('\n')) {
      const [kind, ...f] = line.split('\t');
      const text = (h: string): string => Buffer.from(h, 'hex').toString('utf8');
      if (kind === 'rows') rows = Number(f[0]);
      if (kind === 'variable') labels.set(f[0]!, f[1] === 'NA' ? '' : text(f[1]!));
      if (kind === 'value_label') {
        if (!valueLabels.has(f[0]!)) valueLabels.set(f[0]!, new Map());
        valueLabels.get(f[0]!)!.set(Number(text(f[1]!)), text(f[2]!));
      }
      if (kind === 'na_values') missing.set(f[0]!, f[1]!);
      if (kind === 'freq') {
        if (!freq.has(f[0]!)) freq.set(f[0]!, new Map());
        freq.get(f[0]!)!.set(Number(f[1]), Number(f[2]));
      }
      if (kind === 'text') texts.set(f[0]!, f[1]!);
    }
    assert.equal(rows, engine.rows);
    assert.deepEqual(labels, expectedLabels());
    assert.deepEqual(valueLabels, expectedValueLabels());
    const sorted = (codes: readonly number[]): string => [...codes].sort((a, b) => a - b).join(',');
    const expectedMissing = new Map(engine.variables.filter((v) => v.missing.length > 0).map((v) => [v.name, sorted(v.missing)]));
    assert.deepEqual(new Map([...missing].map(([k, v]) => [k, sorted(v.split(',').map(Number))])), expectedMissing);
    for (const item of ITEMS) assert.deepEqual(freq.get(item), engineCounts(item), item);
    assert.ok(Buffer.byteLength(ARABIC) > 255 && Buffer.byteLength(TIGRINYA) > 255);
    assert.equal(texts.get(ids.arabic), hex(ARABIC));
    assert.equal(texts.get(ids.tigrinya), hex(TIGRINYA));
  });

  it('gives PSPP the Arabic and Tigrinya answers byte for byte', () => {
    requireTool('pspp-convert', 'pspp');
    const csv = join(dir, 'values.csv');
    run('pspp-convert', [savPath, csv]);
    const [header, ...cases] = parse(readFileSync(csv, 'utf8'));
    const id = header!.indexOf('response_id');
    const text = header!.indexOf('Q2.03_anders');
    const byId = new Map(cases.map((r) => [r[id]!.trim(), r[text]!]));
    assert.equal(hex(byId.get(ids.arabic)!), hex(ARABIC));
    assert.equal(hex(byId.get(ids.tigrinya)!), hex(TIGRINYA));
  });

  it('writes an XLSX whose "=1+1" answer is a text cell, never a formula, with labels when asked', async () => {
    const path = join(dir, 'labels.xlsx');
    const c = capture(env);
    assert.equal(await main(['export', '--format', 'xlsx', '--wave', '2024', '--labels', '--out', path], c.io), 0, c.err());
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string): number => header.indexOf(name) + 1;
    let formula = 0;
    let found: ExcelJS.Cell | undefined;
    sheet.eachRow((row, r) => {
      if (r === 1) return;
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formula++;
      });
      if (row.getCell(col('response_id')).value === ids.arabic) found = row.getCell(col('Q2.01_anders'));
    });
    assert.equal(formula, 0, 'no cell of the data sheet is a formula');
    assert.equal(found?.type, ExcelJS.ValueType.String);
    assert.equal(found.value, FORMULA);
    // --labels: the answer's label, not its code; a missing code ("Wil ik niet zeggen") left empty.
    const genders = new Set<unknown>();
    sheet.eachRow((row, r) => void (r > 1 && genders.add(row.getCell(col('Q2.01')).value ?? null)));
    assert.deepEqual([...genders].sort(), ['Anders, namelijk...', 'Man', 'Vrouw', null].sort());
  });

  it('writes a CSV with missing codes empty (or as codes when asked) and formula-safe text unless --raw', async () => {
    const read = async (args: string[]): Promise<Record<string, string>[]> => {
      const path = join(dir, `answers-${args.join('')}.csv`);
      const c = capture(env);
      assert.equal(
        await main(['export', '--format', 'csv', '--wave', '2024', '--questionnaire', 'wi2021-asiel', ...args, '--out', path], c.io),
        0,
        c.err(),
      );
      return parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\ufeff/, ''), { columns: true });
    };
    const plain = await read([]);
    assert.ok(plain.every((r) => r['questionnaire'] === 'wi2021-asiel'));
    assert.ok(!plain.some((r) => r['Q2.01'] === '98'), 'the missing code 98 is written empty');
    assert.equal(plain.find((r) => r['response_id'] === ids.arabic)?.['Q2.01_anders'], `'${FORMULA}`);
    assert.equal(plain.find((r) => r['response_id'] === ids.tigrinya)?.['Q2.01_anders'], `'-`);
    const codes = await read(['--missing-codes', '--raw']);
    assert.equal(
      codes.filter((r) => r['Q2.01'] === '98').length,
      engineCounts('Q2.01', questionnaireMask(['wi2021-asiel'], engine)).get(98),
    );
    assert.equal(codes.find((r) => r['response_id'] === ids.arabic)?.['Q2.01_anders'], FORMULA);
  });

  it('writes an export to the audit log with its format, filters and rows', async () => {
    const path = join(dir, 'duo.csv');
    const c = capture(env);
    assert.equal(await main(['export', '--format', 'csv', '--wave', '2024', '--channel', 'duo-brief', '--out', path], c.io), 0, c.err());
    assert.match(c.err(), /wrote 2 responses/);
    const database = await openDatabase({ dataDir });
    try {
      const { rows } = (await database.db.execute<{ detail: Record<string, unknown>; at: unknown }>(
        sql`select detail, at from audit_log where action = 'export' order by id desc limit 1`,
      )) as { rows: { detail: Record<string, unknown>; at: unknown }[] };
      const { detail, at } = rows[0]!;
      assert.ok(at, 'when');
      assert.deepEqual(
        [
          detail['format'],
          detail['waves'],
          detail['questionnaire'],
          detail['channel'],
          detail['completedOnly'],
          detail['rows'],
          detail['via'],
        ],
        ['csv', [wave.id], null, 'duo-brief', true, 2, 'cli'],
      );
      assert.equal(typeof detail['osUser'], 'string', 'who');
    } finally {
      await database.close();
    }
  });

  it('writes the data file through a temporary file: none is left behind, and a failure leaves an earlier file as it was', async () => {
    const path = join(dir, 'kept.sav');
    writeFileSync(path, 'an earlier export');
    // The temporary file's name taken by a folder: writing fails before a byte of the new file is written.
    mkdirSync(`${path}.${process.pid}.partial`);
    const c = capture(env);
    assert.equal(await main(['export', '--format', 'sav', '--wave', '2024', '--out', path], c.io), 1);
    assert.match(c.err(), /cannot write .*kept\.sav: EISDIR/);
    assert.doesNotMatch(c.err(), /\n\s+at /, 'no stack trace');
    assert.equal(readFileSync(path, 'utf8'), 'an earlier export');
    rmSync(`${path}.${process.pid}.partial`, { recursive: true });
    assert.equal(await main(['export', '--format', 'csv', '--wave', '2024', '--out', join(dir, 'whole.csv')], capture(env).io), 0);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.partial')),
      [],
    );
  });
});
