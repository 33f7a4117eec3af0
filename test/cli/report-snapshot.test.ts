// `report tables` on an embedded database that nobody holds: the first run opens it, counts and saves the wave's
// dataset beside it; the next run counts from that snapshot without starting the database (and says so);
// once anything is written to the database the snapshot is no longer trusted: the run after a change opens the
// database and counts the new answer. Numbers are the second study's (test/analysis/second-study.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/storage/db.ts';
import { syncStudy } from '../../src/storage/studies.ts';
import { loadStudy } from '../../src/study/load.ts';
import { BUURT_RESPONSES, BUURT_STUDY_DIR, storeBuurtResponse } from '../support/buurt.ts';

describe('report tables from the dataset saved beside the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-snapcli-'));
  const dataDir = join(dir, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PERSPECTIEF_DATA_DIR: dataDir,
    PERSPECTIEF_STUDY_DIR: BUURT_STUDY_DIR,
    PERSPECTIEF_DEMO: '0',
  };
  delete env['DATABASE_URL'];
  const tables = () => {
    const run = spawnSync(process.execPath, ['bin/perspectief.js', 'report', 'tables', '--json'], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { N: number; tables: Record<string, { columns: { N: number }[] }> };
    return { report, fromSnapshot: /counted from the wave's dataset saved beside the database/.test(run.stderr) };
  };
  /** Stores the second study's responses number `n` (test/support/buurt.ts) with the database opened directly. */
  const answer = async (...n: number[]) => {
    const database = await openDatabase({ dataDir });
    try {
      await database.migrate();
      await syncStudy(database.db, loadStudy(BUURT_STUDY_DIR));
      for (const i of n) await storeBuurtResponse(database.db, BUURT_RESPONSES[i]!);
    } finally {
      await database.close();
    }
  };

  before(() => answer(0, 1, 4));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the database on the first run and counts from the saved dataset on the next, with the same tables', () => {
    const first = tables();
    const second = tables();
    assert.deepEqual([first.fromSnapshot, second.fromSnapshot], [false, true]);
    assert.deepEqual(second.report, first.report);
    assert.equal(first.report.N, 3);
  });

  it('no longer trusts the saved dataset once an answer is written, and counts the new answer', async () => {
    await answer(5);
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
