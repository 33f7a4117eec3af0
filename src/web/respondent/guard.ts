// Limits code guessing. Letter codes carry 44 bits, but with tens of thousands of letters out, an address
// that could try codes without limit would find someone's code in days; group-session codes are shorter
// still. Every answer that tells whether a code exists counts: a miss on any path (a response's pages and
// its withdrawal page, a letter's, a code typed in, a group or letter code carried by the filter questions).
// An address with `max` misses in a window gets 429 for the rest of it, for codes that exist too, so a
// blocked address learns nothing. The counters live in the database (web/limits.ts), so the allowance is
// the same with one serving process or many. One exception keeps answers safe: a page posted to a response
// that exists is still stored (a class on one school network, where someone mistyped codes, loses nothing);
// its answer is the same 429 as for any other code.
import type { Context, MiddlewareHandler } from 'hono';
import type { Limiter } from '../limits.ts';

export interface CodeGuard {
  /** The address has used up its misses: answer with `refuse()` whatever the code. */
  blocked(): Promise<boolean>;
  /** Counts a "no such code" answer; true when it was one too many (answer with `refuse()` instead). */
  miss(): Promise<boolean>;
  refuse(): Response | Promise<Response>;
}

export type RespondentEnv = { Variables: { codeGuard: CodeGuard } };

export interface GuessGuardOptions {
  /** The misses counted per address (a class on one school network mistypes too: 60 per 10 minutes). */
  readonly limiter: Limiter;
  /** The client's key: a keyed hash of its address. */
  readonly keyOf: (c: Context) => Promise<string>;
  /** The answer to an address over its allowance. */
  readonly refuse: (c: Context) => Response | Promise<Response>;
}

/** Paths whose answer tells whether a code exists, for whatever method: a response's pages, its withdrawal page. */
const CODE_PATH = /^\/(?:s|i)\/[^/]+(?:\/intrekken)?$/;
/** Page saves: stored for a code that exists even when the address is blocked. */
const SAVE_PATH = /^\/(?:s|i)\/[^/]+$/;
/** A code typed in (any language). */
const TYPED_PATH = /^\/[a-z]{2}\/hervat$/;

/**
 * Puts a CodeGuard on every request (handlers that look up a code in a form, such as the filter questions,
 * use it themselves) and guards the code paths: refused while blocked, a 404 counted as a miss.
 */
export function codeGuessGuard(options: GuessGuardOptions): MiddlewareHandler<RespondentEnv> {
  const { limiter, keyOf, refuse } = options;
  return async (c, next) => {
    let key: Promise<string> | undefined;
    const keyOnce = () => (key ??= keyOf(c));
    const guard: CodeGuard = {
      blocked: async () => (await limiter.count(await keyOnce())) >= limiter.max,
      miss: async () => (await limiter.attempt(await keyOnce())) > limiter.max,
      refuse: () => refuse(c),
    };
    c.set('codeGuard', guard);
    const path = c.req.path;
    const guarded = CODE_PATH.test(path) || (c.req.method === 'POST' && TYPED_PATH.test(path));
    if (!guarded) return next();
    if (c.req.method === 'POST' && SAVE_PATH.test(path)) {
      // Checked beside the save, not before it: a save of a response that exists is stored either way.
      const blocked = guard.blocked();
      blocked.catch(() => {}); // awaited below; no unhandled rejection while the save runs
      await next();
      if (await blocked) {
        c.res = await refuse(c);
        return;
      }
    } else {
      if (await guard.blocked()) return refuse(c);
      await next();
    }
    if (c.res.status === 404 && (await guard.miss())) c.res = await refuse(c);
  };
}
