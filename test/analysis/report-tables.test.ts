// `report tables` computes the report's tables from whatever is stored, including responses entered
// through the respondent path (createResponse/savePage), with the report's numbering, labels and shapes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportTables } from '../../src/analysis/report.ts';
import { buildReportSpec, codeOfLabel, columnFilter, matches } from '../../src/analysis/report-spec.ts';
import type { FrequencyOutput, RegressionOutput } from '../../src/analysis/report-tables.ts';
import { publishedTables } from '../../src/analysis/published.ts';
import type { AnswerValue, ChoiceItem, ItemId } from '../../src/questionnaire/types.ts';
import { createResponse, savePage } from '../../src/storage/responses.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe(`report tables on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
  });
  after(async () => t.close());

  it('specifies every frequency, population and regression table of the report', () => {
    const ids = buildReportSpec(t.study).map((s) => s.id);
    const expected = publishedTables().map((p) => p.id);
    assert.deepEqual(ids, expected);
    assert.ok(ids.includes('3.1') && ids.includes('B.2.7') && ids.includes('2.12') && ids.includes('4.6'));
  });

  it('maps printed row labels to option codes and column labels to respondents', () => {
    const item: ChoiceItem = {
      id: 'Q' as ItemId,
      kind: 'single',
      required: false,
      tables: [],
      reconstructed: false,
      text: {},
      options: [5, 4, 3].map((code, i) => ({
        code,
        text: { nl: { text: ['Helemaal eens', 'Eens', 'Neutraal'][i]!, status: 'source' as const } },
      })),
    };
    assert.equal(codeOfLabel(item, 'Eens'), 4);
    assert.equal(codeOfLabel(item, 'Helemaal eens'), 5);
    assert.deepEqual(columnFilter('Wi-2021-gezin / Vrouwen'), { type: [2], gender: [2] });
    assert.ok(matches(columnFilter('Cohort 1 (voor 1 januari 2024)'), { type: 1, route: 1, cohort: 1, gender: 2 }));
    assert.ok(!matches(columnFilter('Z-route'), { type: 1, route: 1, cohort: 1, gender: 2 }));
  });

  it('counts responses entered through the respondent path, in the report shape', async () => {
    const wave = t.study.waves.find((w) => w.id === 'inburgeraars:2024')!;
    const asiel = wave.questionnaires.find((q) => q.id === 'wi2021-asiel')!;
    const answer = async (answers: Record<string, AnswerValue>) => {
      const { response } = await createResponse(t.db, {
        questionnaireId: asiel.id,
        questionnaireVersion: asiel.version,
        waveId: wave.id,
        language: 'nl',
        channel: 'duo-brief',
      });
      const map = new Map(Object.entries(answers).map(([k, v]) => [k as ItemId, v] as const));
      await savePage(t.db, { responseId: response.id, answers: map, remove: [], currentPage: null, completed: true });
    };
    await answer({ 'Q2.01': 1, 'Q2.12': 1, 'Q2.04': 1, 'Q4.05': 1, 'Q3.01': 5 });
    await answer({ 'Q2.01': 2, 'Q2.12': 1, 'Q2.04': 4, 'Q4.05': 1, 'Q3.01': 4 });
    await answer({ 'Q2.01': 2, 'Q2.12': 2, 'Q2.04': 4, 'Q4.05': 2 });
    const { tables } = await reportTables(t.db, t.study, { studyDir: DEFAULT_STUDY_DIR });
    const living = tables['2.1'] as FrequencyOutput;
    assert.equal(living.title, 'Verdeling woonsituatie per type inburgeraar');
    assert.deepEqual(
      living.columns.map((c) => [c.label, c.N]),
      [
        ['Wi2021-asiel', 3],
        ['Wi2021-gezin', 0],
        ['Wi2013-asiel', 0],
        ['Wi2013-gezin', 0],
      ],
    );
    assert.deepEqual(living.rows[0], { label: 'Ik woon alleen', values: [33, null, null, null] });
    assert.deepEqual(living.rows[3]?.values[0], 67);
    const job = tables['3.1'] as FrequencyOutput;
    assert.equal(job.columns[0]?.N, 2);
    assert.deepEqual(
      job.rows.map((r) => r.values[0]),
      [50, 50, 0, 0, 0],
    );
    const model = tables['B.2.7'] as RegressionOutput;
    assert.equal(model.adjR2, null);
    assert.deepEqual(model.rows[0], { label: 'Constante', B: null, SE: null, t: null, stars: '' });
    const sample = tables['2.9'] as FrequencyOutput;
    assert.deepEqual(sample.rows[0], { label: 'Wi2021-asiel', values: [34482, 53, 3, 100] });
  });

  it('says whether the tables count synthetic responses', async () => {
    const report = await reportTables(t.db, t.study, { studyDir: DEFAULT_STUDY_DIR });
    assert.equal(report.synthetic, false);
    assert.equal(report.note, undefined);
    assert.equal(report.wave, 'inburgeraars:2024');
    assert.equal(report.omitted, undefined, 'the 2024 questionnaires ask every item of the report');
  });

  it('leaves out the tables whose item wave 2023 did not ask', () => {
    const ids = new Set(buildReportSpec(t.study, 'inburgeraars:2023').map((s) => s.id));
    for (const id of ['4.1', '4.4', '4.5', 'B.3.1', '8.1', '8.2', '8.3', '8.4', '8.5', '8.6']) assert.ok(!ids.has(id), id);
    for (const id of ['2.2', '3.1', '4.3', '4.6', 'B.5.1', 'B.2.7']) assert.ok(ids.has(id), id);
  });

  it('refuses an unknown wave', async () => {
    await assert.rejects(reportTables(t.db, t.study, { wave: '1999' }), /unknown wave "1999"/);
  });
});
