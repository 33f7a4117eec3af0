// The .sav writer's streaming, limits and errors: rows pulled lazily, the case count filled in afterwards,
// clear errors naming row and variable (leaving an earlier file alone), time zones, SPSS's byte limits,
// and random Unicode text coming back from R haven byte for byte.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import { ExportDataError } from '../../src/report/export-cells.ts';
import type { ExportCell, ExportTable, ExportVariable } from '../../src/report/export-model.ts';
import { savChunks, writeSavFile } from '../../src/report/sav.ts';
import { havenRead, havenText, psppDescribe } from './sav-oracles.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'perspectief-sav-stream-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const numeric = (name: string): ExportVariable => ({ name, label: name, type: 'numeric', measure: 'scale' });
const text = (name: string, maxBytes?: number): ExportVariable => ({
  name,
  label: name,
  type: 'string',
  measure: 'nominal',
  ...(maxBytes === undefined ? {} : { maxBytes }),
});

it('pulls rows only as the file is read, so the whole table never sits in memory', () => {
  let pulled = 0;
  const total = 50_000;
  function* rows(): Generator<ExportCell[]> {
    for (let i = 0; i < total; i++) {
      pulled++;
      yield [i, `antwoord ${i}`];
    }
  }
  const chunks = savChunks({ variables: [numeric('n'), text('t', 20)], rows: rows() }, { chunkBytes: 8192 });
  chunks.next(); // dictionary
  chunks.next(); // first chunk of cases
  assert.ok(pulled < total / 10, `${pulled} rows pulled for the first chunk`);
  let largest = 0;
  for (let step = chunks.next(); !step.done; step = chunks.next()) largest = Math.max(largest, step.value.length);
  assert.equal(pulled, total);
  assert.ok(largest <= 8192, `a chunk of ${largest} bytes`);
});

it('fills in the number of cases of one-shot rows afterwards, so PSPP and haven know it', async () => {
  function* rows(): Generator<ExportCell[]> {
    for (let i = 0; i < 1234; i++) yield [i % 7 === 0 ? null : i, i % 2 === 0 ? 'even' : 'oneven'];
  }
  const table: ExportTable = { variables: [numeric('n'), text('t', 6)], rows: rows() };
  const head = savChunks({ ...table, rows: rows() }).next().value as Uint8Array;
  assert.equal(Buffer.from(head).readInt32LE(80), -1, 'a stream cannot know the count up front');
  const path = join(dir, 'one-shot.sav');
  const summary = await writeSavFile(table, path);
  assert.equal(summary.rows, 1234);
  assert.equal(readFileSync(path).readInt32LE(80), 1234);
  assert.equal(havenRead(path).rows, 1234);
  const stats = psppDescribe(path, ['n']).get('Statistics')!;
  assert.deepEqual(stats.slice(1, 3), [
    ['N', 'Valid', String(1234 - 177)],
    ['', 'Missing', '177'],
  ]);
});

it('refuses one-shot rows when a string width must be measured, naming the variables', () => {
  function* rows(): Generator<ExportCell[]> {
    yield ['a', 'b'];
  }
  assert.throws(
    () => [...savChunks({ variables: [text('open_nl'), text('code', 8)], rows: rows() })],
    (e: unknown) => e instanceof ExportDataError && /maxBytes for "open_nl"/.test(e.message) && !/"code"/.test(e.message),
  );
});

it('names the row and variable of a cell of the wrong kind, and leaves an earlier file of that name as it was', async () => {
  const path = join(dir, 'kept.sav');
  writeFileSync(path, 'earlier export');
  const rows: ExportCell[][] = [
    [1, new Date('2024-01-01T00:00:00Z')],
    [2, '2024-01-02'],
  ];
  const table: ExportTable = { variables: [numeric('n'), { name: 'gestart', label: '', type: 'date', measure: 'scale' }], rows };
  await assert.rejects(writeSavFile(table, path), (e: unknown) => {
    assert.ok(e instanceof ExportDataError);
    assert.equal(e.message, 'row 2, variable "gestart" (date): expected a valid Date or null, got the text "2024-01-02"');
    return true;
  });
  assert.equal(readFileSync(path, 'utf8'), 'earlier export');
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('kept.sav.')),
    [],
    'the partial file is removed',
  );
});

it('refuses user-missing codes SPSS cannot hold, and a row of the wrong length, before writing anything', () => {
  const odd: ExportVariable = { ...numeric('q'), missing: [1, 3, 5, 7] };
  assert.throws(
    () => savChunks({ variables: [odd], rows: [[1]] }).next(),
    /variable "q": SPSS holds at most three user-missing codes.*1, 3, 5, 7 fit neither/,
  );
  const gen = savChunks({ variables: [numeric('a'), numeric('b')], rows: [[1, 2], [3]] });
  assert.throws(() => [...gen], /row 2: expected 2 cells \(one per variable\), got 1 cells/);
});

it('shows dates and times on the clock of the time zone asked for (Europe/Amsterdam, winter and summer)', async () => {
  const path = join(dir, 'amsterdam.sav');
  const rows: ExportCell[][] = [
    [new Date('2024-01-15T23:30:00Z'), new Date('2024-01-15T23:30:00Z')],
    [new Date('2024-07-01T22:15:05Z'), new Date('2024-07-01T22:15:05Z')],
    [new Date('2024-03-31T01:30:00Z'), new Date('2024-03-31T00:59:59Z')],
  ];
  const variables: ExportVariable[] = [
    { name: 'datum', label: '', type: 'date', measure: 'scale' },
    { name: 'tijd', label: '', type: 'datetime', measure: 'scale' },
  ];
  await writeSavFile({ variables, rows }, path, { timeZone: 'Europe/Amsterdam' });
  const haven = havenRead(path);
  assert.deepEqual(
    haven.variables.get('datum')!.cells.map((c) => c.value),
    ['2024-01-16', '2024-07-02', '2024-03-31'],
  );
  assert.deepEqual(
    haven.variables.get('tijd')!.cells.map((c) => c.value),
    ['2024-01-16 00:30:00', '2024-07-02 00:15:05', '2024-03-31 01:59:59'],
  );
  assert.throws(() => savChunks({ variables, rows }, { timeZone: 'Mars/Olympus' }).next(), /unknown time zone "Mars\/Olympus"/);
});

it('cuts a text over 32,766 bytes and labels over SPSS limits at a character boundary, and says so', async () => {
  const path = join(dir, 'limits.sav');
  const huge = `x${'ሰላም'.repeat(11_000)}`; // 99,001 bytes
  const longLabel = 'ትግርኛ '.repeat(40); // 520 bytes
  const variables: ExportVariable[] = [
    { ...text('open'), label: longLabel },
    { ...numeric('q'), valueLabels: [{ value: 1, label: 'نعم '.repeat(40) }] },
  ];
  const summary = await writeSavFile({ variables, rows: [[huge, 1]] }, path);
  const haven = havenRead(path);
  const back = havenText(haven.variables.get('open')!.cells[0]!.value)!;
  assert.equal(Buffer.byteLength(back), 1 + 3 * Math.floor(32765 / 3)); // whole characters within 32,766 bytes
  assert.ok(huge.startsWith(back));
  const label = haven.variables.get('open')!.label!;
  assert.ok(Buffer.byteLength(label) <= 255 && longLabel.startsWith(label) && label.length > 0);
  const valueLabel = haven.variables.get('q')!.valueLabels[0]!.label;
  assert.ok(Buffer.byteLength(valueLabel) <= 120 && 'نعم '.repeat(40).startsWith(valueLabel.trimEnd()));
  assert.deepEqual(
    summary.notices.map((n) => n.kind),
    ['label-truncated', 'value-label-truncated', 'values-truncated'],
  );
});

it('gives haven random Unicode text of up to 2,000 bytes back byte for byte', async () => {
  // Any code points (emoji, combining marks, right-to-left), minus NUL and trailing spaces, which
  // SPSS strings cannot carry (they are space-padded).
  const texts = fc
    .sample(fc.string({ unit: 'binary', maxLength: 700 }), { numRuns: 150, seed: 20260304 })
    .map((s) => s.replace(/\0/g, '').replace(/\s+$/u, ''));
  const path = join(dir, 'random.sav');
  await writeSavFile({ variables: [text('t')], rows: texts.map((t) => [t]) }, path, { compression: 'bytecode' });
  const back = havenRead(path)
    .variables.get('t')!
    .cells.map((c) => havenText(c.value) ?? '');
  assert.equal(back.length, texts.length);
  texts.forEach((t, i) =>
    assert.ok(Buffer.from(back[i]!).equals(Buffer.from(t)), `text ${i}: ${JSON.stringify(t)} came back as ${JSON.stringify(back[i])}`),
  );
});
