import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { frequencyTable, frequencies, crosstab, crosstabs, datasetFromTextFor } from './support.ts';
import { numericValues, withWeights } from '../../src/stats/dataset.ts';
import { fixtureJson, assertClose } from './helpers.ts';

interface FreqRef {
  frequencies: Record<string, { levels: string[]; groups: string[]; percent: number[][]; counts: number[][] }>;
}

test('frequencyTable counts valid answers, missing, and percentages of valid answers', () => {
  const t = frequencyTable([1, 2, 2, null, 3, NaN, 2, ''], {});
  assert.equal(t.n, 5);
  assert.equal(t.missing, 3);
  assert.deepEqual(
    t.categories.map((c) => [c.value, c.count]),
    [
      [1, 1],
      [2, 3],
      [3, 1],
    ],
  );
  assert.deepEqual(
    t.categories.map((c) => c.percent),
    [20, 60, 20],
  );
});

test('frequencyTable with levels keeps empty categories in order and treats other values as missing', () => {
  const t = frequencyTable(['b', 'a', 'x', 'a', 'a'], { levels: ['a', 'b', 'c'] });
  assert.deepEqual(t.categories, [
    { value: 'a', count: 3, percent: 75 },
    { value: 'b', count: 1, percent: 25 },
    { value: 'c', count: 0, percent: 0 },
  ]);
  assert.equal(t.missing, 1);
});

test('frequencyTable weights percentages but reports the unweighted n', () => {
  const t = frequencyTable(['a', 'b', 'b'], { weights: [2, 1, 1] });
  assert.equal(t.n, 3);
  assert.deepEqual(
    t.categories.map((c) => [c.count, c.percent]),
    [
      [1, 50],
      [2, 50],
    ],
  );
  assert.throws(() => frequencyTable(['a'], { weights: [1, 2] }), /weights has 2 entries/);
  assert.throws(() => frequencyTable(['a'], { weights: [-1] }), /must be finite and ≥ 0/);
});

test('weighted column percentages equal R xtabs(w ~ item + group) to 1e-12', () => {
  const ref = fixtureJson<FreqRef>('reference.json').frequencies;
  for (const variable of ['m1', 'k3']) {
    const data = datasetFromTextFor(['w'], [variable, 'group']);
    const weighted = withWeights(data, numericValues(data, 'w'));
    const groups = frequencies(weighted, variable, 'group');
    const r = ref[variable]!;
    assert.deepEqual(
      groups.map((g) => g.group),
      r.groups,
    );
    groups.forEach((g, c) => {
      assertClose(
        g.categories.map((x) => x.percent),
        r.percent[c]!,
        1e-12,
        `${variable} ${g.group}`,
      );
      assert.deepEqual(
        g.categories.map((x) => x.count),
        r.counts[c],
      );
    });
    const table = crosstab(weighted, variable, 'group');
    table.columnLevels.forEach((_, c) =>
      assertClose(
        table.columnPercent.map((row) => row[c]!),
        r.percent[c]!,
        1e-12,
        `crosstab ${variable}`,
      ),
    );
  }
});

test('property: weights of 1 reproduce the unweighted frequencies and crosstab', () => {
  fc.assert(
    fc.property(fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: 1, maxLength: 60 }), (values) => {
      const plain = frequencyTable(values);
      const unit = frequencyTable(values, { weights: values.map(() => 1) });
      assert.deepEqual(unit, plain);
    }),
  );
  const data = datasetFromTextFor([], ['k1', 'group']);
  const unit = withWeights(data, new Float64Array(data.rows).fill(1));
  assert.deepEqual(crosstab(unit, 'k1', 'group'), crosstab(data, 'k1', 'group'));
});

test('crosstab reports column N and missing per group', () => {
  const data = datasetFromTextFor([], ['m1', 'group']);
  const table = crosstab(data, 'm1', 'group');
  const n = table.columnN.reduce((a, b) => a + b, 0);
  const missing = table.columnMissing.reduce((a, b) => a + b, 0);
  assert.equal(n + missing, 600);
  assert.equal(table.total.n, n);
  for (let c = 0; c < table.columnLevels.length; c++) {
    const sum = table.columnPercent.reduce((s, row) => s + row[c]!, 0);
    assert.ok(Math.abs(sum - 100) < 1e-9);
  }
});

test('crosstabs (a banner of items by groups) equals crosstab for every pair, item by item', () => {
  const data = datasetFromTextFor(['w', 'm1', 'k3'], ['group', 'route', 'gender']);
  const weighted = withWeights(data, numericValues(data, 'w'));
  const items = ['m1', 'k3'];
  const groups = ['group', 'route', 'gender'];
  for (const view of [data, weighted, { ...weighted, mask: Uint8Array.from({ length: data.rows }, (_, i) => (i % 3 === 0 ? 0 : 1)) }]) {
    assert.deepEqual(
      crosstabs(view, items, groups),
      items.flatMap((item) => groups.map((by) => crosstab(view, item, by))),
    );
  }
});
