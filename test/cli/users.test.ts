// `perspectief users` on an embedded database in a temporary folder: add (a generated password printed
// once, or one from an environment variable held to the rules), list, a new password and disabling (both
// end the account's sessions), and PERSPECTIEF_DEMO_PASSWORD held to the same rules.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { createSession, findSession, findUserByName } from '../../src/storage/users.ts';
import { verifyPassword } from '../../src/web/researcher/password.ts';
import { KORT_STUDY_DIR } from '../support/db.ts';

describe('perspectief users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-users-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { PERSPECTIEF_DATA_DIR: join(dir, 'data'), PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR };

  const run = async (args: string[], extra: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { ...env, ...extra }, cwd: process.cwd() };
    const code = await main(args, io);
    return { code, out: out.join(''), err: err.join('') };
  };
  /** Runs `body` on the command's database (closed again before the next command opens it). */
  const onDatabase = async <T>(body: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ dataDir: env.PERSPECTIEF_DATA_DIR });
    try {
      return await body(database.db);
    } finally {
      await database.close();
    }
  };

  it('adds an account with a generated password printed once, or with one from an environment variable', async () => {
    const added = await run(['users', 'add', 'fatima', '--role', 'researcher']);
    assert.equal(added.code, 0, added.err);
    const password = /password \(shown only this once\): (\S+)/.exec(added.out)?.[1];
    assert.ok(password && password.length >= 16, added.out);
    const stored = await onDatabase((db) => findUserByName(db, 'fatima'));
    assert.equal(stored?.role, 'researcher');
    assert.ok(await verifyPassword(password, stored.passwordHash));
    const fromEnv = await run(['users', 'add', 'yusuf', '--role', 'admin', '--password-env', 'NEW_PW'], { NEW_PW: 'zon zee en strand' });
    assert.equal(fromEnv.code, 0, fromEnv.err);
    assert.doesNotMatch(fromEnv.out, /password/, 'nothing printed: the password came from the variable');
    const listed = await run(['users', 'list']);
    assert.match(listed.out, /^fatima\s+researcher\s+active\s+password changed \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
    assert.match(listed.out, /^yusuf\s+admin\s+active/m);
  });

  it('refuses weak passwords, unknown roles and names, naming the problem, and changes nothing', async () => {
    const short = await run(['users', 'add', 'kees', '--role', 'researcher', '--password-env', 'PW'], { PW: 'kort' });
    assert.equal(short.code, 2);
    assert.match(short.err, /the password in PW is too short: use at least 12 characters/);
    const common = await run(['users', 'add', 'kees', '--role', 'researcher', '--password-env', 'PW'], { PW: 'password12345678' });
    assert.match(common.err, /is a common password/);
    const role = await run(['users', 'add', 'kees', '--role', 'baas']);
    assert.match(role.err, /--role must be one of admin, researcher, qualitative, partner/);
    const name = await run(['users', 'add', 'k', '--role', 'researcher']);
    assert.match(name.err, /a user name has 2 to 64 letters/);
    assert.equal(await onDatabase((db) => findUserByName(db, 'kees')), null);
    const twice = await run(['users', 'add', 'fatima', '--role', 'researcher']);
    assert.equal(twice.code, 1);
    assert.match(twice.err, /there is already an account "fatima"/);
    const nobody = await run(['users', 'disable', 'niemand']);
    assert.match(nobody.err, /there is no account "niemand"/);
  });

  it('sets a new password and disables an account, and both end its sessions', async () => {
    const sessionOf = async () =>
      onDatabase(async (db) => (await createSession(db, (await findUserByName(db, 'fatima'))!.id, 3_600_000)).secret);
    const alive = async (secret: string) => onDatabase(async (db) => (await findSession(db, secret, { idleMs: 60_000 })) !== null);
    const before = await sessionOf();
    assert.ok(await alive(before));
    const changed = await run(['users', 'password', 'fatima', '--password-env', 'PW'], { PW: 'een nieuwe lange zin' });
    assert.equal(changed.code, 0, changed.err);
    assert.equal(await alive(before), false, 'the session from before the new password has ended');
    assert.ok(await verifyPassword('een nieuwe lange zin', (await onDatabase((db) => findUserByName(db, 'fatima')))!.passwordHash));
    const later = await sessionOf();
    assert.equal((await run(['users', 'disable', 'fatima'])).code, 0);
    assert.equal(await alive(later), false, 'disabling ends the sessions');
    assert.match((await run(['users', 'list'])).out, /^fatima\s+researcher\s+disabled/m);
    assert.equal((await run(['users', 'enable', 'fatima'])).code, 0);
    assert.match((await run(['users', 'list'])).out, /^fatima\s+researcher\s+active/m);
    const actions = await onDatabase(async (db) =>
      (
        (await db.execute<{ action: string }>(sql`select action from audit_log where detail->>'user' = 'fatima' order by id`)) as {
          rows: { action: string }[];
        }
      ).rows.map((r) => r.action),
    );
    assert.deepEqual(actions, ['user-added', 'password-changed', 'user-disabled', 'user-enabled']);
  });

  it('refuses a weak PERSPECTIEF_DEMO_PASSWORD before serving anything', async () => {
    const weak = await run(['serve', '--port', '0'], { PERSPECTIEF_DEMO_PASSWORD: 'a' });
    assert.equal(weak.code, 2);
    assert.match(weak.err, /PERSPECTIEF_DEMO_PASSWORD is too short: use at least 12 characters/);
  });
});
