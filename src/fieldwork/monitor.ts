// The live representativeness monitor (issue 16, item 4): sample against population per group and by gender,
// route and age band (the report's Tables 2.9-2.12, computed by the report's own population tables), the gap
// in points, alerts for cells 5 or more points under their population share with the channels that reached
// them best, the DUO route's response rate per group, and responses started and completed per day, channel and
// language. Pure: the dataset (every response of the wave with at least monitorVariables(), analysis/load.ts or
// the serving cache) and the register come in; every count is the engine's (stats/), every mask analysis/conditions.ts'.
import { both, maskOf } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { PopulationResult } from '../analysis/results.ts';
import { countSynthetic, syntheticNote } from '../analysis/synthetic.ts';
import { populationTable } from '../analysis/tables-population.ts';
import type { ItemId } from '../questionnaire/types.ts';
import { listChannels, type Channel } from '../storage/channels.ts';
import type { Db } from '../storage/db.ts';
import { lettersOfWave } from '../storage/fieldwork-counts.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { nlText, type PopulationDimension, type TableSpec } from '../study/report-spec.ts';
import { tablesForWave } from '../study/validate-report.ts';
import { channelBreakdown, completedMask, statusColumns, type ChannelInfo, type ChannelCount } from './monitor-counts.ts';
import { dailyCounts, type Daily, type LanguageInfo } from './monitor-daily.ts';
import { responseRates, type ResponseRate } from './monitor-rates.ts';

/** A cell this many points or more under its population share raises an alert (the rule). */
export const ALERT_POINTS = 5;

type PopulationSpec = Extract<TableSpec, { kind: 'population' }>;
export type MonitorDimension = Exclude<PopulationDimension, 'group'>;

export interface MonitorCell {
  readonly level: string;
  readonly population: number | null;
  readonly sample: number | null;
  readonly populationPct: number | null;
  readonly samplePct: number | null;
  /** Sample share minus population share, in points (negative: under-represented). */
  readonly gap: number | null;
}

export interface MonitorGroup extends Omit<MonitorCell, 'level'> {
  readonly group: string;
  readonly code: number | null;
  readonly by: Partial<Record<MonitorDimension, MonitorCell[]>>;
  /** DUO route: completed responses that came by letter, against the letters sent to the group. */
  readonly responseRate: ResponseRate | null;
}

export interface MonitorAlert {
  readonly group: string;
  readonly variable: PopulationDimension;
  readonly level: string;
  readonly samplePct: number;
  readonly populationPct: number;
  readonly gap: number;
  readonly bestChannels: readonly ChannelCount[];
}

export interface MonitorResult {
  readonly wave: string;
  readonly waveId: string;
  readonly counts: 'completed' | 'all';
  readonly started: number;
  readonly completed: number;
  readonly synthetic: boolean;
  readonly note: string | null;
  readonly populationSource: string | null;
  readonly groups: readonly MonitorGroup[];
  readonly alerts: readonly MonitorAlert[];
  readonly daily: readonly Daily[];
  readonly channels: readonly ChannelInfo[];
  readonly languages: readonly LanguageInfo[];
}

/** Letters stored per (channel, questionnaire) for the wave: storage/fieldwork-counts.ts. */
export interface LetterCount {
  readonly channel: string;
  readonly questionnaireId: string | null;
  readonly letters: number;
}

export interface MonitorInput {
  readonly study: StudyDefinition;
  readonly wave: WaveDefinition;
  /** Every response of the wave (counts "all"): started ones count per day; the rest follows report.json's counts. */
  readonly data: AnalysisDataset;
  readonly channels: readonly Channel[];
  readonly letters: readonly LetterCount[];
  readonly timeZone?: string;
}

const round1 = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);
const gapOf = (sample: number | null, population: number | null) => (sample === null || population === null ? null : sample - population);

/** The monitor of one wave with the channel register and the letters sent as stored. */
export async function monitorFromStore(
  db: Db,
  study: StudyDefinition,
  wave: WaveDefinition,
  data: AnalysisDataset,
): Promise<MonitorResult> {
  return computeMonitor({ study, wave, data, channels: await listChannels(db), letters: await lettersOfWave(db, wave.id) });
}

/** The monitor of one wave. */
export function computeMonitor(input: MonitorInput): MonitorResult {
  const { study, wave, data } = input;
  const counts = study.report?.counts ?? 'completed';
  const status = statusColumns(data);
  const completed = completedMask(data);
  const counted = counts === 'completed' ? completed : null;
  const specs = populationSpecs(study, wave);
  const dimensions = (wave.population ?? study.waves.find((w) => w.population)?.population)?.dimensions;
  const results = new Map<PopulationDimension, { spec: PopulationSpec; result: PopulationResult }>();
  if (dimensions)
    for (const spec of specs) results.set(spec.by, { spec, result: populationTable(data, spec, wave.population, dimensions, counted) });
  const register = new Map(input.channels.map((c) => [c.slug, c]));
  const duo = duoChannels(input.letters);
  const groups = monitorGroups(results, data, completed, duo, input.letters, dimensions?.group);
  const alerts = findAlerts(groups, (group, variable, level) => {
    const groupCode = groups.find((g) => g.group === group)?.code ?? null;
    const spec = results.get(variable)?.spec;
    const levelCode = variable === 'group' ? null : (spec?.levels.find((l) => nlText(l.label) === level)?.code ?? null);
    if (groupCode === null || !dimensions) return [];
    const inGroup = both(
      counted ?? completed,
      maskOf({ kind: 'compare', item: dimensions.group as ItemId, op: '=', value: groupCode }, data),
    );
    const dimVar = variable === 'group' ? undefined : dimensions[variable];
    const cell =
      dimVar === undefined || levelCode === null
        ? inGroup
        : both(inGroup, maskOf({ kind: 'compare', item: dimVar as ItemId, op: '=', value: levelCode }, data));
    // Within a group, a channel's share is of its responses in that group; for a whole group, of all its responses.
    return channelBreakdown(data, cell, variable === 'group' ? (counted ?? completed) : inGroup, register);
  });
  const synthetic = countSynthetic(data);
  const daily = dailyCounts(data, completed, register, input.timeZone);
  return {
    wave: wave.key,
    waveId: wave.id,
    counts,
    started: status.started,
    completed: status.completed,
    synthetic: synthetic.synthetic > 0,
    note: synthetic.synthetic > 0 ? syntheticNote(synthetic, `wave ${wave.id}`) : null,
    populationSource: wave.population?.source ?? null,
    groups,
    alerts,
    ...daily,
  };
}

/**
 * The variables the monitor reads besides the response's facts: the population file's dimensions (group,
 * gender, route, age band). A caller loads only these (analysis/load.ts, cache.ts), not every item.
 */
export function monitorVariables(study: StudyDefinition, wave: WaveDefinition): string[] {
  const dimensions = (wave.population ?? study.waves.find((w) => w.population)?.population)?.dimensions;
  return dimensions ? [...new Set(Object.values(dimensions).filter((v): v is string => typeof v === 'string'))] : [];
}

/** The report's population tables the wave can fill, one per dimension (the first of each). */
function populationSpecs(study: StudyDefinition, wave: WaveDefinition): PopulationSpec[] {
  if (!study.report) return [];
  const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
  const { tables } = tablesForWave(
    study.report,
    { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
    wave.id,
  );
  const out = new Map<PopulationDimension, PopulationSpec>();
  for (const t of tables) if (t.kind === 'population' && !out.has(t.by)) out.set(t.by, t);
  return [...out.values()];
}

const DUO_DEFAULT = ['duo-brief', 'demo-duo-brief'];

/** Channels of the DUO route: those its letters carry (default duo-brief, and the demo's). */
function duoChannels(letters: readonly LetterCount[]): ReadonlySet<string> {
  return new Set([...DUO_DEFAULT, ...letters.map((l) => l.channel)]);
}

function monitorGroups(
  results: ReadonlyMap<PopulationDimension, { spec: PopulationSpec; result: PopulationResult }>,
  data: AnalysisDataset,
  completed: Uint8Array,
  duo: ReadonlySet<string>,
  letters: readonly LetterCount[],
  groupVariable: string | undefined,
): MonitorGroup[] {
  const sizes = results.get('group');
  if (!sizes) return [];
  const rates = groupVariable ? responseRates(data, completed, duo, letters, groupVariable, sizes) : new Map<number, ResponseRate>();
  return sizes.spec.groups.map((g, i) => {
    const row = sizes.result.rows[i];
    const code = g.kind === 'sample' ? g.code : null;
    const by: Partial<Record<MonitorDimension, MonitorCell[]>> = {};
    for (const [dimension, { spec, result }] of results) {
      if (dimension === 'group' || code === null) continue;
      const k = spec.groups.filter((x) => x.kind === 'sample').findIndex((x) => x.code === code);
      if (k < 0) continue;
      by[dimension] = spec.levels.map((level, l) => cellOf(level.label, result.rows[k * spec.levels.length + l]));
    }
    const cell = cellOf(g.label, row);
    const { level: _level, ...counts } = cell;
    const out: MonitorGroup = {
      group: nlText(g.label),
      code,
      ...counts,
      by,
      responseRate: code === null ? null : (rates.get(code) ?? null),
    };
    const gap = exactGaps.get(cell);
    if (gap !== undefined) exactGaps.set(out, gap);
    return out;
  });
}

/** The unrounded gap of each cell: alerts decide on it, the output shows one decimal. */
const exactGaps = new WeakMap<object, number>();

function cellOf(label: Parameters<typeof nlText>[0], row: PopulationResult['rows'][number] | undefined): MonitorCell {
  const samplePct = row?.samplePercent ?? null;
  const populationPct = row?.populationPercent ?? null;
  const gap = gapOf(samplePct, populationPct);
  const cell: MonitorCell = {
    level: nlText(label),
    population: row?.population ?? null,
    sample: row?.sample ?? null,
    populationPct: round1(populationPct),
    samplePct: round1(samplePct),
    gap: round1(gap),
  };
  if (gap !== null) exactGaps.set(cell, gap);
  return cell;
}

/** Cells 5 points or more under their population share, worst first; the exact shares decide, rounded ones are shown. */
function findAlerts(
  groups: readonly MonitorGroup[],
  best: (group: string, variable: PopulationDimension, level: string) => ChannelCount[],
): MonitorAlert[] {
  const out: MonitorAlert[] = [];
  const consider = (group: string, variable: PopulationDimension, level: string, cell: Omit<MonitorCell, 'level'>) => {
    const exact = exactGaps.get(cell);
    if (exact === undefined || cell.gap === null || cell.samplePct === null || cell.populationPct === null || cell.sample === null) return;
    if (exact > -ALERT_POINTS) return;
    out.push({
      group,
      variable,
      level,
      samplePct: cell.samplePct,
      populationPct: cell.populationPct,
      gap: cell.gap,
      bestChannels: best(group, variable, level),
    });
  };
  for (const g of groups) {
    if (g.code === null) continue;
    consider(g.group, 'group', g.group, g);
    for (const [dimension, cells] of Object.entries(g.by) as [MonitorDimension, MonitorCell[]][])
      for (const cell of cells) consider(g.group, dimension, cell.level, cell);
  }
  return out.sort((a, b) => a.gap - b.gap);
}
