// Two waves side by side (analysis/wave-compare.ts, printed by report/tables-json.ts printComparison): each
// column of a table tested current against earlier wave with Pearson's chi-square, the p-value checked against
// R's chisq.test on the same counts (run here, r-base-core), and a change marked only when it is 8 points or
// more and significant. Data: a copy of the invented study-buurt with two made-up waves of 100 respondents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { computeReport } from '../../src/analysis/compute.ts';
import { compareWaves } from '../../src/analysis/wave-compare.ts';
import { printComparison } from '../../src/report/tables-json.ts';
import { loadStudy } from '../../src/study/load.ts';
import { datasetOf, type TestResponse } from '../support/dataset.ts';
import { requireTool, run } from '../support/reference-tools.ts';

const BUURT = fileURLToPath(new URL('../fixtures/study-buurt', import.meta.url));

/** Counts of B3 (5 "Helemaal eens" … 1 "Helemaal oneens") for tenants and owners in one wave. */
interface WaveCounts {
  readonly huurders: readonly number[];
  readonly eigenaren: readonly number[];
}

const CURRENT: WaveCounts = { huurders: [20, 15, 5, 5, 5], eigenaren: [10, 10, 10, 10, 10] };
const EARLIER: WaveCounts = { huurders: [8, 12, 10, 10, 10], eigenaren: [10, 11, 10, 9, 10] };

/** R's Pearson chi-square p-value (no continuity correction) of a 2-row table. */
function rChiSquare(a: readonly number[], b: readonly number[]): number {
  requireTool('Rscript', 'r-base-core');
  const out = run('Rscript', [
    '-e',
    `m <- matrix(c(${[...a, ...b].join(',')}), nrow = 2, byrow = TRUE); cat(format(suppressWarnings(chisq.test(m, correct = FALSE))$p.value, digits = 15))`,
  ]);
  return Number(out);
}

describe('the earlier wave beside the current one', () => {
  const study = loadStudy(BUURT);
  const wave = study.waves[0]!;
  const responses = (counts: WaveCounts): TestResponse[] => {
    const q = (id: string) => wave.questionnaires.find((x) => x.id === id)!;
    const out: TestResponse[] = [];
    for (const [group, questionnaire] of [
      ['huurders', q('huurders')],
      ['eigenaren', q('eigenaren')],
    ] as const) {
      counts[group].forEach((n, k) => {
        for (let i = 0; i < n; i++) out.push({ questionnaire, answers: { B1: 1 + (i % 2), B2: 30 + i, B3: 5 - k, B4: 3, B5: [1] } });
      });
    }
    return out;
  };
  const variables = { derived: study.derived ?? [], scales: study.scales ?? [] };
  const current = datasetOf(responses(CURRENT), variables, wave.id);
  const earlier = datasetOf(responses(EARLIER), variables, wave.id);
  const report = computeReport(study, wave, current);
  const comparison = compareWaves(study, { wave, data: current, weights: null }, { wave, data: earlier, weights: null }, report);

  it('tests each column of a frequency table over its whole distribution, as R does', () => {
    const tests = comparison.tables.get('1')!;
    const [huurders, eigenaren] = [tests[0]![0]!, tests[0]![1]!];
    assert.equal(huurders.method, 'pearson');
    const rHuurders = rChiSquare(CURRENT.huurders, EARLIER.huurders);
    const rEigenaren = rChiSquare(CURRENT.eigenaren, EARLIER.eigenaren);
    assert.ok(Math.abs(huurders.p! - rHuurders) < 1e-10, `p ${huurders.p} vs R ${rHuurders}`);
    assert.ok(Math.abs(eigenaren.p! - rEigenaren) < 1e-10, `p ${eigenaren.p} vs R ${rEigenaren}`);
    // One test per column, the same for every row of it.
    assert.ok(tests.every((row) => row[0]!.p === huurders.p));
  });

  it('marks a change of 8 points or more only where the column differs significantly', () => {
    const now = report.tables.get('1')!;
    const then = comparison.report.tables.get('1')!;
    assert.ok(now.kind === 'frequency' && then.kind === 'frequency');
    const printed = printComparison(
      now.rows.map((r) => r.percent),
      then.rows.map((r) => r.percent),
      comparison.tables.get('1')!,
      comparison.earlier,
      true,
    );
    // Tenants: 40% → 16% "Helemaal eens" (+24, p < .05): marked; "Neutraal" 10% vs 20% (−10): marked too, the
    // column is significant. Owners: 20% each wave but "Eens" 20% vs 22% (−2): nothing marked (p ≈ 1).
    assert.deepEqual(
      printed.rows.map((r) => [r.earlier, r.difference, r.marked]),
      [
        [
          [16, 20],
          [24, 0],
          [true, false],
        ],
        [
          [24, 22],
          [6, -2],
          [false, false],
        ],
        [
          [20, 20],
          [-10, 0],
          [true, false],
        ],
        [
          [20, 18],
          [-10, 2],
          [true, false],
        ],
        [
          [20, 20],
          [-10, 0],
          [true, false],
        ],
      ],
    );
    assert.deepEqual(
      printed.columns.map((c) => c.method),
      ['pearson', 'pearson'],
    );
  });
});
