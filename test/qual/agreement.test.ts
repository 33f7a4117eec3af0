// Inter-coder agreement against values computed elsewhere: Krippendorff's own worked examples (published
// alpha for nominal, ordinal, interval and ratio data) and scikit-learn's cohen_kappa_score (Debian's
// python3-sklearn) on generated codings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { cohenKappa, krippendorffAlpha } from '../../src/qual/agreement.ts';
import { createRng } from '../../src/demo/prng.ts';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
// units, missing values; published alpha: nominal .743, ordinal .815, interval .849, ratio .797.
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const units = A.map((_, u) => [A[u]!, B[u]!, C[u]!, D[u]!]);

it("matches Krippendorff's published alpha for his reliability data (nominal .743, ordinal .815, interval .849, ratio .797)", () => {
  assert.equal(krippendorffAlpha(units, 'nominal').toFixed(3), '0.743');
  assert.equal(krippendorffAlpha(units, 'ordinal').toFixed(3), '0.815');
  assert.equal(krippendorffAlpha(units, 'interval').toFixed(3), '0.849');
  assert.equal(krippendorffAlpha(units, 'ratio').toFixed(3), '0.797');
});

it("matches Krippendorff's two-observer binary example (section A: alpha .095)", () => {
  const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
  const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
  assert.equal(
    krippendorffAlpha(
      a.map((x, i) => [x, b[i]!]),
      'nominal',
    ).toFixed(3),
    '0.095',
  );
});

it('gives alpha 1 for perfect agreement, NaN when nothing varies, and ignores units coded once', () => {
  assert.equal(
    krippendorffAlpha(
      [
        [1, 1],
        [2, 2],
        [3, null],
      ],
      'nominal',
    ),
    1,
  );
  assert.ok(
    Number.isNaN(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 1],
        ],
        'nominal',
      ),
    ),
  );
  assert.ok(Number.isNaN(cohenKappa([1, 1, 1], [1, 1, 1])));
  assert.throws(() => krippendorffAlpha([['a', 'b']], 'interval'), /needs numbers/);
});

/** Seeded codings of two coders who agree most of the time, over k categories. */
function codings(seed: number, n: number, k: number, agree: number): [number[], number[]] {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.int(k);
    a.push(x);
    b.push(rng.next() < agree ? x : rng.int(k));
  }
  return [a, b];
}

it("equals scikit-learn's cohen_kappa_score (unweighted, linear, quadratic) on generated codings", () => {
  const cases = [
    [1, 40, 2, 0.8],
    [2, 200, 3, 0.6],
    [3, 57, 5, 0.5],
    [4, 500, 2, 0.95],
    [5, 30, 4, 0.1],
  ].map(([seed, n, k, agree]) => codings(seed!, n!, k!, agree!));
  const script = [
    'import json, sys',
    'from sklearn.metrics import cohen_kappa_score',
    'cases = json.load(sys.stdin)',
    'print(json.dumps([[cohen_kappa_score(a, b, weights=w) for w in (None, "linear", "quadratic")] for a, b in cases]))',
  ].join('\n');
  const py = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  assert.equal(py.status, 0, `/usr/bin/python3 with scikit-learn failed (install the Debian package python3-sklearn): ${py.stderr}`);
  const expected = JSON.parse(py.stdout) as number[][];
  cases.forEach(([a, b], i) => {
    const ours = [cohenKappa(a, b), cohenKappa(a, b, 'linear'), cohenKappa(a, b, 'quadratic')];
    ours.forEach((v, j) => assert.ok(Math.abs(v - expected[i]![j]!) < 1e-12, `case ${i} weights ${j}: ${v} against ${expected[i]![j]}`));
  });
});

it("agrees with Krippendorff's alpha where theory says so: two coders, nominal, large n, alpha ≈ kappa", () => {
  const [a, b] = codings(9, 5000, 3, 0.7);
  const alpha = krippendorffAlpha(
    a.map((x, i) => [x, b[i]!]),
    'nominal',
  );
  assert.ok(Math.abs(alpha - cohenKappa(a, b)) < 1e-3);
});
