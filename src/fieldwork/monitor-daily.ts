// Responses started and completed per day (on the fieldwork's clock), in all and per channel and language:
// the day of a response's start and of its completion as categorical columns over every day of the
// fieldwork so far, tabulated by the engine against the channel and language columns.
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { engineDataset } from '../analysis/views.ts';
import { categoricalFromNumbers, crosstab, frequencies } from '../stats/index.ts';
import type { Channel } from '../storage/channels.ts';
import { dayNumbers, daySpan, dayText } from './days.ts';
import { registerInfo, textColumn, type ChannelInfo } from './monitor-counts.ts';

export interface Daily {
  readonly date: string;
  readonly started: number;
  readonly completed: number;
}

export interface LanguageInfo {
  readonly language: string;
  readonly started: number;
  readonly completed: number;
  readonly startedPerDay: readonly number[];
  readonly completedPerDay: readonly number[];
}

export interface DailyCounts {
  readonly daily: readonly Daily[];
  /** Every channel with responses, and every registered channel (with none yet too), most completed first. */
  readonly channels: readonly ChannelInfo[];
  readonly languages: readonly LanguageInfo[];
}

/** Day columns of a dataset: the day each response started, and the day each completed one was completed. */
export function dayColumns(data: AnalysisDataset, completed: Uint8Array, timeZone?: string) {
  const started = dayNumbers(data.numbers('started_at'), timeZone);
  const done = dayNumbers(data.numbers('completed_at'), timeZone, completed);
  const days = daySpan(started, done);
  return {
    days,
    started: categoricalFromNumbers('#startDay', started, days),
    done: categoricalFromNumbers('#doneDay', done, days),
  };
}

export function dailyCounts(
  data: AnalysisDataset,
  completed: Uint8Array,
  register: ReadonlyMap<string, Channel>,
  timeZone?: string,
): DailyCounts {
  const { days, started, done } = dayColumns(data, completed, timeZone);
  const idle = (slug: string): ChannelInfo => ({
    ...registerInfo(slug, register),
    started: 0,
    completed: 0,
    startedPerDay: days.map(() => 0),
    completedPerDay: days.map(() => 0),
  });
  if (days.length === 0) return { daily: [], channels: [...register.keys()].map(idle), languages: [] };
  const channel = textColumn(data, 'channel');
  const language = textColumn(data, 'language');
  const ds = engineDataset([started, done, channel, language]);
  const [startedPerDay] = frequencies(ds, started.name);
  const [donePerDay] = frequencies(ds, done.name);
  const daily = days.map((day, k) => ({
    date: dayText(day),
    started: startedPerDay?.categories[k]?.count ?? 0,
    completed: donePerDay?.categories[k]?.count ?? 0,
  }));
  const perLevel = (column: typeof channel) => {
    const s = crosstab(ds, started.name, column.name);
    const c = crosstab(ds, done.name, column.name);
    return column.levels.map((level, j) => {
      const startedSeries = days.map((_, k) => s.counts[k]?.[j] ?? 0);
      const completedSeries = days.map((_, k) => c.counts[k]?.[j] ?? 0);
      return {
        level: String(level),
        started: s.columnN[j] ?? 0,
        completed: c.columnN[j] ?? 0,
        startedPerDay: startedSeries,
        completedPerDay: completedSeries,
      };
    });
  };
  const active = perLevel(channel).map(({ level, ...rest }): ChannelInfo => ({ ...registerInfo(level, register), ...rest }));
  const seen = new Set(active.map((c) => c.channel));
  const channels = [...active, ...[...register.keys()].filter((slug) => !seen.has(slug)).map(idle)].sort(
    (a, b) => b.completed - a.completed || b.started - a.started || a.channel.localeCompare(b.channel),
  );
  const languages = perLevel(language).map(({ level, ...rest }): LanguageInfo => ({ language: level, ...rest }));
  return { daily, channels, languages };
}
