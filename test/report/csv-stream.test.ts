// The CSV writer streams: it pulls rows only as chunks are taken, every chunk ends with a whole record, and
// the chunks together are the file (BOM, header, CRLF) that a CSV reader reads back row for row.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvChunks, exportTableToCsv } from '../../src/report/csv-export.ts';
import type { ExportCell, ExportVariable } from '../../src/report/export-model.ts';

const variables: ExportVariable[] = [
  { name: 'n', label: 'n', type: 'numeric', measure: 'scale' },
  { name: 't', label: 't', type: 'string', measure: 'nominal' },
];

it('pulls rows only as chunks are taken, each chunk whole records, together the file a reader reads back', () => {
  let pulled = 0;
  const total = 25_000;
  function* rows(): Generator<ExportCell[]> {
    for (let i = 0; i < total; i++) {
      pulled++;
      yield [i, i % 3 === 0 ? `regel\n${i}, "met" komma` : `=${i}`];
    }
  }
  const chunks = csvChunks({ variables, rows: rows() });
  const parts: string[] = [];
  const first = chunks.next();
  assert.equal(first.done, false);
  parts.push(first.value);
  assert.ok(pulled <= 1000, `${pulled} rows pulled for the first chunk`);
  let step = chunks.next();
  for (; !step.done; step = chunks.next()) parts.push(step.value);
  assert.deepEqual(step.value, { rows: total, neutralized: total - Math.ceil(total / 3) });
  assert.ok(parts.length >= 25, `${parts.length} chunks`);
  assert.ok(parts.every((p) => p.endsWith('\r\n')));
  assert.ok(parts[0]!.startsWith('\ufeffn,t\r\n') && !parts[1]!.startsWith('\ufeff'));
  const back: string[][] = parse(parts.join('').slice(1), { from_line: 2 });
  assert.equal(back.length, total);
  assert.deepEqual(back[3], ['3', 'regel\n3, "met" komma']);
  assert.deepEqual(back[4], ['4', "'=4"]);
});

it('writes the header alone for a table without rows', () => {
  assert.equal(exportTableToCsv({ variables, rows: [] }).text, '\ufeffn,t\r\n');
});
