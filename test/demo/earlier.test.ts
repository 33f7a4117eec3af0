// The earlier-wave targets: a quoted figure gets exactly its printed share of its base, the other codes keep
// their proportions, and a figure on an item the wave-1 questionnaires lack is a clear error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choiceItems } from '../../src/demo/generate.ts';
import { earlierPlans, withFigures } from '../../src/demo/earlier-plans.ts';
import { EARLIER_FIGURES, earlierFigureValue, type EarlierFigure } from '../../src/demo/earlier.ts';
import { DemoDataError } from '../../src/demo/errors.ts';
import { loadStudy } from '../../src/study/load.ts';
import { datasetOf } from '../support/dataset.ts';

const study = loadStudy();
const wave1 = study.waves.find((w) => w.number === 1)!;
const items = choiceItems(wave1.questionnaires);
const figure = (item: string, codes: number[], value: number, base?: number[]): EarlierFigure => ({
  source: 'L1',
  label: 'x',
  item,
  type: 1,
  kind: 'share',
  codes,
  value,
  ...(base ? { base } : {}),
});

describe('earlier figures as targets', () => {
  it('gives the counted codes their share of the base and the rest their old proportions', () => {
    // Tabel 2.2, Wi2021-asiel in 2024: ja 77, studiefinanciering 3, nee 15, weet niet 5 → ja 81 in 2023.
    const out = withFigures(
      new Map([
        [1, 77],
        [2, 3],
        [3, 15],
        [99, 5],
      ]),
      items.get('Q2.06')!,
      [figure('Q2.06', [1], 81)],
    );
    const total = [...out.values()].reduce((a, b) => a + b, 0);
    assert.ok(Math.abs((100 * out.get(1)!) / total - 81) < 1e-9);
    assert.ok(Math.abs(out.get(3)! / out.get(2)! - 5) < 1e-9, 'nee : studiefinanciering stays 15 : 3');
  });

  it('sets several figures on one base at once and leaves codes outside the base alone', () => {
    const dist = new Map([
      [5, 20],
      [4, 38],
      [3, 25],
      [2, 10],
      [1, 7],
      [99, 3],
    ]);
    const out = withFigures(dist, items.get('Q4.11')!, [figure('Q4.11', [4, 5], 74, [1, 2, 3, 4, 5])]);
    const base = [1, 2, 3, 4, 5].reduce((s, c) => s + out.get(c)!, 0);
    assert.ok(Math.abs((100 * (out.get(4)! + out.get(5)!)) / base - 74) < 1e-9);
    assert.equal(out.get(99), 3);
  });

  it('computes a share among the answers of one type inburgeraar, missing answers and other types left out', () => {
    const asiel = wave1.questionnaires.find((q) => q.id === 'wi2021-asiel')!;
    const gezin = wave1.questionnaires.find((q) => q.id === 'wi2021-gezin')!;
    const data = datasetOf(
      [
        { questionnaire: asiel, answers: { 'Q2.06': 1 } },
        { questionnaire: asiel, answers: { 'Q2.06': 1 } },
        { questionnaire: asiel, answers: { 'Q2.06': 3 } },
        { questionnaire: asiel, answers: {} },
        { questionnaire: gezin, answers: { 'Q2.06': 3 } },
      ],
      { derived: study.derived ?? [] },
    );
    assert.equal(earlierFigureValue(data, figure('Q2.06', [1], 0)), (100 * 2) / 3);
  });

  it('names the figure and item when the wave-1 questionnaires lack it', () => {
    const without = new Map([...items].filter(([id]) => id !== 'Q4.13'));
    assert.throws(
      () => earlierPlans(new Map(), without),
      (error: unknown) =>
        error instanceof DemoDataError && /L1297 counts Q4\.13, which is in none of the wave-1 questionnaires/.test(error.message),
    );
  });

  it('quotes every figure with its source line', () => {
    for (const f of EARLIER_FIGURES) assert.match(f.source, /^L\d+$/, f.label);
  });
});
