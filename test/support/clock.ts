// A clock that moves only when the test says so, with the timers set on it: tests drive time instead of
// sleeping, so they neither wait nor depend on how busy the machine is.

export interface ManualClock {
  /** Milliseconds since the clock's start. */
  now(): number;
  /** Registers `callback` to run once the clock has been advanced `ms` (or more). */
  setTimer(callback: () => void, ms: number): void;
  /** Moves the clock forward, running each timer that falls due at its own time, in order. */
  advance(ms: number): void;
  /** Timers set and not yet run. */
  pending(): number;
}

export function manualClock(start = 0): ManualClock {
  let now = start;
  let timers: { at: number; seq: number; callback: () => void }[] = [];
  let seq = 0;
  return {
    now: () => now,
    setTimer: (callback, ms) => void timers.push({ at: now + Math.max(0, ms), seq: seq++, callback }),
    advance: (ms) => {
      const target = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.callback();
      }
      now = target;
    },
    pending: () => timers.length,
  };
}
