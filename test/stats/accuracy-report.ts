// Prints the accuracy figures quoted in docs/statistics.md (not a test; run with
// node --import tsx test/stats/accuracy-report.ts): min LRE against NIST and exact references, and the
// largest relative error against R per function.
import { fixtureJson, fixtureTable, lre, maxRelError, nistTable } from './helpers.ts';
import { datasetFromTextFor } from './support.ts';
import { fitMatrix, ols, type Predictor } from '../../src/stats/ols.ts';
import { parseNumber } from '../../src/stats/records.ts';
import { frequencies } from '../../src/stats/crosstab.ts';
import { reliability, scaleScore } from '../../src/stats/scale.ts';
import { chiSquareTest } from '../../src/stats/chisq.ts';
import { rake, type Margin } from '../../src/stats/rake.ts';
import { dataset, numericColumn, numericValues, withWeights } from '../../src/stats/dataset.ts';

// The parts of the R reference (scripts/fixtures) and of the exact polynomial fits read here.
interface Reference {
  lm: Record<string, { B: (number | null)[]; SE: (number | null)[] }>;
  frequencies: Record<string, { percent: number[][] }>;
  alpha: Record<string, { items: string[]; alpha: number; alphaIfDeleted: number[]; itemRestCorrelation: number[] }>;
  chisq: {
    row: string;
    col: string;
    pearson: { statistic: number; p: number };
    raoScott: { statistic: number; df: number; ddf: number; p: number };
  }[];
  ols: Record<string, { B: number[]; SE: number[]; t: number[]; p: number[]; r2: number; adjR2: number; F: number }>;
  rake: { weights: number[]; designEffect: number; effectiveN: number };
}
interface ExactFit {
  B: string[];
  SE: string[];
}
const ref = fixtureJson<Reference>('reference.json');
const exact = fixtureJson<Record<string, ExactFit> & { doubleData: Record<string, ExactFit> }>('polynomial-exact.json');
const lmOf = (name: string) => ref.lm[name]!;

function fitRows(rows: readonly (readonly string[])[], cols: number[], yCol: number, degree?: number) {
  const n = rows.length;
  const p = degree === undefined ? cols.length + 1 : degree + 1;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  rows.forEach((row, i) => {
    x[i] = 1;
    for (let j = 1; j < p; j++) x[j * n + i] = degree === undefined ? parseNumber(row[cols[j - 1]!]!)! : parseNumber(row[cols[0]!]!)! ** j;
    y[i] = parseNumber(row[yCol]!)!;
  });
  return fitMatrix(
    x,
    n,
    p,
    y,
    Array.from({ length: p }, (_, k) => `b${k}`),
  );
}

for (const name of ['Longley', 'Norris']) {
  const t = nistTable(name);
  const cert = fixtureJson<{ beta: number[]; sd: number[] }>(`nist/${name}.certified.json`);
  const k = t.header.length - 1;
  const fit = fitRows(t.rows, [...Array(k).keys()], k);
  const b = Math.min(...fit.coefficients.map((c, j) => lre(c.B, cert.beta[j]!)));
  const se = Math.min(...fit.coefficients.map((c, j) => lre(c.SE, cert.sd[j]!)));
  const rB = Math.min(...lmOf(name).B.map((v, j) => lre(Number(v), cert.beta[j]!)));
  const rSE = Math.min(...lmOf(name).SE.map((v, j) => lre(Number(v), cert.sd[j]!)));
  console.log(`${name}: min LRE B ${b.toFixed(2)}, SE ${se.toFixed(2)} (R lm: ${rB.toFixed(2)}, ${rSE.toFixed(2)})`);
}
for (const [name, degree] of [
  ['wampler1', 5],
  ['wampler2', 5],
  ['wampler3', 5],
  ['wampler4', 5],
  ['wampler5', 5],
  ['filip', 10],
] as const) {
  const t = fixtureTable(`${name}.csv`);
  const fit = fitRows(t.rows, [0], 1, degree);
  const lres = (ex: ExactFit) => [
    Math.min(...fit.coefficients.map((c, j) => lre(c.B, Number(ex.B[j])))),
    Math.min(...fit.coefficients.map((c, j) => lre(c.SE, Number(ex.SE[j])))),
  ];
  const rlre = (ex: ExactFit) =>
    lmOf(name).B.some((v) => v === null) ? NaN : Math.min(...lmOf(name).B.map((v, j) => lre(Number(v), Number(ex.B[j]))));
  const [b, se] = lres(exact[name]!);
  const [bd] = lres(exact.doubleData[name]!);
  console.log(
    `${name}: min LRE B ${b!.toFixed(2)} (data as doubles ${bd!.toFixed(2)}), SE ${se!.toFixed(2)}; R lm B ${rlre(exact[name]!).toFixed(2)} (as doubles ${rlre(exact.doubleData[name]!).toFixed(2)})`,
  );
}

const errors: Record<string, number> = {};
const note = (key: string, e: number) => (errors[key] = Math.max(errors[key] ?? 0, e));
for (const v of ['m1', 'k3']) {
  const d = datasetFromTextFor(['w'], [v, 'group']);
  frequencies(withWeights(d, numericValues(d, 'w')), v, 'group').forEach((g, c) =>
    note(
      'weighted percentages (xtabs)',
      maxRelError(
        g.categories.map((x) => x.percent),
        ref.frequencies[v]!.percent[c]!,
      ),
    ),
  );
}
for (const r of Object.values(ref.alpha)) {
  const a = reliability(datasetFromTextFor(r.items, []), r.items);
  note(
    'alpha family (psych::alpha)',
    maxRelError([a.alpha, ...a.alphaIfDeleted, ...a.itemRestCorrelation], [r.alpha, ...r.alphaIfDeleted, ...r.itemRestCorrelation]),
  );
}
for (const r of ref.chisq) {
  const d = datasetFromTextFor(['w'], [r.row, r.col]);
  const pe = chiSquareTest(d, r.row, r.col);
  note('Pearson chi-square (chisq.test)', maxRelError([pe.statistic, pe.p], [r.pearson.statistic, r.pearson.p]));
  const rs = chiSquareTest(withWeights(d, numericValues(d, 'w')), r.row, r.col);
  if (rs.method === 'rao-scott')
    note(
      'Rao-Scott F, df, ddf, p (svychisq)',
      maxRelError([rs.statistic, rs.df, rs.ddf, rs.p], [r.raoScott.statistic, r.raoScott.df, r.raoScott.ddf, r.raoScott.p]),
    );
}
{
  const d0 = datasetFromTextFor(
    ['age', 'education', 'language', 'health', 'intake', 'k1', 'm1', 'm2', 'm3'],
    ['group', 'gender', 'route', 'cohort', 'work'],
  );
  const d = dataset([...d0.columns.values(), numericColumn('mscale', scaleScore(d0, ['m1', 'm2', 'm3'], 2))]);
  const g = d.columns.get('group');
  if (g?.kind !== 'categorical') throw new Error('group is not a categorical column');
  const full: Predictor[] = [
    { kind: 'numeric', name: 'age' },
    { kind: 'categorical', name: 'gender', reference: 'man' },
    { kind: 'numeric', name: 'education' },
    { kind: 'numeric', name: 'language' },
    { kind: 'numeric', name: 'health' },
    { kind: 'categorical', name: 'route', reference: 'Z' },
    { kind: 'categorical', name: 'cohort', reference: 2 },
    { kind: 'numeric', name: 'intake' },
    { kind: 'categorical', name: 'work', reference: 'geen' },
  ];
  for (const [name, preds] of [
    ['asiel21', full],
    ['gezin21', full],
    ['asiel13', full.filter((p) => p.name !== 'route')],
  ] as const) {
    const code = g.levels.indexOf(name);
    const fit = ols({ ...d, mask: Uint8Array.from(g.codes, (c: number) => (c === code ? 1 : 0)) }, { y: 'mscale', predictors: preds });
    const r = ref.ols[name]!;
    const cs = fit.coefficients;
    note(
      'OLS B, SE, t, p, R², adj R², F (lm)',
      maxRelError(
        [...cs.map((c) => c.B), ...cs.map((c) => c.SE), ...cs.map((c) => c.t), ...cs.map((c) => c.p), fit.r2, fit.adjR2, fit.F],
        [...r.B, ...r.SE, ...r.t, ...r.p, r.r2, r.adjR2, r.F],
      ),
    );
  }
}
{
  const d = datasetFromTextFor(['w'], ['group', 'gender', 'agegroup']);
  const margins = fixtureJson<{ margins: Margin[] }>('margins.json').margins;
  const r = rake(d, margins);
  note(
    'raked weights, deff, effective N (survey::rake)',
    maxRelError([...r.weights, r.designEffect, r.effectiveN], [...ref.rake.weights, ref.rake.designEffect, ref.rake.effectiveN]),
  );
}
for (const [k, v] of Object.entries(errors)) console.log(`${k}: max relative error ${v.toExponential(2)}`);
