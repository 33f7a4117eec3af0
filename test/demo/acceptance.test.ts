// The demo wave reproduces the published report: generated into a fresh database through the bulk path,
// read back through loadDataset and `report tables`, and compared with the report's printed tables.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportTables } from '../../src/analysis/report.ts';
import type { FrequencyOutput } from '../../src/analysis/report-tables.ts';
import { compareWithReport, percent, summarize, type MatchReport } from '../../src/demo/compare.ts';
import { DEFAULT_SEED, demoWave, loadDemo } from '../../src/demo/index.ts';
import { resolveRoute } from '../../src/questionnaire/routing.ts';
import { listResponsesWithAnswers } from '../../src/storage/responses.ts';
import { DEFAULT_STUDY_DIR } from '../../src/storage/study-files.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

/** Column Ns the questionnaire's routing cannot reach (docs/demo-data.md): Q4.19 is asked only to those who worked. */
const UNREACHABLE_N = new Set(['4.3 Wi2021-asiel']);

describe('demo wave', { timeout: 240_000 }, () => {
  let t: TestDatabase;
  let loadSeconds = 0;
  let stderr = '';
  let tables: Awaited<ReturnType<typeof reportTables>>['tables'];
  let match: MatchReport;

  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    const started = Date.now();
    await loadDemo(t.db, t.study, { stderr: (s) => (stderr += s) }, DEFAULT_SEED);
    loadSeconds = (Date.now() - started) / 1000;
    tables = (await reportTables(t.db, t.study, { studyDir: DEFAULT_STUDY_DIR })).tables;
    match = compareWithReport(tables);
    console.log(`demo wave generated and stored in ${loadSeconds.toFixed(1)} s\n${summarize(match)}`);
  });
  after(async () => {
    await t.close();
  });

  it('stores 5,173 synthetic respondents in well under a minute and says they are synthetic', async () => {
    // Typically 15-25 s; the bound leaves room for a loaded CI machine.
    assert.ok(loadSeconds < 120, `took ${loadSeconds} s`);
    assert.match(stderr, /SYNTHETIC/);
    let total = 0;
    for (const q of demoWave(t.study).questionnaires) {
      const responses = await listResponsesWithAnswers(t.db, q.id, q.version);
      total += responses.length;
      for (const r of responses) {
        assert.ok(r.channel.startsWith('demo-'), r.channel);
        // Every stored answer is one routing shows, given the other answers.
        assert.equal(resolveRoute(q, r.answers).answers.size, r.answers.size, `${q.id} ${r.id}`);
      }
    }
    assert.equal(total, 5173);
  });

  it('has the group sizes of Tabel 2.9', () => {
    const sizes = (tables['2.9'] as FrequencyOutput).rows.map((row) => [row.label, row.values[2]]);
    assert.deepEqual(sizes.slice(0, 4), [['Wi2021-asiel', 2651], ['Wi2021-gezin', 1768], ['Wi2013-asiel', 416], ['Wi2013-gezin/overig', 271]]);
  });

  it('prints at least 98% of the frequency-table cells within 1 point of the report', () => {
    assert.ok(percent(match.cellsWithin1, match.cells) >= 98, summarize(match));
  });

  it('has every reachable column N equal to the report', () => {
    const misses = match.misses.filter((m) => / N \d+ \(report \d+\)$/.test(m) && ![...UNREACHABLE_N].some((k) => m.startsWith(`${k}:`)));
    assert.deepEqual(misses, []);
  });

  it('4.3 Wi2021-asiel column N (1.521) under the current routing of Q4.19', { todo: 'Q4.19 is shown only to those who worked (1.105 of 2.570); the report asked more' }, () => {
    assert.equal((tables['4.3'] as FrequencyOutput).columns[0]?.N, 1521);
  });

  it('recovers at least 90% of the regression coefficients within 2 published SE', () => {
    assert.ok(percent(match.coefficientsWithin2SE, match.coefficients) >= 90, summarize(match));
  });

  it('recovers every adjusted R² within .03', () => {
    assert.equal(match.modelsR2Within, match.models, match.misses.filter((m) => m.includes('adjusted R²')).join('\n'));
  });
});
