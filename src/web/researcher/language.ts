// The workspace language a researcher chose, remembered: a ?taal= in any workspace address sets a cookie
// (SameSite=Strict, the workspace's path), and pages without ?taal= read it (auth.ts langOf). Not a secret,
// so no signature; an unknown value is ignored.
import type { MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { isLanguage } from '../../questionnaire/types.ts';

export const LANGUAGE_COOKIE = 'pp_taal';
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Remembers ?taal= for the next pages. */
export function rememberLanguage(secure: boolean): MiddlewareHandler {
  return async (c, next) => {
    const chosen = c.req.query('taal');
    if (isLanguage(chosen)) {
      setCookie(c, LANGUAGE_COOKIE, chosen, { path: '/onderzoek', sameSite: 'Strict', httpOnly: true, secure, maxAge: ONE_YEAR_S });
    }
    await next();
  };
}
