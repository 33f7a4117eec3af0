// Researcher accounts over HTTP (issue 13, items 4 and 7): logins throttled per account and per address,
// the same work for a name that does not exist, audited with name and address; sessions that end on a
// password change, on disabling and after 30 idle minutes; __Host- cookies over https; an admin page for
// accounts; old scrypt hashes verified and made again; every body limited and malformed ones refused.
import assert from 'node:assert/strict';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createUser, findUserByName } from '../../src/storage/users.ts';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS } from '../../src/web/researcher/login.tsx';
import { hashPassword, SCRYPT_PARAMS } from '../../src/web/researcher/password.ts';
import { SESSION_IDLE_MS } from '../../src/web/researcher/auth.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');

/** Counts scrypt runs by their cost parameter N while `body` runs (node:crypto's ESM exports follow the patched builtin). */
async function countScrypt(body: () => Promise<void>): Promise<number[]> {
  const original = crypto.scrypt;
  const seen: number[] = [];
  (crypto as { scrypt: unknown }).scrypt = (...args: unknown[]) => {
    seen.push((args[3] as { N: number }).N);
    return (original as (...a: unknown[]) => void)(...args);
  };
  syncBuiltinESMExports();
  try {
    await body();
  } finally {
    (crypto as { scrypt: unknown }).scrypt = original;
    syncBuiltinESMExports();
  }
  return seen;
}

let nextAddress = 1;
const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${nextAddress++}` });

describe(`researcher accounts over HTTP on ${backendName()}`, () => {
  let t: TestDatabase;
  let clock = Date.now();
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase();
    app = testApp(t, { proxyHops: 1, clock: () => clock });
    await createUser(t.db, { username: 'beheer', passwordHash: await hashPassword('beheerder wachtwoord'), role: 'admin' });
  });
  after(async () => t.close());

  const login = async (username: string, password: string, browser = new Browser(app, fromNewAddress())) => {
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username, password } });
    return { browser, res };
  };
  const addUser = async (username: string, password: string, role = 'researcher' as const) =>
    createUser(t.db, { username, passwordHash: await hashPassword(password), role });
  const auditOf = async (action: string) =>
    (
      (await t.db.execute<{ detail: Record<string, unknown> }>(sql`select detail from audit_log where action = ${action} order by id`)) as {
        rows: { detail: Record<string, unknown> }[];
      }
    ).rows.map((r) => r.detail);

  it('refuses the right password after 10 wrong ones for the account, until the window passes', async () => {
    await addUser('doelwit', 'het goede wachtwoord');
    for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT.max; i++) assert.equal((await login('doelwit', `fout ${i}`)).res.status, 401);
    const refused = await login('doelwit', 'het goede wachtwoord');
    assert.equal(refused.res.status, 429);
    assert.match(await refused.res.text(), /Te veel mislukte pogingen/);
    assert.equal((await login('DOELWIT', 'het goede wachtwoord')).res.status, 429, 'the name in another case is the same account');
    assert.equal((await auditOf('login-throttled')).at(-1)?.['username'], 'DOELWIT');
    clock += LOGIN_FAILURES_PER_ACCOUNT.windowMs + 1;
    assert.equal((await login('doelwit', 'het goede wachtwoord')).res.status, 303, 'the window passed');
  });

  it('refuses an address after 30 failures, whatever names it tries, and not another address', async () => {
    await addUser('iemand', 'een ander wachtwoord');
    const address = fromNewAddress();
    for (let i = 0; i < LOGIN_FAILURES_PER_ADDRESS.max; i++) {
      assert.equal((await login(`naam${i}`, 'geraden', new Browser(app, address))).res.status, 401);
    }
    assert.equal((await login('iemand', 'een ander wachtwoord', new Browser(app, address))).res.status, 429);
    assert.equal((await login('iemand', 'een ander wachtwoord')).res.status, 303);
  });

  it('audits failed logins with the name given, the address and why', async () => {
    await addUser('anna', 'annas wachtwoord is lang');
    const address = fromNewAddress();
    await login('anna', 'fout', new Browser(app, address));
    await login('niemand', 'fout', new Browser(app, address));
    const [wrong, unknown] = (await auditOf('login-failed')).slice(-2);
    assert.deepEqual(wrong, { username: 'anna', address: address['x-forwarded-for'], reason: 'wrong-password' });
    assert.deepEqual(unknown, { username: 'niemand', address: address['x-forwarded-for'], reason: 'unknown-user' });
  });

  it('does the same work for a name that does not exist as for one that does: one scrypt with today’s cost', async () => {
    await addUser('bekend', 'bekend wachtwoord 123');
    await login('nog-niemand', 'warm up'); // the stand-in hash is made once per app
    const known = await countScrypt(async () => void (await login('bekend', 'fout wachtwoord')));
    const unknown = await countScrypt(async () => void (await login('onbekend', 'fout wachtwoord')));
    assert.deepEqual(known, [SCRYPT_PARAMS.N]);
    assert.deepEqual(unknown, [SCRYPT_PARAMS.N]);
  });

  it('verifies a hash made with the old scrypt cost (N = 2^14) and makes it again with OWASP’s (N = 2^17, r = 8, p = 1) at login', async () => {
    const old = await hashPassword('oud maar goed wachtwoord', { N: 16384, r: 8, p: 1 });
    await createUser(t.db, { username: 'oud', passwordHash: old, role: 'researcher' });
    assert.equal((await login('oud', 'oud maar goed wachtwoord')).res.status, 303);
    const stored = (await findUserByName(t.db, 'oud'))!.passwordHash;
    // OWASP Password Storage Cheat Sheet: scrypt with N = 2^17 (131072), r = 8, p = 1 at least.
    assert.match(stored, /^scrypt\$131072\$8\$1\$/);
    assert.equal((await login('oud', 'oud maar goed wachtwoord')).res.status, 303, 'and the new hash verifies');
  });

  it('ends a session after 30 minutes without a request, and keeps one that is used', async () => {
    await addUser('slaper', 'slaper wachtwoord 42');
    const { browser } = await login('slaper', 'slaper wachtwoord 42');
    clock += SESSION_IDLE_MS - 60_000;
    assert.equal((await browser.request('/onderzoek')).status, 200);
    clock += SESSION_IDLE_MS - 60_000;
    assert.equal((await browser.request('/onderzoek')).status, 200, 'used 29 minutes ago');
    clock += SESSION_IDLE_MS + 1;
    const res = await browser.request('/onderzoek');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/onderzoek/login');
  });

  it('lets an admin add, disable and enable accounts and set passwords; a new password or disabling ends the sessions', async () => {
    const admin = (await login('beheer', 'beheerder wachtwoord')).browser;
    let page = await (await admin.request('/onderzoek/gebruikers')).text();
    const csrf = hiddenValue(page, '_csrf');
    const weak = await admin.request('/onderzoek/gebruikers', {
      form: { _csrf: csrf, username: 'nieuw', role: 'researcher', password: 'kort' },
    });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /te kort: gebruik minstens 12 tekens/);
    const common = await admin.request('/onderzoek/gebruikers', {
      form: { _csrf: csrf, username: 'nieuw', role: 'researcher', password: 'Wachtwoord2024!' },
    });
    assert.match(await common.text(), /wordt veel gebruikt/);
    assert.equal((await admin.request('/onderzoek/gebruikers', { form: { username: 'x' } })).status, 403, 'CSRF');
    const added = await admin.request('/onderzoek/gebruikers', {
      form: { _csrf: csrf, username: 'nieuw', role: 'researcher', password: 'drie woorden lang genoeg' },
    });
    assert.equal(added.status, 303);
    const user = (await findUserByName(t.db, 'nieuw'))!;
    const session = (await login('nieuw', 'drie woorden lang genoeg')).browser;
    assert.equal((await session.request('/onderzoek')).status, 200);
    assert.equal((await session.request('/onderzoek/gebruikers')).status, 403, 'researchers do not manage accounts');

    const changed = await admin.request(`/onderzoek/gebruikers/${user.id}/wachtwoord`, {
      form: { _csrf: csrf, password: 'een heel ander wachtwoord' },
    });
    assert.equal(changed.status, 303);
    assert.equal((await session.request('/onderzoek')).status, 303, 'the session before the change has ended');
    assert.equal((await login('nieuw', 'drie woorden lang genoeg')).res.status, 401);
    const again = (await login('nieuw', 'een heel ander wachtwoord')).browser;
    assert.equal((await again.request('/onderzoek')).status, 200);

    assert.equal((await admin.request(`/onderzoek/gebruikers/${user.id}/status`, { form: { _csrf: csrf, disabled: '1' } })).status, 303);
    assert.equal((await again.request('/onderzoek')).status, 303, 'disabling ends the session');
    assert.equal((await login('nieuw', 'een heel ander wachtwoord')).res.status, 401, 'a disabled account cannot log in');
    page = await (await admin.request('/onderzoek/gebruikers')).text();
    assert.match(page, /<td>nieuw<\/td><td>Onderzoeker<\/td><td>Uitgeschakeld<\/td>/);
    assert.equal((await admin.request(`/onderzoek/gebruikers/${user.id}/status`, { form: { _csrf: csrf, disabled: '0' } })).status, 303);
    assert.equal((await login('nieuw', 'een heel ander wachtwoord')).res.status, 303);
    const actions = (
      (await t.db.execute<{ action: string }>(sql`select action from audit_log where detail->>'user' = 'nieuw' order by id`)) as {
        rows: { action: string }[];
      }
    ).rows.map((r) => r.action);
    assert.deepEqual(actions, ['user-added', 'password-changed', 'user-disabled', 'user-enabled']);
  });

  it('answers an address the workspace does not have with a page of the workspace, not a bare text', async () => {
    const admin = (await login('beheer', 'beheerder wachtwoord')).browser;
    const res = await admin.request('/onderzoek/bestaat-niet?taal=en');
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /^<!doctype html><html lang="en"/);
    assert.match(html, /<h1>This page does not exist\.<\/h1>/);
    assert.match(html, /<a href="\/onderzoek">/);
  });

  it('sends __Host- cookies (Secure, Path=/) over https, and they log in', async () => {
    const secure = testApp(t, { secureCookies: true, proxyHops: 1, clock: () => clock });
    const browser = new Browser(secure, fromNewAddress());
    const form = await browser.request('/onderzoek/login');
    assert.match(form.headers.get('set-cookie')!, /^__Host-pp_login_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const res = await browser.request('/onderzoek/login', {
      form: { _csrf: hiddenValue(await form.text(), '_csrf'), username: 'beheer', password: 'beheerder wachtwoord' },
    });
    assert.equal(res.status, 303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-pp_session='))!;
    assert.match(cookie, /Path=\/;.*HttpOnly; Secure; SameSite=Strict/);
    assert.doesNotMatch(cookie, /Domain=/);
    assert.equal((await browser.request('/onderzoek')).status, 200);
  });

  it('limits every researcher body before it is read, and answers a malformed one with 400', async () => {
    const browser = new Browser(app, fromNewAddress());
    const form = await (await browser.request('/onderzoek/login')).text();
    const csrf = hiddenValue(form, '_csrf');
    const big = await browser.request('/onderzoek/login', { body: `_csrf=${csrf}&username=x&password=${'p'.repeat(1024 * 1024)}` });
    assert.equal(big.status, 413);
    const multipart = { contentType: 'multipart/form-data; boundary=b', body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx' };
    assert.equal((await browser.request('/onderzoek/login', multipart)).status, 400);
    const admin = (await login('beheer', 'beheerder wachtwoord')).browser;
    for (const path of ['/onderzoek/sessies', '/onderzoek/audio', '/onderzoek/gebruikers', '/onderzoek/logout']) {
      assert.equal((await admin.request(path, multipart)).status, 400, path);
    }
    const huge = await admin.request('/onderzoek/audio', {
      contentType: 'multipart/form-data; boundary=b',
      body: `--b\r\nContent-Disposition: form-data; name="file"; filename="a.mp3"\r\n\r\n${'x'.repeat(11 * 1024 * 1024)}\r\n--b--\r\n`,
    });
    assert.equal(huge.status, 413);
    const withoutCookie = await new Browser(app).request('/onderzoek/login', {
      form: { username: 'beheer', password: 'beheerder wachtwoord' },
    });
    assert.equal(withoutCookie.status, 403, 'no login form cookie: refused before the body is read');
  });
});
