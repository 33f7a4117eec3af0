// The `perspectief` command as a user runs it: help on every command, clear errors for bad options, and
// migrate → export on an embedded database in a temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { COMMANDS, main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/command.ts';
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
    assert.match(badFormat.err(), /--format must be one of: csv \(got "xls"\)/);
    for (const text of [unknown.err(), badOption.err(), badFormat.err()]) assert.doesNotMatch(text, /\n\s+at /);
  });

  it('migrates and exports an embedded database through the real executable', () => {
    const env = { ...process.env, PERSPECTIEF_DATA_DIR: join(dir, 'data'), PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR, DATABASE_URL: '', PERSPECTIEF_DEMO: '0' };
    const migrate = spawnSync(process.execPath, ['bin/perspectief.js', 'migrate'], { env, encoding: 'utf8' });
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /database is up to date \(pglite/);
    const out = join(dir, 'answers.csv');
    const exported = spawnSync(process.execPath, ['bin/perspectief.js', 'export', '--format', 'csv', '--out', out], { env, encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr);
    const header = readFileSync(out, 'utf8').split('\r\n')[0]!;
    assert.ok(header.startsWith('\ufeffresponse_id,questionnaire,questionnaire_version,wave,language,channel,status'));
    assert.ok(header.includes('Q2.14_3') && header.includes('Q2.01_anders'));
  });

  it('creates invitation codes for letters: plain codes only in the file, links to the landing page', async () => {
    const env = { PERSPECTIEF_DATA_DIR: join(dir, 'data-inv'), PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR, PERSPECTIEF_BASE_URL: 'https://perspectief.example.nl/' };
    const out = join(dir, 'codes.csv');
    const bad = capture(env);
    assert.equal(await main(['invitations', 'create', '--count', 'many', '--out', out], bad.io), 2);
    assert.match(bad.err(), /--count must be a whole number from 1 to 1000000, not "many"/);
    const made = capture(env);
    assert.equal(await main(['invitations', 'create', '--count', '5', '--out', out], made.io), 0, made.err());
    const lines = readFileSync(out, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
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

  it('refuses a second process on the same embedded database with a clear message', async () => {
    const env = { PERSPECTIEF_DATA_DIR: join(dir, 'data'), PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR };
    const first = capture(env);
    const holder = spawnSync('sh', ['-c', `echo $$ > ${join(dir, 'data', 'perspectief.lock')}; sleep 0`]);
    assert.equal(holder.status, 0);
    // the pid written above is dead by now, so the lock is stale and is taken over
    assert.equal(await main(['migrate'], first.io), 0, first.err());
    const live = spawnSync('sh', ['-c', `echo ${process.ppid} > ${join(dir, 'data', 'perspectief.lock')}`]);
    assert.equal(live.status, 0);
    const second = capture(env);
    assert.equal(await main(['migrate'], second.io), 1);
    assert.match(second.err(), new RegExp(`in use by process ${process.ppid}`));
    rmSync(join(dir, 'data', 'perspectief.lock'));
  });
});
