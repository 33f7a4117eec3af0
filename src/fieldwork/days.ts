// Calendar days of moments on the study's clock (Europe/Amsterdam): a day column for the engine to count by,
// and the day's date as text. Offsets are looked up once per UTC hour, not once per response, so a column
// of a million moments takes milliseconds.

/** The fieldwork's clock: the days the monitor and the partner view count by. */
export const FIELDWORK_TIME_ZONE = 'Europe/Amsterdam';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Offset of `timeZone` from UTC at a moment, in ms. */
function offsetAt(ms: number, format: Intl.DateTimeFormat): number {
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']) % 24,
    Number(parts['minute']),
  );
  return wall - Math.floor(ms / 60_000) * 60_000;
}

/**
 * Day numbers (days since 1970-01-01 on the zone's calendar) of moments in ms; NaN stays NaN. `mask` limits
 * the rows that get a day (the others are NaN), e.g. completion days of completed responses only.
 */
export function dayNumbers(moments: Float64Array, timeZone = FIELDWORK_TIME_ZONE, mask?: Uint8Array): Float64Array {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsets = new Map<number, number>();
  const out = new Float64Array(moments.length);
  for (let i = 0; i < moments.length; i++) {
    const ms = moments[i] as number;
    if (ms !== ms || (mask !== undefined && mask[i] !== 1)) {
      out[i] = NaN;
      continue;
    }
    const hour = Math.floor(ms / HOUR);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = offsetAt(hour * HOUR, format);
      offsets.set(hour, offset);
    }
    out[i] = Math.floor((ms + offset) / DAY);
  }
  return out;
}

/** The date of a day number, as YYYY-MM-DD. */
export const dayText = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** Every day from the first to the last day in the columns (empty days included, so a chart shows gaps). */
export function daySpan(...columns: readonly Float64Array[]): number[] {
  let first = Infinity;
  let last = -Infinity;
  for (const column of columns)
    for (const d of column) {
      if (d !== d) continue;
      if (d < first) first = d;
      if (d > last) last = d;
    }
  if (first > last) return [];
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}
