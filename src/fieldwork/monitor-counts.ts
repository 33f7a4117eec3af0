// The monitor's building blocks over a dataset: the completed responses as a mask, responses per status, and
// per channel (or language) the responses in a cell against the channel's responses in a base, all counted
// by the engine over categorical views of the response facts. Text columns are coded once per dataset version.
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { engineDataset } from '../analysis/views.ts';
import { categoricalColumn, frequencies, type CategoricalColumn } from '../stats/index.ts';
import type { Channel, ChannelKind } from '../storage/channels.ts';

/** Per channel (or language): how it did overall and per day (aligned with the daily dates). */
export interface ChannelInfo {
  readonly channel: string;
  /** The register's name, kind and municipality; null for a channel not in the register (links made by hand, the demo's). */
  readonly name: string | null;
  readonly kind: ChannelKind | null;
  readonly municipality: string | null;
  readonly started: number;
  readonly completed: number;
  readonly startedPerDay: readonly number[];
  readonly completedPerDay: readonly number[];
}

/** A channel's responses in an alert's cell, and their share of the channel's responses in the cell's base. */
export interface ChannelCount {
  readonly channel: string;
  readonly name: string | null;
  readonly kind: ChannelKind | null;
  readonly municipality: string | null;
  readonly count: number;
  /** Percentage of the channel's responses (in the group, for a cell within a group) that fall in the cell. */
  readonly share: number;
}

/** A channel needs this many responses in a cell before it counts among the best (one or two prove little). */
export const BEST_MIN_COUNT = 3;
export const BEST_CHANNELS = 3;

const coded = new WeakMap<AnalysisDataset, Map<string, { version: number; column: CategoricalColumn }>>();

/** A response fact held as text (channel, language, status) as a categorical column, cached per dataset version. */
export function textColumn(data: AnalysisDataset, name: string): CategoricalColumn {
  const perData = coded.get(data) ?? new Map<string, { version: number; column: CategoricalColumn }>();
  coded.set(data, perData);
  const hit = perData.get(name);
  if (hit && hit.version === data.version) return hit.column;
  const column = categoricalColumn(`#${name}`, data.texts(name).slice(0, data.rows));
  perData.set(name, { version: data.version, column });
  return column;
}

/** Rows of completed responses. */
export function completedMask(data: AnalysisDataset): Uint8Array {
  const status = data.texts('status');
  const out = new Uint8Array(data.rows);
  for (let i = 0; i < data.rows; i++) out[i] = status[i] === 'completed' ? 1 : 0;
  return out;
}

/** Responses started (every response in the dataset) and completed. */
export function statusColumns(data: AnalysisDataset): { readonly started: number; readonly completed: number } {
  if (data.rows === 0) return { started: 0, completed: 0 };
  const column = textColumn(data, 'status');
  const [group] = frequencies(engineDataset([column]), column.name);
  const completed = group?.categories.find((c) => c.value === 'completed')?.count ?? 0;
  return { started: group?.n ?? 0, completed };
}

/** Counts per level of a text fact within a mask (level → count). */
export function countsBy(data: AnalysisDataset, name: string, mask: Uint8Array | null): Map<string, number> {
  const out = new Map<string, number>();
  if (data.rows === 0) return out;
  const column = textColumn(data, name);
  const [group] = frequencies(engineDataset([column], mask ?? undefined), column.name);
  for (const c of group?.categories ?? []) out.set(String(c.value), c.count);
  return out;
}

export const registerInfo = (slug: string, register: ReadonlyMap<string, Channel>) => {
  const known = register.get(slug);
  return { channel: slug, name: known?.name ?? null, kind: known?.kind ?? null, municipality: known?.municipality ?? null };
};

/** The channels that reached a cell best: highest share of their base responses in the cell, then most responses. */
export function channelBreakdown(
  data: AnalysisDataset,
  cell: Uint8Array,
  base: Uint8Array,
  register: ReadonlyMap<string, Channel>,
): ChannelCount[] {
  const inCell = countsBy(data, 'channel', cell);
  const inBase = countsBy(data, 'channel', base);
  return [...inCell.entries()]
    .filter(([, count]) => count >= BEST_MIN_COUNT)
    .map(([slug, count]) => ({
      ...registerInfo(slug, register),
      count,
      share: Math.round((1000 * count) / (inBase.get(slug) ?? count)) / 10,
    }))
    .sort((a, b) => b.share - a.share || b.count - a.count || a.channel.localeCompare(b.channel))
    .slice(0, BEST_CHANNELS);
}
