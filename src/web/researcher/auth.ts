// Researcher sessions: an HttpOnly, SameSite=Strict cookie whose value is stored only as a hash, and a
// per-session CSRF token that every form post must echo. Before login a double-submit cookie guards the form.
// Over https the cookies carry the __Host- prefix (Secure, Path=/, no Domain: no other host or path can set
// or read them); over plain http (a researcher's own machine) they are limited to /onderzoek.
import type { Context, MiddlewareHandler } from 'hono';
import { isLanguage, type Language } from '../../questionnaire/types.ts';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../storage/db.ts';
import { newSecret } from '../../storage/tokens.ts';
import { findSession, type Role, type UserSession } from '../../storage/users.ts';
import { LANGUAGE_COOKIE } from './language.ts';

export const SESSION_COOKIE = 'pp_session';
export const LOGIN_CSRF_COOKIE = 'pp_login_csrf';
/** A session ends 8 hours after login, or after 30 minutes without a request (OWASP ASVS 4.0.3, V3.3.2). */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;

export type ResearcherEnv = { Variables: { session: UserSession } };

type CookieOptions = Parameters<typeof setCookie>[3] & {};

const cookieOptions = (secure: boolean): CookieOptions =>
  secure
    ? { httpOnly: true, sameSite: 'Strict', path: '/', secure: true, prefix: 'host' }
    : { httpOnly: true, sameSite: 'Strict', path: '/onderzoek', secure: false };

/** A cookie of ours as the browser sends it back (with its prefix over https). */
export const readCookie = (c: Context, name: string, secure: boolean): string | undefined =>
  secure ? getCookie(c, name, 'host') : getCookie(c, name);

export function setSessionCookie(c: Context, secret: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, secret, { ...cookieOptions(secure), maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(secure));
}

/** The login form's CSRF token: reuses the cookie's value or sets a new one. */
export function loginCsrfToken(c: Context, secure: boolean): string {
  const existing = readCookie(c, LOGIN_CSRF_COOKIE, secure);
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const token = newSecret();
  setCookie(c, LOGIN_CSRF_COOKIE, token, cookieOptions(secure));
  return token;
}

/** Constant-time comparison of two tokens. */
export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Requires a live session (see storage/users.ts findSession); otherwise redirects to the login page. */
export function requireSession(db: Db, secure: boolean, clock: () => number = Date.now): MiddlewareHandler<ResearcherEnv> {
  return async (c, next) => {
    const secret = readCookie(c, SESSION_COOKIE, secure);
    const session = secret ? await findSession(db, secret, { now: new Date(clock()), idleMs: SESSION_IDLE_MS }) : null;
    if (!session) return c.redirect('/onderzoek/login', 303);
    c.set('session', session);
    await next();
  };
}

/** Only these roles pass; others get 403 (partners see their own sessions, not the research data). */
export function requireRole(...roles: readonly Role[]): MiddlewareHandler<ResearcherEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('session').user.role)) return c.text('403', 403);
    await next();
  };
}

/** The researcher's language: ?taal=xx, else the one chosen before (language.ts remembers it), else Dutch. */
export const langOf = (c: Context): Language => {
  const q = c.req.query('taal');
  if (isLanguage(q)) return q;
  const remembered = getCookie(c, LANGUAGE_COOKIE);
  return isLanguage(remembered) ? remembered : 'nl';
};
