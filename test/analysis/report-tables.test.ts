// `report tables` computes the study's report.json tables from whatever is stored, including responses entered
// through the respondent path (createResponse/savePage): completed responses of the chosen wave only, missing
// codes as the specification says, a model the data cannot carry as a result with its reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportTables } from '../../src/analysis/report.ts';
import type { AnswerValue, ItemId } from '../../src/questionnaire/types.ts';
import { printReport, type PrintedFrequency, type PrintedPopulation, type PrintedRegression } from '../../src/report/tables-json.ts';
import { createResponse, savePage } from '../../src/storage/responses.ts';
import { DEFAULT_STUDY_DIR, type StudyDefinition } from '../../src/study/load.ts';
import { tablesForWave } from '../../src/study/validate-report.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe(`report tables on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    const wave = t.study.waves.find((w) => w.id === 'inburgeraars:2024')!;
    const asiel = wave.questionnaires.find((q) => q.id === 'wi2021-asiel')!;
    const answer = async (answers: Record<string, AnswerValue>, completed = true) => {
      const { response } = await createResponse(t.db, {
        questionnaireId: asiel.id,
        questionnaireVersion: asiel.version,
        waveId: wave.id,
        language: 'nl',
        channel: 'duo-brief',
      });
      const map = new Map(Object.entries(answers).map(([k, v]) => [k as ItemId, v] as const));
      await savePage(t.db, { responseId: response.id, answers: map, remove: [], currentPage: null, completed });
    };
    await answer({ 'Q2.01': 1, 'Q2.12': 1, 'Q2.04': 1, 'Q2.06': 1, 'Q4.05': 1, 'Q3.01': 5 });
    await answer({ 'Q2.01': 2, 'Q2.12': 1, 'Q2.04': 4, 'Q2.06': 99, 'Q4.05': 1, 'Q3.01': 4 });
    await answer({ 'Q2.01': 2, 'Q2.12': 2, 'Q2.04': 4, 'Q2.06': 3, 'Q4.05': 2 });
    // Unfinished: not counted unless report.json says "counts": "all".
    await answer({ 'Q2.01': 1, 'Q2.12': 1, 'Q2.04': 2 }, false);
  });
  after(async () => t.close());

  const printed = async (study: StudyDefinition = t.study, wave?: string) => {
    const result = await reportTables(t.db, study, { wave });
    return printReport(result.report, { synthetic: result.synthetic });
  };

  it('reads every table from report.json: 77 for 2024; 2023 leaves out the 11 whose item its questionnaires lack, naming the item', () => {
    const spec = t.study.report!;
    const context = { waves: t.study.waves, scales: t.study.scales ?? [], derived: t.study.derived ?? [], populations: [] };
    assert.equal(tablesForWave(spec, context, 'inburgeraars:2024').tables.length, 77);
    const older = tablesForWave(spec, context, 'inburgeraars:2023');
    assert.equal(older.tables.length, 66);
    assert.equal(older.omitted.get('8.1'), 'Q8.03 is not in the questionnaires of wave inburgeraars:2023');
    assert.deepEqual([...older.omitted.keys()].sort(), ['2.6', '4.1', '4.4', '4.5', '8.1', '8.2', '8.3', '8.4', '8.5', '8.6', 'B.3.1']);
  });

  it('counts the completed responses entered through the respondent path, in the report shape, and says which responses count', async () => {
    const report = await printed();
    assert.equal(report.counts, 'completed');
    assert.equal(report.N, 3);
    assert.equal(report.wave, 'inburgeraars:2024');
    const living = report.tables['2.1'] as PrintedFrequency;
    assert.equal(living.title, 'Verdeling woonsituatie per type inburgeraar');
    assert.deepEqual(
      living.columns.map((c) => [c.label, c.N, c.filter]),
      [
        ['Wi2021-asiel', 3, 'type_inburgeraar = 1'],
        ['Wi2021-gezin', 0, 'type_inburgeraar = 2'],
        ['Wi2013-asiel', 0, 'type_inburgeraar = 3'],
        ['Wi2013-gezin', 0, 'type_inburgeraar = 4'],
      ],
    );
    assert.deepEqual(living.rows[0], { label: 'Ik woon alleen', values: [33, null, null, null] });
    assert.deepEqual(living.rows[3]?.values[0], 67);
    const job = report.tables['3.1'] as PrintedFrequency;
    assert.equal(job.columns[0]?.N, 2);
    assert.deepEqual(
      job.rows.map((r) => r.values[0]),
      [50, 50, 0, 0, 0],
    );
    const sample = report.tables['2.9'] as PrintedPopulation;
    assert.deepEqual(sample.rows[0], { label: 'Wi2021-asiel', values: [34482, 53, 3, 100] });
    assert.deepEqual(sample.N, { population: 64594, sample: 3 });
  });

  it('shows "Dat weet ik niet" as a row where the table lists it (Tabel 2.2), counted in the N', async () => {
    const benefit = (await printed()).tables['2.2'] as PrintedFrequency;
    assert.equal(benefit.columns[0]?.N, 3);
    assert.deepEqual(
      benefit.rows.map((r) => [r.label, r.values[0]]),
      [
        // Three thirds: the largest remainder gives the spare point to the first tie.
        ['Ja', 34],
        ['Nee, maar ik krijg wel studiefinanciering', 0],
        ['Nee', 33],
        ['Dat weet ik niet', 33],
      ],
    );
  });

  it('counts unfinished responses too when report.json says "counts": "all"', async () => {
    const report = await printed({ ...t.study, report: { ...t.study.report!, counts: 'all' } });
    assert.equal(report.counts, 'all');
    assert.equal(report.N, 4);
    assert.equal((report.tables['2.1'] as PrintedFrequency).columns[0]?.N, 4);
  });

  it('prints a model the data cannot carry with its reason, never an empty table without one', async () => {
    const model = (await printed()).tables['B.2.7'] as PrintedRegression;
    assert.equal(model.adjR2, null);
    assert.match(model.notEstimable ?? '', /complete cases/);
    assert.deepEqual(model.rows[0], { label: 'Constante', B: null, SE: null, t: null, stars: '', note: model.notEstimable });
    assert.deepEqual(model.rows[6], { label: 'Leerroute', header: true, B: null, SE: null, t: null, stars: '' });
  });

  it('says whether the tables count synthetic responses', async () => {
    const report = await printed();
    assert.equal(report.synthetic, false);
    assert.equal(report.note, undefined);
    assert.equal(report.omitted, undefined, 'the 2024 questionnaires ask every item of the report');
  });

  it('refuses an unknown wave, naming the known ones', async () => {
    await assert.rejects(reportTables(t.db, t.study, { wave: '1999' }), /unknown wave "1999"; known: 2023, 2024/);
  });
});
