// Coalesces concurrent page saves into few statements. One save statement runs at a time: a save that
// arrives while it runs waits and goes, with every save that arrived meanwhile, in the next statement (one
// commit). Under light load nothing waits; under heavy load one commit carries many saves, so the database
// and the server do much less work per save. A statement that has run `stallMs` without finishing (a row
// lock held by another process, say) lets the next one start beside it, up to `concurrency`, so one slow
// save does not hold up everyone's. A caller hears of its save only once the statement that carried it has
// committed, so a page shown as saved is saved.
import type { PageSave } from './responses.ts';

export interface PageSaver {
  /** Stores the page; its response's new revision, or null when nothing was stored (see `savePages`). */
  save(save: PageSave): Promise<number | null>;
}

export interface PageSaverOptions {
  /** Save statements running at once at most, counting those past `stallMs` (default 4). */
  readonly concurrency?: number;
  /** After this many milliseconds a running statement no longer holds back the next one (default 50). */
  readonly stallMs?: number;
  /** Saves in one statement at most (default 64). */
  readonly maxBatch?: number;
  /** The clock and timer the stall time is measured with (default: performance.now() and an unref'd setTimeout). */
  readonly clock?: SaverClock;
}

/** Time as the saver sees it: passed in so tests drive the stall time instead of waiting it out. */
export interface SaverClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls `callback` once, `ms` from now; the timer must not keep the process alive. */
  setTimer(callback: () => void, ms: number): void;
}

const realClock: SaverClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => void setTimeout(callback, ms).unref(),
};

interface Waiting {
  readonly save: PageSave;
  resolve(revision: number | null): void;
  reject(error: unknown): void;
}

type Outcome = { readonly revision: number | null } | { readonly error: unknown };

/** Stores saves of different responses in one statement, all or none (`savePages`). */
export type StorePages = (saves: readonly PageSave[]) => Promise<(number | null)[]>;

const wholeAtLeast = (name: string, value: number, min: number): number => {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`pageSaver: ${name} must be a whole number >= ${min}, not ${value}`);
  return value;
};

/** A page saver over `storePages`: `(saves) => savePages(db, saves)`, or a stand-in in tests. */
export function pageSaver(storePages: StorePages, options: PageSaverOptions = {}): PageSaver {
  const concurrency = wholeAtLeast('concurrency', options.concurrency ?? 4, 1);
  const stallMs = wholeAtLeast('stallMs', options.stallMs ?? 50, 0);
  const maxBatch = wholeAtLeast('maxBatch', options.maxBatch ?? 64, 1);
  const clock = options.clock ?? realClock;
  let waiting: Waiting[] = [];
  /** Responses with a save in a running statement: a second save of one waits for the first to finish. */
  const busy = new Set<string>();
  /** When each running statement started (clock.now()), oldest first. */
  const running: number[] = [];
  let timerSet = false;

  /** The waiting saves that may go now, oldest first: at most one per response, none of a busy response. */
  const take = (): Waiting[] => {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const ids = new Set<string>();
    for (const w of waiting) {
      const id = w.save.responseId;
      if (batch.length < maxBatch && !busy.has(id) && !ids.has(id)) {
        batch.push(w);
        ids.add(id);
      } else {
        rest.push(w);
      }
    }
    waiting = rest;
    return batch;
  };

  const attempt = async (saves: readonly PageSave[]): Promise<Outcome[]> => {
    try {
      const revisions = await storePages(saves);
      return saves.map((_, i) => ({ revision: revisions[i] ?? null }));
    } catch (error) {
      return saves.map(() => ({ error }));
    }
  };

  /** Runs one statement; frees its place and its responses before answering the callers. */
  const run = async (batch: readonly Waiting[], started: number): Promise<void> => {
    let outcomes = await attempt(batch.map((w) => w.save));
    if (batch.length > 1 && 'error' in outcomes[0]!) {
      // Nothing of the batch was stored. One save's fault, or a deadlock with another process's batch, must
      // not fail the others: each is tried again on its own and hears only of its own error.
      outcomes = [];
      for (const w of batch) outcomes.push(...(await attempt([w.save])));
    }
    running.splice(running.indexOf(started), 1);
    for (const w of batch) busy.delete(w.save.responseId);
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) w.reject(outcome.error);
      else w.resolve(outcome.revision);
    });
    pump();
  };

  const pump = (): void => {
    while (waiting.length > 0 && running.length < concurrency) {
      const now = clock.now();
      const youngest = running.at(-1);
      if (youngest !== undefined && now - youngest < stallMs) {
        // The running statement is young: wait for it, or for it to turn out stalled.
        if (!timerSet) {
          timerSet = true;
          clock.setTimer(
            () => {
              timerSet = false;
              pump();
            },
            stallMs - (now - youngest),
          );
        }
        return;
      }
      const batch = take();
      if (batch.length === 0) return; // every waiting save belongs to a response being saved right now
      running.push(now);
      for (const w of batch) busy.add(w.save.responseId);
      void run(batch, now);
    }
  };

  return {
    save: (save) =>
      new Promise<number | null>((resolve, reject) => {
        waiting.push({ save, resolve, reject });
        pump();
      }),
  };
}
