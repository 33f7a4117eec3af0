import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rake, type Margin } from '../../src/stats/rake.ts';
import { dataset, categoricalColumn, numericValues, withWeights } from '../../src/stats/dataset.ts';
import { datasetFromTextFor } from './support.ts';
import { assertClose, fixtureJson } from './helpers.ts';

const margins = (): Margin[] => fixtureJson<{ margins: Margin[] }>('margins.json').margins;
const ref = () =>
  fixtureJson<{ rake: { weights: number[]; designEffect: number; effectiveN: number }; rakeFromW: { weights: number[] } }>(
    'reference.json',
  );

test('raked weights, Kish design effect and effective N equal survey::rake to 1e-9', () => {
  const data = datasetFromTextFor(['w'], ['group', 'gender', 'agegroup']);
  const result = rake(data, margins());
  assert.ok(result.converged);
  const r = ref();
  assertClose(result.weights, r.rake.weights, 1e-9, 'weights');
  assertClose(result.designEffect, r.rake.designEffect, 1e-9, 'deff');
  assertClose(result.effectiveN, r.rake.effectiveN, 1e-9, 'effective N');
  assert.ok(result.maxMarginError < 1e-10);
  const fromW = rake(withWeights(data, numericValues(data, 'w')), margins());
  assertClose(fromW.weights, r.rakeFromW.weights, 1e-9, 'weights from design weights');
});

test('trimming caps the weights and reports how many were trimmed', () => {
  const data = datasetFromTextFor([], ['group', 'gender', 'agegroup']);
  const free = rake(data, margins());
  const mean = free.weights.reduce((a, b) => a + b, 0) / data.rows;
  const trimmed = rake(data, margins(), { trim: { upper: 1.5, lower: 0.5 } });
  assert.ok(trimmed.trimmed > 0);
  const tMean = trimmed.weights.reduce((a, b) => a + b, 0) / data.rows;
  for (const w of trimmed.weights) assert.ok(w <= 1.5 * Math.max(mean, tMean) * 1.0001);
  assert.ok(trimmed.designEffect < free.designEffect);
});

test('unreachable or inconsistent margins are errors that name the problem', () => {
  const data = dataset([categoricalColumn('g', ['a', 'b', 'a'])]);
  assert.throws(() => rake(data, [{ variable: 'g', targets: { a: 10 } }]), /g = "b" \(row 1\) has no population target/);
  assert.throws(() => rake(data, [{ variable: 'g', targets: { a: 1, b: 1, c: 1 } }]), /c has a target but no respondents/);
  assert.throws(
    () =>
      rake(data, [
        { variable: 'g', targets: { a: 1, b: 1 } },
        { variable: 'g', targets: { a: 1, b: 2 } },
      ]),
    /margin totals differ/,
  );
});

test('property: raked margins equal their targets', () => {
  const cell = fc.record({ a: fc.integer({ min: 0, max: 2 }), b: fc.integer({ min: 0, max: 1 }) });
  fc.assert(
    fc.property(
      fc.array(cell, { minLength: 12, maxLength: 80 }),
      fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 })),
      fc.integer({ min: 1, max: 99 }),
      (rows, ta, share) => {
        // every category must occur, and every (a, b) cell too, for the margins to be reachable
        for (let a = 0; a < 3; a++) for (let b = 0; b < 2; b++) fc.pre(rows.some((r) => r.a === a && r.b === b));
        const total = ta[0] + ta[1] + ta[2];
        const targetsB = { '0': (total * share) / 100, '1': (total * (100 - share)) / 100 };
        const data = dataset([
          categoricalColumn(
            'a',
            rows.map((r) => r.a),
          ),
          categoricalColumn(
            'b',
            rows.map((r) => r.b),
          ),
        ]);
        const result = rake(
          data,
          [
            { variable: 'a', targets: { '0': ta[0], '1': ta[1], '2': ta[2] } },
            { variable: 'b', targets: targetsB },
          ],
          { maxIterations: 2000, tolerance: 1e-13 },
        );
        assert.ok(result.converged);
        const sums = (key: 'a' | 'b', level: number) => rows.reduce((s, r, i) => s + (r[key] === level ? result.weights[i]! : 0), 0);
        ta.forEach((t, level) => assert.ok(Math.abs(sums('a', level) - t) <= 1e-8 * t, `a=${level}`));
        assert.ok(Math.abs(sums('b', 0) - targetsB['0']) <= 1e-8 * targetsB['0']);
      },
    ),
    { numRuns: 60 },
  );
});

test('property: without weights raking starts from unit weights (weights of 1 give the same result)', () => {
  const data = datasetFromTextFor([], ['group', 'gender', 'agegroup']);
  const plain = rake(data, margins());
  const unit = rake(withWeights(data, new Float64Array(data.rows).fill(1)), margins());
  assert.deepEqual(Array.from(unit.weights), Array.from(plain.weights));
});
