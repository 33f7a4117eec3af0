// The row-length arrays computeReport lends to each group of tables: distinct while lent, the same arrays again
// after they are taken back, and a new array for a length other than the dataset's.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RowBuffers, rowArray } from '../../src/analysis/row-buffers.ts';

it('lends distinct arrays of the row count and lends the same ones again after reclaim', () => {
  const buffers = new RowBuffers(5);
  const a = buffers.int32();
  const b = rowArray(5, buffers);
  assert.notEqual(a, b);
  assert.equal(a.length, 5);
  buffers.reclaim();
  const again = new Set([buffers.int32(), buffers.int32()]);
  assert.deepEqual(again, new Set([a, b]));
  assert.notEqual(buffers.int32(), a, 'a third array while both are lent');
});

it('gives a new array when no buffers are given or their length differs', () => {
  const buffers = new RowBuffers(5);
  assert.equal(rowArray(3, buffers).length, 3);
  assert.equal(rowArray(4, undefined).length, 4);
  buffers.reclaim();
  assert.notEqual(rowArray(5, buffers), rowArray(5, undefined));
});
