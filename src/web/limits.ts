// Rate limits on requests, counted in the database (storage/rate-limits.ts) so each holds across serving
// processes. The web layer decides what a client is: its address, as the socket or the trusted proxies
// say, turned into a keyed hash at once (the address itself is never stored or logged).
import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { IncomingMessage } from 'node:http';
import type { Db } from '../storage/db.ts';
import { clearCounter, countAttempt, countReader, currentCounts, serverSecret, sweepCounters } from '../storage/rate-limits.ts';

/**
 * The client's address. Behind `proxyHops` reverse proxies that each append the address they received the
 * request from to X-Forwarded-For, the client is the `proxyHops`-th entry from the right: entries further
 * left were written by the client itself and prove nothing. Without proxies (0) it is the socket's peer.
 */
export function clientAddress(c: Context, proxyHops: number): string {
  if (proxyHops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    // Fewer entries than proxies: a proxy did not add one; the leftmost is still the farthest any proxy saw.
    const entry = entries.length >= proxyHops ? entries[entries.length - proxyHops] : entries[0];
    if (entry) return entry;
  }
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? (incoming.socket.remoteAddress ?? 'unknown') : 'unknown';
}

/** Keyed hashes of addresses and user names, with a secret of the installation (the same in every process). */
export function keyer(db: Db): (value: string) => Promise<string> {
  let secret: Promise<string> | undefined;
  return async (value) => {
    secret ??= serverSecret(db, 'rate-limit-key').catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return createHmac('sha256', await secret)
      .update(value)
      .digest('base64url')
      .slice(0, 32);
  };
}

export interface LimitOptions {
  readonly scope: string;
  /** Attempts allowed per key and window. */
  readonly max: number;
  readonly windowMs: number;
}

export interface Limiter extends LimitOptions {
  /** The attempts counted for `key` in its open window (0 when none). */
  count(key: string): Promise<number>;
  /** Counts one attempt; returns the count including it. */
  attempt(key: string): Promise<number>;
  /** Forgets the key's attempts. */
  clear(key: string): Promise<void>;
}

/** A limiter whose counters live in the database; `now` is the clock (injected in tests). */
export function limiter(db: Db, options: LimitOptions, now: () => number = Date.now): Limiter {
  const { scope, windowMs } = options;
  let lastSweep = 0;
  const read = countReader((keys) => currentCounts(db, scope, keys, windowMs, new Date(now())));
  return {
    ...options,
    count: read,
    async attempt(key) {
      const t = now();
      if (t - lastSweep > windowMs) {
        lastSweep = t;
        await sweepCounters(db, scope, windowMs, new Date(t));
      }
      return (await countAttempt(db, scope, key, windowMs, new Date(t))).count;
    },
    clear: (key) => clearCounter(db, scope, key),
  };
}
