import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredSampleSize, powerFR2, powerChisq } from '../../src/stats/power.ts';
import { pnfUpper, pnt, pnchisqUpper } from '../../src/stats/noncentral.ts';
import { assertClose, fixtureJson, maxRelError } from './helpers.ts';

interface PowerRef {
  power: {
    f: { u: number; f2: number; alpha: number; power: number; n: number; powerAt: number }[];
    t: { d: number; alpha: number; power: number; n: number; powerAt: number; pwrN: number }[];
    chisq: { w: number; df: number; alpha: number; power: number; n: number; powerAt: number }[];
  };
  noncentral: {
    f: { q: number; df1: number; df2: number; ncp: number; upper: number }[];
    t: { q: number; df: number; ncp: number; lower: number }[];
    chisq: { q: number; df: number; ncp: number; upper: number }[];
  };
}

const ref = (): PowerRef => fixtureJson<PowerRef>('reference.json');

test("noncentral t and chi-square equal R pt/pchisq(ncp) to 1e-12 absolute (R's pnt error bound)", () => {
  const { noncentral } = ref();
  for (const c of noncentral.t) assert.ok(Math.abs(pnt(c.q, c.df, c.ncp) - c.lower) <= 1e-12, `pt(${c.q}, ${c.df}, ${c.ncp})`);
  for (const c of noncentral.chisq)
    assert.ok(Math.abs(pnchisqUpper(c.q, c.df, c.ncp) - c.upper) <= 1e-13, `pchisq(${c.q}, ${c.df}, ${c.ncp})`);
  const moderate = noncentral.t.filter((c) => c.lower > 1e-6);
  assert.ok(
    maxRelError(
      moderate.map((c) => pnt(c.q, c.df, c.ncp)),
      moderate.map((c) => c.lower),
    ) < 1e-9,
  );
});

test("noncentral F: within R pnbeta's 1e-9 error bound of R, and within 2e-13 (absolute) of a 40-digit mpmath reference", () => {
  const { noncentral } = ref();
  for (const c of noncentral.f) {
    const got = pnfUpper(c.q, c.df1, c.df2, c.ncp);
    assert.ok(Math.abs(got - c.upper) <= 1e-9, `pf(${c.q}, ${c.df1}, ${c.df2}, ncp = ${c.ncp}): ${got} vs R ${c.upper}`);
  }
  const exact = fixtureJson<{ q: number; df1: number; df2: number; ncp: number; upper: string }[]>('noncentral-f-mpmath.json');
  for (const c of exact) {
    const got = pnfUpper(c.q, c.df1, c.df2, c.ncp);
    const want = Number(c.upper);
    // absolute: the series stops at an error bound of 1e-13 (R: 1e-9) and the tail is 1 − lower tail
    assert.ok(Math.abs(got - want) <= 2e-13, `pf(${c.q}, ${c.df1}, ${c.df2}, ncp = ${c.ncp}): ${got} vs ${want}`);
  }
});

test('required N equals the smallest N reaching the power in R (pwr), as G*Power reports it', () => {
  const { power } = ref();
  for (const c of power.f) {
    const result = requiredSampleSize({ test: 'f-r2', f2: c.f2, predictors: c.u }, { alpha: c.alpha, power: c.power });
    assert.equal(result.n, c.n, `f2 ${c.f2} u ${c.u}`);
    assertClose(powerFR2(c.f2, c.u, 100 + c.u + 1, c.alpha), c.powerAt, 1e-9, 'power at v = 100');
  }
  for (const c of power.t) {
    const result = requiredSampleSize({ test: 't2', d: c.d }, { alpha: c.alpha, power: c.power });
    assert.equal(result.n, c.n, `d ${c.d}`);
  }
  for (const c of power.chisq) {
    const result = requiredSampleSize({ test: 'chisq', w: c.w, df: c.df }, { alpha: c.alpha, power: c.power });
    assert.equal(result.n, c.n, `w ${c.w}`);
    assertClose(powerChisq(c.w, c.df, 100, c.alpha), c.powerAt, 1e-9, 'power at N = 100');
  }
});

test("the report's G*Power cases: f² = .15 with 11 predictors needs 123; d = .5 needs 128; w = .3, df 2 needs 108", () => {
  assert.equal(requiredSampleSize({ test: 'f-r2', f2: 0.15, predictors: 11 }, { alpha: 0.05, power: 0.8 }).n, 123);
  assert.equal(requiredSampleSize({ test: 't2', d: 0.5 }, { alpha: 0.05, power: 0.8 }).n, 128);
  assert.equal(requiredSampleSize({ test: 'chisq', w: 0.3, df: 2 }, { alpha: 0.05, power: 0.8 }).n, 108);
  assert.throws(() => requiredSampleSize({ test: 't2', d: -1 }, { alpha: 0.05, power: 0.8 }), /d must be a positive number/);
});
