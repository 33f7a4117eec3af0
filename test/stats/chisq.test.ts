import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquareTest, pearsonChiSquare } from '../../src/stats/chisq.ts';
import { numericValues, withWeights } from '../../src/stats/dataset.ts';
import { datasetFromTextFor } from './support.ts';
import { assertClose, fixtureJson } from './helpers.ts';

interface ChisqRef {
  row: string;
  col: string;
  pearson: { statistic: number; df: number; p: number };
  raoScott: { statistic: number; df: number; ddf: number; p: number };
}

const refs = (): ChisqRef[] => fixtureJson<{ chisq: ChisqRef[] }>('reference.json').chisq;

test('Pearson chi-square equals R chisq.test(correct = FALSE) to 1e-12', () => {
  for (const r of refs()) {
    const result = chiSquareTest(datasetFromTextFor([], [r.row, r.col]), r.row, r.col);
    assert.equal(result.method, 'pearson');
    assert.equal(result.df, r.pearson.df);
    assertClose(result.statistic, r.pearson.statistic, 1e-12, `${r.row}×${r.col} X²`);
    assertClose(result.p, r.pearson.p, 1e-12, `${r.row}×${r.col} p`);
  }
});

test('weighted: Rao-Scott F, df and p equal survey::svychisq (statistic = "F") to 1e-9', () => {
  for (const r of refs()) {
    const data = datasetFromTextFor(['w'], [r.row, r.col]);
    const result = chiSquareTest(withWeights(data, numericValues(data, 'w')), r.row, r.col);
    assert.equal(result.method, 'rao-scott');
    assertClose(result.statistic, r.raoScott.statistic, 1e-10, `${r.row}×${r.col} F`);
    assertClose(result.df, r.raoScott.df, 1e-10, `${r.row}×${r.col} ndf`);
    assertClose(result.ddf, r.raoScott.ddf, 1e-10, `${r.row}×${r.col} ddf`);
    assertClose(result.p, r.raoScott.p, 1e-9, `${r.row}×${r.col} p`);
  }
});

test('a 2×2 table gives X² = 0.79365… on 1 df, as R chisq.test(matrix(c(10, 20, 30, 40), 2), correct = FALSE) prints', () => {
  const t = pearsonChiSquare(Float64Array.from([10, 20, 30, 40]), 2, 2);
  assert.equal(t.df, 1);
  assert.ok(Math.abs(t.statistic - 0.79365079365079361) < 1e-14);
});

test("weights of 1: Rao-Scott's X² is the unweighted Pearson X² and its F·d₀ stays close to it", () => {
  // work and gender have no missing answers, so svychisq's table scaled to all N cases is the plain table
  const data = datasetFromTextFor([], ['work', 'gender']);
  const unit = chiSquareTest(withWeights(data, new Float64Array(data.rows).fill(1)), 'work', 'gender');
  const plain = chiSquareTest(data, 'work', 'gender');
  assert.ok(unit.method === 'rao-scott');
  assertClose(unit.pearson, plain.statistic, 1e-12, 'X²');
  assert.ok(Math.abs((unit.statistic * unit.df) / plain.statistic - 1) < 0.01, 'design effect near 1');
});
