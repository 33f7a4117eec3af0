// A second, invented study (test/fixtures/study-buurt: a neighbourhood poll of tenants and owners) gets its
// tables from its own report.json without any code change: frequency, multiple-choice, top-box, regression,
// population and reliability, with its own missing codes ("Weet ik niet" = 99, "Zeg ik liever niet" = 98) left
// out of the N and counted beside the column. Expected values are worked out by hand below; the regression
// and alpha come from R (the script is in the comment above them).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportTables } from '../../src/analysis/report.ts';
import {
  printReport,
  type PrintedFrequency,
  type PrintedPopulation,
  type PrintedReport,
  type PrintedRegression,
} from '../../src/report/tables-json.ts';
import { BUURT_RESPONSES, BUURT_STUDY_DIR, storeBuurtResponse } from '../support/buurt.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe(`a second study's own report.json on ${backendName()}`, () => {
  let t: TestDatabase;
  let report: PrintedReport;
  before(async () => {
    t = await openTestDatabase(BUURT_STUDY_DIR);
    for (const response of BUURT_RESPONSES) await storeBuurtResponse(t.db, response);
    const result = await reportTables(t.db, t.study);
    report = printReport(result.report, { synthetic: result.synthetic });
  });
  after(async () => t.close());

  it('counts the six completed responses of wave buurt:2025', () => {
    assert.deepEqual(
      [report.wave, report.counts, report.N, Object.keys(report.tables)],
      ['buurt:2025', 'completed', 6, ['1', '2', '3', '4', '5', '6', '7']],
    );
  });

  it('prints a frequency table by its own breakdown, "Weet ik niet" beside the column instead of in it', () => {
    const table = report.tables['1'] as PrintedFrequency;
    assert.deepEqual(
      table.columns.map((c) => [c.label, c.N, c.missing ?? null]),
      [
        ['Huurders', 2, { 'Weet ik niet': 1 }],
        ['Eigenaren', 3, null],
      ],
    );
    assert.deepEqual(
      table.rows.map((r) => [r.label, ...r.values]),
      [
        ['Helemaal eens', 50, 34],
        ['Eens', 50, 0],
        ['Neutraal', 0, 33],
        ['Oneens', 0, 33],
        ['Helemaal oneens', 0, 0],
      ],
    );
    assert.equal(table.N, 5);
  });

  it('leaves a respondent who only chose "Weet ik niet" out of a multiple-choice table', () => {
    const table = report.tables['2'] as PrintedFrequency;
    assert.deepEqual(
      table.columns.map((c) => c.N),
      [2, 2],
    );
    assert.deepEqual(
      table.rows.map((r) => [r.label, ...r.values]),
      [
        ['Bibliotheek', 50, 50],
        ['Buurthuis', 50, 50],
        ['Sportveld', 50, 50],
      ],
    );
  });

  it('prints a top-box table with the mean N of its rows', () => {
    const table = report.tables['3'] as PrintedFrequency;
    assert.deepEqual(
      table.columns.map((c) => c.N),
      [2, 3],
    );
    assert.deepEqual(
      table.rows.map((r) => r.values),
      [
        [100, 33],
        [50, 67],
      ],
    );
  });

  // R: y <- c(4.5, 3, 5, 3); age <- c(25, 50, 35, 70); vrouw <- c(0, 0, 1, 1); summary(lm(y ~ age + vrouw))
  it('fits the regression on the scale with its dummy coding, as R does', () => {
    const table = report.tables['4'] as PrintedRegression;
    assert.equal(table.N, 4);
    assert.deepEqual(
      table.rows.map((r) => [r.label, r.B, r.SE]),
      [
        ['Constante', 5.929, 0.058],
        ['Leeftijd', -0.058, 0.001],
        ['Vrouw', 1.122, 0.046],
      ],
    );
    assert.equal(table.adjR2, 0.998);
  });

  it('sets the sample beside the population by group and by age band', () => {
    const groups = report.tables['5'] as PrintedPopulation;
    assert.deepEqual(
      groups.rows.map((r) => [r.label, ...r.values]),
      [
        ['Huurders', 600, 60, 3, 50],
        ['Eigenaren', 400, 40, 3, 50],
        ['Totaal', 1000, 100, 6, 100],
      ],
    );
    const ages = report.tables['6'] as PrintedPopulation;
    assert.deepEqual(
      ages.rows.map((r) => [r.group, r.label, ...r.values]),
      [
        ['Huurders', '16-39', 360, 60, 1, 33],
        ['Huurders', '40+', 240, 40, 2, 67],
        ['Eigenaren', '16-39', 100, 25, 1, 33],
        ['Eigenaren', '40+', 300, 75, 2, 67],
      ],
    );
  });

  it('counts only the questionnaire that asks an item (owners were never asked about a landlord)', () => {
    const table = report.tables['7'] as PrintedFrequency;
    assert.deepEqual(
      table.columns.map((c) => [c.N, c.missing]),
      [[2, { 'Weet ik niet': 1 }]],
    );
    assert.deepEqual(
      table.rows.map((r) => r.values[0]),
      [50, 50],
    );
  });

  // R: b3 <- c(5, 3, 5, 2); b4 <- c(4, 3, 5, 4); 2 * (1 - (var(b3) + var(b4)) / var(b3 + b4))
  it("gives the scale's Cronbach's alpha over its complete cases, as R does", () => {
    assert.deepEqual(report.reliability, [
      { scale: 'tevredenheid', label: 'Tevredenheid met de buurt', items: ['B3', 'B4'], alpha: 0.63, N: 4 },
    ]);
  });
});
