// `report tables` on an embedded database that nobody holds: the first run opens it, counts and saves the wave's
// dataset beside it; the next run counts from that snapshot without starting the database (and says so);
// once anything is written to the database the snapshot is no longer trusted: the run after a change opens the
// database and counts the new answer. Numbers are the second study's (test/analysis/second-study.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { AnswerValue, ItemId } from '../../src/questionnaire/types.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { createResponse, savePage } from '../../src/storage/responses.ts';
import { syncStudy } from '../../src/storage/studies.ts';
import { loadStudy } from '../../src/study/load.ts';

const BUURT = fileURLToPath(new URL('../fixtures/study-buurt', import.meta.url));

describe('report tables from the dataset saved beside the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-snapcli-'));
  const dataDir = join(dir, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, PERSPECTIEF_DATA_DIR: dataDir, PERSPECTIEF_STUDY_DIR: BUURT, PERSPECTIEF_DEMO: '0' };
  delete env['DATABASE_URL'];
  const tables = () => {
    const run = spawnSync(process.execPath, ['bin/perspectief.js', 'report', 'tables', '--json'], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { N: number; tables: Record<string, { columns: { N: number }[] }> };
    return { report, fromSnapshot: /counted from the wave's dataset saved beside the database/.test(run.stderr) };
  };
  const answer = async (rows: readonly [string, Record<string, AnswerValue>][]) => {
    const database = await openDatabase({ dataDir });
    try {
      await database.migrate();
      await syncStudy(database.db, loadStudy(BUURT));
      for (const [questionnaire, answers] of rows) {
        const { response } = await createResponse(database.db, {
          questionnaireId: questionnaire,
          questionnaireVersion: 1,
          waveId: 'buurt:2025',
          language: 'nl',
          channel: 'brief',
        });
        const map = new Map(Object.entries(answers).map(([k, v]) => [k as ItemId, v] as const));
        await savePage(database.db, { responseId: response.id, answers: map, remove: [], currentPage: null, completed: true });
      }
    } finally {
      await database.close();
    }
  };

  before(() =>
    answer([
      ['huurders', { B1: 1, B2: 25, B3: 5, B4: 4, B5: [1, 2], B6: 1 }],
      ['huurders', { B1: 2, B2: 45, B3: 4, B4: 99, B5: [99], B6: 99 }],
      ['eigenaren', { B1: 1, B2: 50, B3: 3, B4: 3, B5: [1] }],
    ]),
  );
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the database on the first run and counts from the saved dataset on the next, with the same tables', () => {
    const first = tables();
    const second = tables();
    assert.deepEqual([first.fromSnapshot, second.fromSnapshot], [false, true]);
    assert.deepEqual(second.report, first.report);
    assert.equal(first.report.N, 3);
  });

  it('no longer trusts the saved dataset once an answer is written, and counts the new answer', async () => {
    await answer([['eigenaren', { B1: 2, B2: 35, B3: 5, B4: 5, B5: [2, 3] }]]);
    const after = tables();
    assert.equal(after.fromSnapshot, false);
    assert.equal(after.report.N, 4);
    // Table 1 (B1 by group): one more owner in the N.
    assert.deepEqual(
      after.report.tables['1']!.columns.map((c) => c.N),
      [2, 2],
    );
    assert.equal(tables().fromSnapshot, true);
  });
});
