// Rate-limit counters kept in the database, so that a limit holds across serving processes (and machines):
// with N workers an address gets the allowance once, not N times. A counter counts attempts per scope and
// key in a fixed window that starts at the first attempt; one statement increments it atomically, so
// concurrent attempts in different processes are each counted. Reads of many keys that arrive together go
// in one statement (like page saves), so a check on every request costs the database little under load.
// Keys are opaque here: the web layer passes keyed hashes, never addresses.
import { and, eq, lt, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import { rateLimits, serverSecrets } from './schema.ts';

export interface Counter {
  readonly count: number;
  readonly windowStart: Date;
}

/**
 * Counts one attempt of `key` in `scope` at `now` and returns the count in the current window (a window
 * older than `windowMs` starts again at 1).
 */
export async function countAttempt(db: Db, scope: string, key: string, windowMs: number, now: Date): Promise<Counter> {
  const expired = new Date(now.getTime() - windowMs);
  const rows = await db
    .insert(rateLimits)
    .values({ scope, key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.scope, rateLimits.key],
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${expired} then ${now}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  return rows[0]!;
}

/** The counts of `keys` in `scope` whose window is still open at `now` (keys without one are absent). */
export async function currentCounts(
  db: Db,
  scope: string,
  keys: readonly string[],
  windowMs: number,
  now: Date,
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: rateLimits.key, count: rateLimits.count })
    .from(rateLimits)
    .where(
      and(
        eq(rateLimits.scope, scope),
        sql`${rateLimits.key} = any(${sql.param([...keys])}::text[])`,
        sql`${rateLimits.windowStart} > ${new Date(now.getTime() - windowMs)}`,
      ),
    );
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Forgets the counters of `scope` whose window closed before `now` (what they counted no longer matters). */
export async function sweepCounters(db: Db, scope: string, windowMs: number, now: Date): Promise<void> {
  await db.delete(rateLimits).where(and(eq(rateLimits.scope, scope), lt(rateLimits.windowStart, new Date(now.getTime() - windowMs))));
}

/** Ends the window of one key (a successful login clears its failures). */
export async function clearCounter(db: Db, scope: string, key: string): Promise<void> {
  await db.delete(rateLimits).where(and(eq(rateLimits.scope, scope), eq(rateLimits.key, key)));
}

/** A random secret of this installation, the same for every process: made by the first that asks. */
export async function serverSecret(db: Db, name: string): Promise<string> {
  await db
    .insert(serverSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name));
  return row!.value;
}

/** Reads counts of keys that arrive together in one statement; one statement runs at a time. */
export function countReader(read: (keys: readonly string[]) => Promise<Map<string, number>>): (key: string) => Promise<number> {
  let waiting = new Map<string, { resolve: (n: number) => void; reject: (e: unknown) => void }[]>();
  let running = false;
  const pump = (): void => {
    if (running || waiting.size === 0) return;
    const batch = waiting;
    waiting = new Map();
    running = true;
    read([...batch.keys()]).then(
      (counts) => {
        running = false;
        for (const [key, callers] of batch) for (const c of callers) c.resolve(counts.get(key) ?? 0);
        pump();
      },
      (error: unknown) => {
        running = false;
        for (const callers of batch.values()) for (const c of callers) c.reject(error);
        pump();
      },
    );
  };
  return (key) =>
    new Promise<number>((resolve, reject) => {
      const callers = waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      pump();
    });
}
