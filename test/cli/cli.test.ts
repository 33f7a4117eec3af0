// The `perspectief` command as a user runs it: help on every command, clear errors for bad options, and
// migrate → export on an embedded database in a temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { COMMANDS, main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/command.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { createResponse } from '../../src/storage/responses.ts';
import { syncStudy } from '../../src/storage/studies.ts';
import { loadStudy } from '../../src/study/load.ts';
import { KORT_STUDY_DIR } from '../support/db.ts';

const capture = (env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, cwd: process.cwd() };
  return { io, out: () => out.join(''), err: () => err.join('') };
};

describe('perspectief CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help for the program and for every command', async () => {
    const top = capture();
    assert.equal(await main(['--help'], top.io), 0);
    for (const command of COMMANDS) {
      assert.ok(top.out().includes(command.name));
      const c = capture();
      assert.equal(await main([command.name, '--help'], c.io), 0);
      assert.match(c.out(), /^Usage: perspectief /);
    }
  });

  it('names the problem for unknown commands and options, without a stack trace', async () => {
    const unknown = capture();
    assert.equal(await main(['frobnicate'], unknown.io), 2);
    assert.match(unknown.err(), /unknown command "frobnicate"/);
    const badOption = capture();
    assert.equal(await main(['export', '--colour', 'red'], badOption.io), 2);
    assert.match(badOption.err(), /Unknown option '--colour'/);
    const badFormat = capture();
    assert.equal(await main(['export', '--format', 'xls', '--out', 'x'], badFormat.io), 2);
    assert.match(badFormat.err(), /--format must be one of: csv, xlsx, sav \(got "xls"\)/);
    const workersWithoutPostgres = capture();
    assert.equal(await main(['serve', '--workers', '2'], workersWithoutPostgres.io), 2);
    assert.match(workersWithoutPostgres.err(), /--workers 2 needs PostgreSQL \(DATABASE_URL\)/);
    const badWorkers = capture({ DATABASE_URL: 'postgres://nowhere/x' });
    assert.equal(await main(['serve', '--workers', 'many'], badWorkers.io), 2);
    assert.match(badWorkers.err(), /--workers must be a whole number from 1 to 999 or "auto", not "many"/);
    const badPool = capture({ PERSPECTIEF_DB_POOL: 'lots' });
    assert.equal(await main(['migrate'], badPool.io), 1);
    assert.match(badPool.err(), /PERSPECTIEF_DB_POOL must be a whole number of connections from 1 to 999, not "lots"/);
    for (const text of [unknown.err(), badOption.err(), badFormat.err(), workersWithoutPostgres.err(), badWorkers.err(), badPool.err()])
      assert.doesNotMatch(text, /\n\s+at /);
  });

  it('migrates and exports an embedded database through the real executable, without a synthetic notice for real data', () => {
    const env = {
      ...process.env,
      PERSPECTIEF_DATA_DIR: join(dir, 'data'),
      PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR,
      DATABASE_URL: '',
      PERSPECTIEF_DEMO: '0',
    };
    const migrate = spawnSync(process.execPath, ['bin/perspectief.js', 'migrate'], { env, encoding: 'utf8' });
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /database is up to date \(pglite/);
    const out = join(dir, 'answers.csv');
    const exported = spawnSync(process.execPath, ['bin/perspectief.js', 'export', '--format', 'csv', '--out', out], {
      env,
      encoding: 'utf8',
    });
    assert.equal(exported.status, 0, exported.stderr);
    const header = readFileSync(out, 'utf8').split('\r\n')[0]!;
    assert.ok(header.startsWith('\ufeffresponse_id,questionnaire,questionnaire_version,wave,language,channel,status'));
    assert.ok(header.includes('Q2.14_3') && header.includes('Q2.01_anders'));
    assert.doesNotMatch(exported.stderr, /SYNTHETIC/);
  });

  it('says on stderr and in a read-me next to the file that an export holds synthetic responses', async () => {
    const dataDir = join(dir, 'data-demo');
    const database = await openDatabase({ dataDir });
    await database.migrate();
    await syncStudy(database.db, loadStudy(KORT_STUDY_DIR));
    for (const channel of ['demo-duo-brief', 'duo-brief']) {
      await createResponse(database.db, {
        questionnaireId: 'kort',
        questionnaireVersion: 1,
        waveId: 'inburgeraars:2024',
        language: 'nl',
        channel,
      });
    }
    await database.close();
    const env = {
      ...process.env,
      PERSPECTIEF_DATA_DIR: dataDir,
      PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR,
      DATABASE_URL: '',
      PERSPECTIEF_DEMO: '0',
    };
    const out = join(dir, 'demo-answers.csv');
    // Both responses are unfinished: --all counts them.
    const exported = spawnSync(process.execPath, ['bin/perspectief.js', 'export', '--format', 'csv', '--all', '--out', out], {
      env,
      encoding: 'utf8',
    });
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(
      exported.stderr,
      /SYNTHETIC DATA: 1 of the 2 responses in this export are invented demo respondents \(channel "demo-\.\.\."\)/,
    );
    assert.match(exported.stderr, /demo-answers\.README\.txt: what the synthetic responses are/);
    const readme = readFileSync(join(dir, 'demo-answers.README.txt'), 'utf8');
    assert.match(readme, /^SYNTHETIC DATA - read this before using .*demo-answers\.csv/);
    assert.match(readme, /inburgeraars:2024: 1 synthetic of 2/);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    assert.ok(
      lines[0]!.startsWith('\ufeffresponse_id,questionnaire,questionnaire_version,wave,language,channel,status'),
      'the columns stay as they are',
    );
    assert.equal(lines.filter((l) => l.includes(',demo-duo-brief,')).length, 1);
  });

  it('creates invitation codes for letters: plain codes only in the file, links to the landing page', async () => {
    const env = {
      PERSPECTIEF_DATA_DIR: join(dir, 'data-inv'),
      PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR,
      PERSPECTIEF_BASE_URL: 'https://perspectief.example.nl/',
    };
    const out = join(dir, 'codes.csv');
    const bad = capture(env);
    assert.equal(await main(['invitations', 'create', '--count', 'many', '--out', out], bad.io), 2);
    assert.match(bad.err(), /--count must be a whole number from 1 to 1000000, not "many"/);
    const made = capture(env);
    assert.equal(await main(['invitations', 'create', '--count', '5', '--out', out], made.io), 0, made.err());
    const lines = readFileSync(out, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'code,link');
    assert.equal(lines.length, 6);
    for (const line of lines.slice(1)) assert.match(line, /^[A-Z0-9]{5}-[A-Z0-9]{5},https:\/\/perspectief\.example\.nl\/c\/[A-Z0-9]{10}$/);
    const counted = capture(env);
    assert.equal(await main(['invitations', 'count'], counted.io), 0);
    assert.equal(counted.out(), 'inburgeraars:2024: 5 invitations, 0 used\n');
  });

  it('says which study file is broken and where', async () => {
    const c = capture({ PERSPECTIEF_STUDY_DIR: join(dir, 'nowhere'), PERSPECTIEF_DATA_DIR: join(dir, 'data2') });
    assert.equal(await main(['migrate'], c.io), 1);
    assert.match(c.err(), /nowhere\/study\.json: cannot read the file \(ENOENT\)/);
  });

  it('takes over the lock of a process that is gone, and refuses a second live process on the same embedded database, naming it', async () => {
    const dataDir = join(dir, 'data-lock');
    mkdirSync(dataDir, { recursive: true });
    const lock = join(dataDir, 'perspectief.lock');
    const env = { PERSPECTIEF_DATA_DIR: dataDir, PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR };
    const first = capture(env);
    const holder = spawnSync('sh', ['-c', `echo $$ > ${lock}`]);
    assert.equal(holder.status, 0);
    // the pid written above is dead by now, so the lock is stale and is taken over
    assert.equal(await main(['migrate'], first.io), 0, first.err());
    writeFileSync(lock, `${process.ppid}\n`); // a process that is alive: the test's parent
    const second = capture(env);
    assert.equal(await main(['migrate'], second.io), 1);
    assert.match(second.err(), new RegExp(`in use by process ${process.ppid}`));
    rmSync(lock);
  });
});
