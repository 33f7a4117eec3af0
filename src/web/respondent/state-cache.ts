// The last known state of recently active responses, per process, so that a page save needs one statement
// instead of a read and a write. A cached state is only a guess: every save names the revision it was
// computed from and the database refuses it if the response moved on (another process, a second tab, a
// withdrawal); the caller then drops the entry and reads afresh. Page views always read afresh.
import type { ResponseState } from '../../storage/responses.ts';

export interface StateCache {
  get(key: string): ResponseState | undefined;
  set(key: string, state: ResponseState): void;
  delete(key: string): void;
}

/** A cache of at most `capacity` states; the least recently used goes first. */
export function stateCache(capacity = 5000): StateCache {
  const entries = new Map<string, ResponseState>();
  return {
    get(key) {
      const state = entries.get(key);
      if (state) {
        entries.delete(key);
        entries.set(key, state);
      }
      return state;
    },
    set(key, state) {
      entries.delete(key);
      entries.set(key, state);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
