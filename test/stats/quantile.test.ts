// Quantiles and the median (the speeder check's reference point) against R's quantile() (type 7) and median(),
// on samples with ties, an even and an odd count, missing values and a mask.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { dataset, median, numericColumn, quantile, withMask } from '../../src/stats/index.ts';
import { requireTool, run } from '../support/reference-tools.ts';

const samples: readonly (readonly number[])[] = [
  [25.3, 8, 41.5, 19, 19, 33.25, 12.75],
  [1, 2, 3, 4],
  [7],
  Array.from({ length: 101 }, (_, i) => ((i * 37) % 101) / 3 + (i % 7) * 0.125),
];
const ps = [0, 0.1, 0.25, 0.3, 0.5, 0.9, 1];

it("equals R's quantile() (type 7) and median() on every sample", () => {
  requireTool('Rscript', 'r-base-core');
  for (const values of samples) {
    const script = `x <- c(${values.join(',')}); cat(sprintf('%.15g', c(quantile(x, c(${ps.join(',')}), type = 7, names = FALSE), median(x))), sep = '\\n')`;
    const expected = run('Rscript', ['-e', script]).trim().split('\n').map(Number);
    const data = dataset([numericColumn('x', [...values, NaN])]);
    ps.forEach((p, k) => assert.ok(Math.abs(quantile(data, 'x', p) - expected[k]!) < 1e-12, `p=${p} of ${values.length}`));
    assert.ok(Math.abs(median(data, 'x') - expected[ps.length]!) < 1e-12);
  }
});

it('counts only the rows in view and gives NaN without a valid value', () => {
  const data = dataset([numericColumn('x', [1, 100, 3, NaN])]);
  assert.equal(median(withMask(data, Uint8Array.from([1, 0, 1, 1])), 'x'), 2);
  assert.ok(Number.isNaN(median(withMask(data, Uint8Array.from([0, 0, 0, 1])), 'x')));
  assert.throws(() => quantile(data, 'x', 1.5), /p must lie between 0 and 1/);
});
