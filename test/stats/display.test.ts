import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { roundToTotal, formatPercent, displayColumn, differenceFlags } from '../../src/stats/display.ts';

test('largest remainder makes whole percentages that sum to 100', () => {
  assert.deepEqual(roundToTotal([33.3333, 33.3333, 33.3334]), [33, 33, 34]);
  assert.deepEqual(roundToTotal([26.4, 36.4, 22.6, 8.3, 6.3]), [27, 36, 23, 8, 6]);
  assert.deepEqual(roundToTotal([0, 0, 0]), [0, 0, 0]);
  assert.throws(() => roundToTotal([50, 40]), /sum to 90/);
});

test('values between 0 and 0.5 print as <1%, zero as 0%', () => {
  assert.equal(formatPercent(0.3, 0), '<1%');
  assert.equal(formatPercent(0, 0), '0%');
  assert.equal(formatPercent(0.5, 1), '1%');
  assert.deepEqual(displayColumn([0.4, 59.6, 40]), ['<1%', '60%', '40%']);
});

test('property: rounded columns always sum to 100 and move each value by less than 1', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (counts) => {
      const total = counts.reduce((a, b) => a + b, 0);
      fc.pre(total > 0);
      const percents = counts.map((c) => (100 * c) / total);
      const whole = roundToTotal(percents);
      assert.equal(
        whole.reduce((a, b) => a + b, 0),
        100,
      );
      whole.forEach((w, i) => assert.ok(Math.abs(w - percents[i]!) < 1));
    }),
  );
});

test('differences of at least 8 points between groups are flagged (threshold configurable)', () => {
  const percent = [
    [54, 64, 50],
    [30, 33, 38],
  ];
  assert.deepEqual(differenceFlags(percent), [
    { row: 0, a: 0, b: 1, difference: 10 },
    { row: 0, a: 1, b: 2, difference: -14 },
    { row: 1, a: 0, b: 2, difference: 8 },
  ]);
  assert.equal(differenceFlags(percent, 12).length, 1);
});
