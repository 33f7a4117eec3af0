// Raking weights per group to the wave's population margins: the weighted age bands of each group equal the
// population's shares, margins that do not add up are rescaled (and said so), unknown levels keep their share.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { categoricalView, engineDataset } from '../../src/analysis/views.ts';
import { waveWeights } from '../../src/analysis/weights.ts';
import { frequencies, withMask, withWeights } from '../../src/stats/index.ts';
import { loadStudy } from '../../src/study/load.ts';
import type { Population } from '../../src/study/population.ts';
import { datasetOf } from '../support/dataset.ts';

const study = loadStudy(fileURLToPath(new URL('../fixtures/study-buurt', import.meta.url)));
const wave = study.waves[0]!;
const q = (id: string) => wave.questionnaires.find((x) => x.id === id)!;
const ages = [25, 30, 45, 60, 70, 35];
const data = datasetOf(
  [
    ...ages.map((age) => ({ questionnaire: q('huurders'), answers: { B2: age } })),
    ...[20, 50, 55].map((age) => ({ questionnaire: q('eigenaren'), answers: { B2: age } })),
    { questionnaire: q('eigenaren'), answers: {} },
  ],
  { derived: study.derived ?? [] },
);

const weightedShares = (weights: Float64Array, group: number): number[] => {
  const mask = Uint8Array.from(data.numbers('woonvorm'), (v) => (v === group ? 1 : 0));
  const engine = withWeights(withMask(engineDataset([categoricalView(data, 'leeftijdsgroep', [1, 2])]), mask), weights);
  return frequencies(engine, 'leeftijdsgroep')[0]!.categories.map((c) => c.percent);
};

describe('waveWeights', () => {
  it("rakes each group's age bands to the population's shares (tenants 60/40, owners 25/75)", () => {
    const { weights, groups, notes } = waveWeights(data, wave.population!);
    weightedShares(weights, 1).forEach((p, i) => assert.ok(Math.abs(p - [60, 40][i]!) < 1e-6, `tenants ${p}`));
    // The owner without an age keeps its sample share (1 in 4) as "unknown"; the known ones split 25/75.
    weightedShares(weights, 2).forEach((p, i) => assert.ok(Math.abs(p - [25, 75][i]!) < 1e-6, `owners ${p}`));
    assert.deepEqual(
      groups.map((g) => [g.code, g.n, g.converged, g.dimensions]),
      [
        [1, 6, true, ['ageBand']],
        [2, 4, true, ['ageBand']],
      ],
    );
    assert.ok(groups.every((g) => g.designEffect >= 1 && g.effectiveN <= g.n));
    assert.deepEqual(notes, []);
    const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
    assert.ok(Math.abs(mean - 1) < 1e-9, 'weights are scaled to a mean of 1');
  });

  it('rescales margins that do not add up to the group and says so', () => {
    const off: Population = {
      ...wave.population!,
      cells: wave.population!.cells.map((c) => (c.group === 1 && c.ageBand === 1 ? { ...c, count: c.count + 1 } : c)),
    };
    const { weights, notes } = waveWeights(data, off);
    assert.deepEqual(notes, ['Huurder: the ageBand margins add up to 601, the group to 600; rescaled to 600']);
    weightedShares(weights, 1).forEach((p, i) => assert.ok(Math.abs(p - [(100 * 361) / 601, (100 * 240) / 601][i]!) < 1e-6, `${p}`));
  });
});
