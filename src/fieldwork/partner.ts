// The partner view's numbers (issue 16, item 5): for each of a partner's own channels, its completed responses
// per day and group, counted by the engine over the wave's dataset and suppressed for showing outside the
// research team (suppress.ts: every count under 10 hidden, and whatever would give one away). Nothing else
// leaves here: no response, no other channel, no count that is not suppressed. Pure.
import { both } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { valueLabelNl } from '../analysis/variables.ts';
import { engineDataset } from '../analysis/views.ts';
import { categoricalFromNumbers, crosstab } from '../stats/index.ts';
import type { Channel } from '../storage/channels.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { dayNumbers, daySpan, dayText } from './days.ts';
import { completedMask } from './monitor-counts.ts';
import { suppressTable, type SuppressedTable } from './suppress.ts';

export interface PartnerChannel {
  readonly slug: string;
  readonly name: string;
  readonly kind: Channel['kind'];
  readonly municipality: string;
  /** Column labels: the groups, then "unknown" (responses without a group). */
  readonly groups: readonly string[];
  readonly days: readonly string[];
  readonly table: SuppressedTable;
}

/** The group variable of the study's population margins (type inburgeraar), if it has them. */
function groupVariable(study: StudyDefinition, wave: WaveDefinition, data: AnalysisDataset): string | null {
  const name = (wave.population ?? study.waves.find((w) => w.population)?.population)?.dimensions.group;
  return name !== undefined && data.has(name) ? name : null;
}

const UNKNOWN = -1;

/** Each of the partner's channels: completed responses by day and group, suppressed. `unknownLabel` names the group-less column. */
export function partnerChannels(
  study: StudyDefinition,
  wave: WaveDefinition,
  data: AnalysisDataset,
  channels: readonly Channel[],
  unknownLabel: string,
  timeZone?: string,
): PartnerChannel[] {
  const variable = groupVariable(study, wave, data);
  const info = variable ? data.info(variable) : null;
  const codes = info ? info.values.filter((v) => !v.missing).map((v) => v.value) : [];
  const groupOf = new Float64Array(data.rows);
  const values = variable ? data.numbers(variable) : null;
  for (let i = 0; i < data.rows; i++) {
    const v = values?.[i] ?? NaN;
    groupOf[i] = codes.includes(v) ? v : UNKNOWN;
  }
  const group = categoricalFromNumbers('#group', groupOf, [...codes, UNKNOWN]);
  const labels = [...codes.map((c) => (info ? valueLabelNl(info, c) : String(c))), unknownLabel];
  const completed = completedMask(data);
  const channel = data.texts('channel');
  return channels.map((ch) => {
    const mine = new Uint8Array(data.rows);
    for (let i = 0; i < data.rows; i++) mine[i] = channel[i] === ch.slug ? 1 : 0;
    const rows = both(mine, completed);
    const dayValues = dayNumbers(data.numbers('completed_at'), timeZone, rows);
    const days = daySpan(dayValues);
    const base = { slug: ch.slug, name: ch.name, kind: ch.kind, municipality: ch.municipality, groups: labels };
    if (days.length === 0) return { ...base, days: [], table: suppressTable([], labels.length) };
    const day = categoricalFromNumbers('#day', dayValues, days);
    const tab = crosstab(engineDataset([day, group], rows), '#day', '#group');
    return { ...base, days: days.map(dayText), table: suppressTable(tab.counts, labels.length) };
  });
}
