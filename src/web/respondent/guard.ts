// Limits code guessing. Letter codes carry 44 bits, but with tens of thousands of letters out, an address
// that could try codes without limit would find someone's code in days; group-session codes are shorter
// still. An address that gets more than `maxMisses` "no such code" answers within `windowMs` is refused
// (429) for the rest of that window, also for codes that exist. Addresses are kept in memory for the
// window only, never stored or logged. Per process: with N workers an address gets N times the allowance.
import type { Context, MiddlewareHandler } from 'hono';
import { IncomingMessage } from 'node:http';

export interface GuessGuardOptions {
  /** Misses allowed per address and window (a class on one school network mistypes too). */
  readonly maxMisses?: number;
  readonly windowMs?: number;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy that sets it). */
  readonly trustProxy?: boolean;
  readonly now?: () => number;
  /** The answer to an address over its allowance. */
  readonly refuse: (c: Context) => Response | Promise<Response>;
}

/** Paths whose 404 means "no such code": a letter, a resume or group code typed in, a response address. */
const CODE_PATH = /^\/(?:[a-z]{2}\/hervat|s\/[^/]+|i\/[^/]+)$/;

export function codeGuessGuard(options: GuessGuardOptions): MiddlewareHandler {
  const { maxMisses = 60, windowMs = 10 * 60_000, trustProxy = false, now = Date.now, refuse } = options;
  const misses = new Map<string, { count: number; since: number }>();
  let lastSweep = now();

  const addressOf = (c: Context): string => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
    return incoming instanceof IncomingMessage ? (incoming.socket.remoteAddress ?? 'unknown') : 'unknown';
  };

  return async (c, next) => {
    if (!CODE_PATH.test(c.req.path)) return next();
    const t = now();
    if (t - lastSweep > windowMs) {
      for (const [key, entry] of misses) if (t - entry.since > windowMs) misses.delete(key);
      lastSweep = t;
    }
    const key = addressOf(c);
    let entry = misses.get(key);
    if (entry && t - entry.since > windowMs) {
      misses.delete(key);
      entry = undefined;
    }
    if (entry && entry.count >= maxMisses) return refuse(c);
    await next();
    if (c.res.status === 404) {
      if (entry) entry.count += 1;
      else misses.set(key, { count: 1, since: t });
    }
  };
}
