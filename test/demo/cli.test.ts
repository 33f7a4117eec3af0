// The demo and report commands in-process: help, usage errors, and `report tables --json` on an embedded
// database left empty (PERSPECTIEF_DEMO=0 keeps the demo out).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/command.ts';
import { demoCommand } from '../../src/cli/demo.ts';
import { reportCommand } from '../../src/cli/report.ts';
import { isDemoChannel, loadDemoIfEmpty } from '../../src/demo/index.ts';
import type { Database } from '../../src/storage/db.ts';
import { loadStudy } from '../../src/storage/study-files.ts';

const io = (env: Record<string, string>) => {
  const out = { stdout: '', stderr: '' };
  const value: CliIO = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env, cwd: process.cwd() };
  return { io: value, out };
};

describe('demo and report commands', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('explain themselves and say the demo data are synthetic', () => {
    assert.match(demoCommand.help, /demo generate \[--seed N\]/);
    assert.match(demoCommand.help, /demo reset/);
    assert.match(demoCommand.help, /No real person/);
    assert.match(reportCommand.help, /report tables --json \[--wave ID\]/);
  });

  it('refuse unknown subcommands and bad seeds', async () => {
    await assert.rejects(demoCommand.run(['explode'], io({}).io), /demo generate/);
    await assert.rejects(demoCommand.run(['generate', '--seed', 'x'], io({}).io), /--seed must be a whole number/);
    await assert.rejects(reportCommand.run(['tables'], io({}).io), /--json is required/);
    await assert.rejects(reportCommand.run(['figures', '--json'], io({}).io), /report tables --json/);
  });

  it('loads the demo only into an empty embedded database, and not when switched off', async () => {
    const untouchable = new Proxy({}, { get: () => assert.fail('the database must not be used') });
    const fake = (kind: 'postgres' | 'pglite') => ({ kind, db: untouchable, location: kind, migrate: async () => {}, close: async () => {} }) as unknown as Database;
    const study = loadStudy();
    assert.equal(await loadDemoIfEmpty(fake('postgres'), study, { stderr: () => {} }), false);
    assert.equal(await loadDemoIfEmpty(fake('pglite'), study, { stderr: () => {}, env: { PERSPECTIEF_DEMO: '0' } }), false);
    assert.ok(isDemoChannel('demo-duo-brief') && !isDemoChannel('duo-brief'));
  });

  it('prints every table as JSON from an empty database', async () => {
    const { io: cli, out } = io({ PERSPECTIEF_DATA_DIR: dir, PERSPECTIEF_DEMO: '0' });
    assert.equal(await reportCommand.run(['tables', '--json'], cli), 0);
    const { tables } = JSON.parse(out.stdout) as { tables: Record<string, { title: string; N: number; columns?: { label: string; N: number }[] }> };
    assert.equal(tables['3.1']?.title, "'Door de inburgering voel ik mij goed voorbereid op een baan in Nederland', per type inburgeraar");
    assert.equal(tables['3.1']?.N, 0);
    assert.deepEqual(tables['3.1']?.columns?.map((c) => c.label), ['Wi2021-asiel', 'Wi2021-gezin', 'Wi2013-asiel', 'Wi2013-gezin']);
    assert.ok(tables['B.4.14']);
  });
});
