// The CLI while `perspectief serve` holds the embedded database (issue 12, item 5): a second terminal's
// `report tables --json`, `export` and `users list` reach the database through the serving process's socket in
// the data directory instead of being refused, the server keeps answering respondents meanwhile, and once
// it stops the socket is gone and the CLI opens the database itself again. The numbers are those of the
// second study's own test (test/analysis/second-study.test.ts: worked out by hand and, for the regression
// and alpha, by R), here with the answers written through the socket by another process.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database } from '../../src/storage/db.ts';
import { localSocketPath } from '../../src/storage/local-socket.ts';
import { BUURT_RESPONSES, BUURT_STUDY_DIR, storeBuurtResponse } from '../support/buurt.ts';
import { ifSet } from '../support/hooks.ts';

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/perspectief.js', 'serve', '--port', '0', '--host', '127.0.0.1'], { env });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += String(d);
      const m = /running at (http:\/\/localhost:\d+)\//.exec(output);
      if (m) resolve({ child, url: m[1]! });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

describe('the CLI while serve runs on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-serving-'));
  const dataDir = join(dir, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PERSPECTIEF_DATA_DIR: dataDir,
    PERSPECTIEF_STUDY_DIR: BUURT_STUDY_DIR,
    PERSPECTIEF_DEMO: '0',
    PERSPECTIEF_DEMO_PASSWORD: 'while serving test password',
  };
  delete env['DATABASE_URL'];
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/perspectief.js', ...args], { env, encoding: 'utf8' });
  let server: { child: ChildProcess; url: string };
  let database: Database;

  before(async () => {
    server = await startServer(env);
    // This test process is the "second terminal": it writes the answers through the server's socket.
    database = await openDatabase({ dataDir });
    for (const response of BUURT_RESPONSES) await storeBuurtResponse(database.db, response);
  });
  after(async () => {
    await ifSet(database)?.close();
    if (ifSet(server)?.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches the database through the serving process, not refused as "in use"', () => {
    assert.equal(database.ownedBy, server.child.pid);
    assert.match(database.location, new RegExp(`through process ${server.child.pid}`));
  });

  it('computes report tables --json from a second process with the numbers worked out by hand and by R', () => {
    const run = cli('report', 'tables', '--json');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      N: number;
      tables: Record<string, { columns: { N: number }[]; rows: { label: string; B?: number; values?: number[] }[]; adjR2?: number }>;
      reliability: { alpha: number; N: number }[];
    };
    assert.equal(report.N, 6);
    assert.deepEqual(
      report.tables['1']!.columns.map((c) => c.N),
      [2, 3],
    );
    assert.deepEqual(
      report.tables['4']!.rows.map((r) => [r.label, r.B]),
      [
        ['Constante', 5.929],
        ['Leeftijd', -0.058],
        ['Vrouw', 1.122],
      ],
    );
    assert.equal(report.tables['4']!.adjR2, 0.998);
    assert.deepEqual(
      report.reliability.map((r) => [r.alpha, r.N]),
      [[0.63, 4]],
    );
  });

  it('exports the completed responses to CSV from a second process', () => {
    const out = join(dir, 'buurt.csv');
    const run = cli('export', '--format', 'csv', '--out', out);
    assert.equal(run.status, 0, run.stderr);
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines.length, 1 + 6, lines.join('\n'));
  });

  it('lists the accounts from a second process', () => {
    const run = cli('users', 'list');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /onderzoeker\s+admin\s+active/);
  });

  it('keeps answering respondents meanwhile', async () => {
    const response = await fetch(`${server.url}/nl`);
    assert.equal(response.status, 200);
  });

  it('removes its socket when it stops, and the CLI then opens the database itself', async () => {
    await database.close();
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
    assert.equal(existsSync(localSocketPath(dataDir)), false);
    const run = cli('users', 'list');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /onderzoeker/);
  });
});
