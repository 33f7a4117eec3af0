// The demo and report commands: help, usage errors, `report tables --json` on an embedded database left
// empty (PERSPECTIEF_DEMO=0 keeps the demo out), and through the real executable its synthetic label.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/command.ts';
import { demoCommand } from '../../src/cli/demo.ts';
import { reportCommand } from '../../src/cli/report.ts';
import { demoWave, isDemoChannel, loadDemoIfEmpty } from '../../src/demo/index.ts';
import { openDatabase, type Database } from '../../src/storage/db.ts';
import { createResponse, savePage } from '../../src/storage/responses.ts';
import { syncStudy } from '../../src/storage/studies.ts';
import { loadStudy } from '../../src/study/load.ts';
import { KORT_STUDY_DIR } from '../support/db.ts';

const io = (env: Record<string, string>) => {
  const out = { stdout: '', stderr: '' };
  const value: CliIO = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env, cwd: process.cwd() };
  return { io: value, out };
};

describe('demo and report commands', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('explain themselves and say the demo data are synthetic', () => {
    assert.match(demoCommand.help, /demo generate \[--seed N\]/);
    assert.match(demoCommand.help, /demo reset/);
    assert.match(demoCommand.help, /No real person/);
    assert.match(reportCommand.help, /report tables \[--json\] \[--wave ID\]/);
    assert.match(reportCommand.help, /report validate/);
  });

  it('refuse unknown subcommands and bad seeds', async () => {
    await assert.rejects(demoCommand.run(['explode'], io({}).io), /demo generate/);
    await assert.rejects(demoCommand.run(['generate', '--seed', 'x'], io({}).io), /--seed must be a whole number/);
    await assert.rejects(reportCommand.run(['explode'], io({}).io), /unknown subcommand "explode"/);
    await assert.rejects(reportCommand.run([], io({}).io), /"report tables" or "report validate"/);
    await assert.rejects(reportCommand.run(['tables', '--lang', 'ar'], io({}).io), /--lang must be nl or en/);
  });

  it('says which questionnaire is missing when a study cannot hold the demo', async () => {
    const { io: cli } = io({ PERSPECTIEF_DATA_DIR: join(dir, 'kort'), PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR });
    await assert.rejects(
      demoCommand.run(['generate'], cli),
      /cannot generate the demo for this study: the demo needs questionnaire wi2021-asiel in the wave/,
    );
  });

  it('loads the demo only into an empty embedded database, and not when switched off', async () => {
    const untouchable = new Proxy({}, { get: () => assert.fail('the database must not be used') });
    const fake = (kind: 'postgres' | 'pglite') =>
      ({ kind, db: untouchable, location: kind, migrate: async () => {}, close: async () => {} }) as unknown as Database;
    const study = loadStudy();
    assert.equal(await loadDemoIfEmpty(fake('postgres'), study, { stderr: () => {} }), false);
    assert.equal(await loadDemoIfEmpty(fake('pglite'), study, { stderr: () => {}, env: { PERSPECTIEF_DEMO: '0' } }), false);
    assert.ok(isDemoChannel('demo-duo-brief') && !isDemoChannel('duo-brief'));
  });

  it('prints every table as JSON from an empty database', async () => {
    const { io: cli, out } = io({ PERSPECTIEF_DATA_DIR: dir, PERSPECTIEF_DEMO: '0' });
    assert.equal(await reportCommand.run(['tables', '--json'], cli), 0);
    const { tables, synthetic } = JSON.parse(out.stdout) as {
      synthetic: boolean;
      tables: Record<string, { title: string; N: number; columns?: { label: string; N: number }[] }>;
    };
    assert.equal(synthetic, false);
    assert.doesNotMatch(out.stderr, /SYNTHETIC/);
    assert.equal(tables['3.1']?.title, "'Door de inburgering voel ik mij goed voorbereid op een baan in Nederland', per type inburgeraar");
    assert.equal(tables['3.1'].N, 0);
    assert.deepEqual(
      tables['3.1'].columns?.map((c) => c.label),
      ['Wi2021-asiel', 'Wi2021-gezin', 'Wi2013-asiel', 'Wi2013-gezin'],
    );
    assert.ok(tables['B.4.14']);
    // JSON is the only format of "report tables": without --json it prints the same (issue 13, item 11).
    const plain = io({ PERSPECTIEF_DATA_DIR: dir, PERSPECTIEF_DEMO: '0' });
    assert.equal(await reportCommand.run(['tables'], plain.io), 0, plain.out.stderr);
    assert.equal(plain.out.stdout, out.stdout);
  });

  it('marks the tables as synthetic when the wave holds demo responses, through the real executable', async () => {
    const dataDir = join(dir, 'synthetic');
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const study = loadStudy();
    await syncStudy(database.db, study);
    const wave = demoWave(study);
    const asiel = wave.questionnaires.find((q) => q.id === 'wi2021-asiel')!;
    for (const channel of ['demo-duo-brief', 'duo-brief']) {
      const { response } = await createResponse(database.db, {
        questionnaireId: asiel.id,
        questionnaireVersion: asiel.version,
        waveId: wave.id,
        language: 'nl',
        channel,
      });
      await savePage(database.db, { responseId: response.id, answers: new Map(), remove: [], currentPage: null, completed: true });
    }
    await database.close();
    const env = { ...process.env, PERSPECTIEF_DATA_DIR: dataDir, DATABASE_URL: '', PERSPECTIEF_DEMO: '0' };
    const run = spawnSync(process.execPath, ['bin/perspectief.js', 'report', 'tables', '--json'], {
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { synthetic: boolean; note: string; wave: string; tables: Record<string, unknown> };
    assert.deepEqual(Object.keys(report).slice(0, 3), ['synthetic', 'note', 'wave'], 'the label comes first');
    assert.equal(report.synthetic, true);
    assert.match(
      report.note,
      /^SYNTHETIC DATA: 1 of the 2 responses in wave inburgeraars:2024 that these tables count are invented demo respondents/,
    );
    assert.ok(run.stderr.includes(report.note), 'stderr says it too');
    assert.ok(report.tables['3.1']);
  });
});
