// Dates in data files are wall-clock values (SPSS seconds since 1582-10-14, Excel serial days): a moment
// has to be turned into the date and time a clock in some time zone showed. This does that with Intl,
// caching the zone's offset per quarter hour, since zone offsets change only on such boundaries.
import { ExportDataError } from './export-cells.ts';

/** Milliseconds of a moment as wall-clock time in `timeZone`, counted from 1970-01-01 00:00 on that clock. */
export type WallClock = (epochMs: number) => number;

const QUARTER_HOUR = 15 * 60 * 1000;

export function wallClock(timeZone: string): WallClock {
  if (timeZone === 'UTC') return (ms) => ms;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    throw new ExportDataError({ kind: 'time-zone', zone: timeZone });
  }
  const offsets = new Map<number, number>();
  const offsetAt = (bucketMs: number): number => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(bucketMs))) parts[p.type] = p.value;
    const yearOfEra = Number(parts['year']);
    const year = parts['era'] === 'BC' || parts['era'] === 'B' ? 1 - yearOfEra : yearOfEra;
    const local = new Date(0);
    local.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day']));
    local.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']), 0);
    return local.getTime() - bucketMs;
  };
  return (ms) => {
    const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      if (offsets.size > 100_000) offsets.clear();
      offset = offsetAt(bucket);
      offsets.set(bucket, offset);
    }
    return ms + offset;
  };
}
