// Logging in and out of the researcher workspace. Failed logins are throttled per account and per address
// (counters in the database, so across serving processes): an account with 10 failures in 15 minutes, or
// an address with 30, is refused without looking at the password until the window passes, so guessing
// stays slow even with the right password in the list. A login costs one scrypt whether or not the name
// exists (unknown names and disabled accounts are checked against a stand-in hash), and every attempt is
// audited with the name given and the client's address. Hashes made with older parameters are made again.
import { Hono, type Context } from 'hono';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import { audit, createSession, deleteSession, findUserByName, replaceHash } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { Layout, page } from '../layout.tsx';
import { clientAddress, keyer, limiter } from '../limits.ts';
import {
  clearSessionCookie,
  langOf,
  loginCsrfToken,
  LOGIN_CSRF_COOKIE,
  readCookie,
  sameToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  setSessionCookie,
  type ResearcherEnv,
} from './auth.ts';
import { field, readFormBody } from './form-body.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';

const QUARTER = 15 * 60_000;
export const LOGIN_FAILURES_PER_ACCOUNT = { scope: 'login-account', max: 10, windowMs: QUARTER } as const;
export const LOGIN_FAILURES_PER_ADDRESS = { scope: 'login-address', max: 30, windowMs: QUARTER } as const;

type LoginState = 'form' | 'failed' | 'throttled';

export function LoginPage({ catalog, lang, csrf, state = 'form' }: { catalog: Catalog; lang: Language; csrf: string; state?: LoginState }) {
  const t = catalog.t.bind(catalog, lang);
  return (
    <Layout lang={lang} title={`${t('r.login.title')} · ${t('r.title')}`}>
      <h1>{t('r.login.title')}</h1>
      {state !== 'form' ? (
        <p class="errors" role="alert">
          {t(state === 'failed' ? 'r.login.failed' : 'r.login.throttled')}
        </p>
      ) : null}
      <form method="post" action="/onderzoek/login">
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label for="username">{t('r.login.username')}</label>
          <input type="text" id="username" name="username" autocomplete="username" required />
        </p>
        <p>
          <label for="password">{t('r.login.password')}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('r.login.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** GET and POST /login; mounted before the session check. */
export function loginRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, db, secureCookies } = deps;
  const hash = keyer(db);
  const perAccount = limiter(db, LOGIN_FAILURES_PER_ACCOUNT, deps.clock);
  const perAddress = limiter(db, LOGIN_FAILURES_PER_ADDRESS, deps.clock);
  const standIn = dummyHash();
  void standIn(); // made now, so the first unknown name costs no more than any other

  const show = async (c: Context, csrf: string, state: LoginState, status: 200 | 401 | 429 = 200) =>
    c.html(await page(<LoginPage catalog={catalog} lang={langOf(c)} csrf={csrf} state={state} />), status);

  app.get('/login', (c) => show(c, loginCsrfToken(c, secureCookies), 'form'));

  app.post('/login', async (c) => {
    // Without the form's cookie the post cannot be ours: refused before its body is read.
    const expected = readCookie(c, LOGIN_CSRF_COOKIE, secureCookies);
    if (!expected) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const body = await readFormBody(c);
    if (!body) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!sameToken(body['_csrf'], expected)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const username = field(body, 'username').slice(0, 200);
    const password = field(body, 'password').slice(0, 1000);
    const address = clientAddress(c, deps.proxyHops ?? 0);
    const [accountKey, addressKey] = await Promise.all([hash(`user:${username.toLowerCase()}`), hash(`address:${address}`)]);
    const [accountFailures, addressFailures] = await Promise.all([perAccount.count(accountKey), perAddress.count(addressKey)]);
    if (accountFailures >= perAccount.max || addressFailures >= perAddress.max) {
      await audit(db, { userId: null, action: 'login-throttled', detail: { username, address } });
      return show(c, expected, 'throttled', 429);
    }
    const user = await findUserByName(db, username);
    const usable = user !== null && !user.disabled;
    const ok = (await verifyPassword(password, usable ? user.passwordHash : await standIn())) && usable;
    if (!ok) {
      await Promise.all([perAccount.attempt(accountKey), perAddress.attempt(addressKey)]);
      const reason = user === null ? 'unknown-user' : user.disabled ? 'disabled' : 'wrong-password';
      await audit(db, { userId: user?.id ?? null, action: 'login-failed', detail: { username, address, reason } });
      return show(c, expected, 'failed', 401);
    }
    await perAccount.clear(accountKey);
    if (needsRehash(user.passwordHash)) await replaceHash(db, user.id, user.passwordHash, await hashPassword(password));
    const { secret } = await createSession(db, user.id, SESSION_TTL_MS, new Date((deps.clock ?? Date.now)()));
    setSessionCookie(c, secret, secureCookies);
    await audit(db, { userId: user.id, action: 'login', detail: { address } });
    return c.redirect(user.role === 'partner' ? '/onderzoek/partner' : '/onderzoek', 303);
  });

  return app;
}

/** POST /logout; mounted after the session check. */
export function logoutHandler(deps: AppDeps) {
  return async (c: Context<ResearcherEnv>) => {
    const body = await readFormBody(c);
    if (!body) return c.text(deps.catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!sameToken(body['_csrf'], c.get('session').csrfToken)) return c.text(deps.catalog.t(langOf(c), 'r.csrf'), 403);
    const secret = readCookie(c, SESSION_COOKIE, deps.secureCookies);
    if (secret) await deleteSession(deps.db, secret);
    clearSessionCookie(c, deps.secureCookies);
    return c.redirect('/onderzoek/login', 303);
  };
}
