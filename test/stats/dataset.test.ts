import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asCategorical, categoricalColumn, dataset, numericColumn, withMask, whereEquals, rowsInView } from '../../src/stats/dataset.ts';
import { datasetFromText, parseNumber } from '../../src/stats/records.ts';
import { StatsError } from '../../src/stats/errors.ts';

test('property: the categorical view of a numeric column has sorted distinct levels and consistent codes', () => {
  const value = fc.oneof(
    fc.integer({ min: -5, max: 9 }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constant(NaN),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 40 }), (values) => {
      const cat = asCategorical(numericColumn('x', values));
      const distinct = [...new Set(values.filter((v) => !Number.isNaN(v)).map((v) => (Object.is(v, -0) ? 0 : v)))].sort((a, b) => a - b);
      assert.deepEqual(cat.levels, distinct);
      values.forEach((v, i) => assert.equal(cat.codes[i], Number.isNaN(v) ? -1 : distinct.indexOf(Object.is(v, -0) ? 0 : v)));
    }),
  );
});

test('masks are views: filtering combines masks and never copies the columns', () => {
  const g = categoricalColumn('g', ['a', 'b', 'a', null]);
  const data = dataset([g, numericColumn('x', [1, 2, 3, 4])]);
  const onlyA = withMask(data, whereEquals(data, 'g', 'a'));
  assert.equal(onlyA.columns.get('g'), g);
  assert.equal(rowsInView(onlyA), 2);
  assert.equal(rowsInView(withMask(onlyA, Uint8Array.from([0, 1, 1, 1]))), 1);
  assert.throws(() => whereEquals(data, 'g', 'z'), StatsError);
});

test('text records: empty is missing, numbers are strict, categories keep numeric levels numeric', () => {
  const table = {
    source: 'd.csv',
    header: ['id', 'age', 'route', 'q'],
    rows: [
      ['1', '30', 'B1', '2'],
      ['2', '', 'Z', ''],
      ['3', '4.5e1', '', '1'],
    ],
  };
  const data = datasetFromText(table, { numeric: ['age'], categorical: ['route', 'q'] });
  const age = data.columns.get('age');
  assert.ok(age?.kind === 'numeric' && Number.isNaN(age.values[1]) && age.values[2] === 45);
  const q = data.columns.get('q');
  assert.ok(q?.kind === 'categorical');
  assert.deepEqual(q.levels, [1, 2]);
  assert.throws(() => datasetFromText(table, { numeric: ['route'] }), /d.csv line 2, column "route": "B1" is not a number/);
  assert.throws(() => datasetFromText({ ...table, lines: [5, 9, 12] }, { numeric: ['route'] }), /d.csv line 5/);
  assert.equal(parseNumber(' 7 '), 7);
  assert.equal(parseNumber('1,5'), null);
  assert.equal(parseNumber('0x10'), null);
});
