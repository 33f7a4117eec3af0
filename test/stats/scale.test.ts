import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { reliability, scaleScore } from '../../src/stats/scale.ts';
import { dataset, numericColumn } from '../../src/stats/dataset.ts';
import { datasetFromTextFor } from './support.ts';
import { assertClose, fixtureJson } from './helpers.ts';

interface AlphaRef {
  items: string[];
  n: number;
  alpha: number;
  alphaIfDeleted: number[];
  itemRestCorrelation: number[];
  interItemCorrelations: number[][];
}

test('alpha, alpha if deleted, item-rest and inter-item correlations equal psych::alpha to 1e-12', () => {
  const ref = fixtureJson<{ alpha: Record<string, AlphaRef> }>('reference.json').alpha;
  for (const [name, r] of Object.entries(ref)) {
    const result = reliability(datasetFromTextFor(r.items, []), r.items);
    assert.equal(result.n, r.n, name);
    assertClose(result.alpha, r.alpha, 1e-12, `${name} alpha`);
    assertClose(result.alphaIfDeleted, r.alphaIfDeleted, 1e-12, `${name} alpha if deleted`);
    assertClose(result.itemRestCorrelation, r.itemRestCorrelation, 1e-12, `${name} item-rest`);
    result.interItemCorrelations.forEach((row, i) => assertClose(row, r.interItemCorrelations[i]!, 1e-12, `${name} r`));
  }
});

test('property: alpha does not change when the items are reordered', () => {
  const items = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
  const data = datasetFromTextFor(items, []);
  const base = reliability(data, items).alpha;
  fc.assert(
    fc.property(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), (order) => {
      const shuffled = reliability(data, order);
      assert.ok(Math.abs(shuffled.alpha - base) <= 1e-14, `${shuffled.alpha} vs ${base}`);
      order.forEach((item, i) => {
        const j = items.indexOf(item);
        assert.ok(Math.abs(shuffled.alphaIfDeleted[i]! - reliability(data, items).alphaIfDeleted[j]!) <= 1e-14);
      });
    }),
    { numRuns: 30 },
  );
});

test('scale score is the mean of valid items when enough are valid, else missing; minValid over the item count and alpha of one item are refused', () => {
  const data = dataset([numericColumn('a', [1, 2, NaN, NaN]), numericColumn('b', [3, NaN, NaN, 4]), numericColumn('c', [5, 4, NaN, NaN])]);
  const score = scaleScore(data, ['a', 'b', 'c'], 2);
  assert.deepEqual(Array.from(score.slice(0, 2)), [3, 3]);
  assert.ok(Number.isNaN(score[2]) && Number.isNaN(score[3]));
  assert.throws(() => scaleScore(data, ['a', 'b'], 3), /minValid/);
  assert.throws(() => reliability(data, ['a']), /at least two items/);
});
