// The breakdowns the researcher's tables explorer offers, as columns over one or more wave datasets: each
// column a label and a mask of its rows. Variables of the study (type inburgeraar, learning route, gender,
// cohort, age band, and the municipality type of the channel) split by their value labels; the response's own
// facts (questionnaire language, channel, recruitment route, questionnaire) by the values that occur; "wave"
// puts each wave's dataset in a column of its own. Masks only: the counting is the engine's (explore.ts).
import type { LocalizedText } from '../questionnaire/types.ts';
import type { WaveDefinition } from '../study/load.ts';
import { MUNICIPALITY_TYPE_VARIABLE, NOT_CLASSIFIED_CODE } from '../study/municipalities.ts';
import type { AnalysisDataset } from './dataset.ts';

export const BREAKDOWNS = [
  'none',
  'type',
  'route',
  'gender',
  'cohort',
  'age',
  'recruitment',
  'channel',
  'municipality',
  'municipalityType',
  'language',
  'questionnaire',
  'wave',
] as const;
export type BreakdownId = (typeof BREAKDOWNS)[number];
export const isBreakdown = (value: unknown): value is BreakdownId =>
  typeof value === 'string' && (BREAKDOWNS as readonly string[]).includes(value);

/** The study variable behind a breakdown by value labels. */
export const BREAKDOWN_VARIABLES: Readonly<Partial<Record<BreakdownId, string>>> = {
  type: 'type_inburgeraar',
  route: 'Q2.09',
  gender: 'Q2.01',
  cohort: 'cohort',
  age: 'leeftijdsklasse',
  municipalityType: MUNICIPALITY_TYPE_VARIABLE,
};

/** One wave's rows as the explorer counts them. */
export interface ExploreSource {
  readonly wave: WaveDefinition;
  readonly data: AnalysisDataset;
  /** Raking weights of the wave, or null (unweighted). */
  readonly weights: Float64Array | null;
  /** The rows the view counts (questionnaire filter); null: every row. */
  readonly within: Uint8Array | null;
}

export interface ExploreColumn {
  readonly label: LocalizedText;
  /** Index into the sources. */
  readonly source: number;
  readonly mask: Uint8Array;
}

const both = (nl: string, en: string): LocalizedText => ({ nl: { text: nl, status: 'source' }, en: { text: en, status: 'source' } });

const LANGUAGE_LABELS: Readonly<Record<string, LocalizedText>> = {
  nl: both('Nederlands', 'Dutch'),
  en: both('Engels', 'English'),
  ar: both('Arabisch', 'Arabic'),
  tr: both('Turks', 'Turkish'),
  ti: both('Tigrinya', 'Tigrinya'),
};

/** How a response was recruited, from its channel (DUO letter, municipal route, group session, other). */
export type Recruitment = 'duo' | 'municipal' | 'session' | 'other';
const RECRUITMENT_LABELS: Readonly<Record<Recruitment, LocalizedText>> = {
  duo: both('DUO-brief', 'DUO letter'),
  municipal: both('Gemeentelijke route (kanaal)', 'Municipal route (channel)'),
  session: both('Groepssessie', 'Group session'),
  other: both('Overig (directe link)', 'Other (direct link)'),
};

/** What the explorer knows of channels besides the responses: the register's slugs and the letters' channels. */
export interface ChannelContext {
  readonly registered: ReadonlySet<string>;
  readonly letters: ReadonlySet<string>;
  /** The municipality of each registered channel (the channel register's, as in Table B.1). */
  readonly municipalities?: ReadonlyMap<string, string>;
}

const NO_MUNICIPALITY = '\u0000none';
const NO_MUNICIPALITY_LABEL = both(
  'Geen gemeente (DUO-brief, groepssessie of directe link)',
  'No municipality (DUO letter, group session or direct link)',
);

export function recruitmentOf(channel: string | null | undefined, context: ChannelContext): Recruitment {
  if (!channel) return 'other';
  if (context.letters.has(channel) || channel === 'duo-brief' || channel === 'demo-duo-brief') return 'duo';
  if (channel === 'groepssessie' || channel.startsWith('sessie-')) return 'session';
  if (context.registered.has(channel) || channel.startsWith('demo-gemeente-')) return 'municipal';
  return 'other';
}

/** Columns by the distinct values of a text fact, in the order `order` gives (unknown values after, sorted). */
function byText(
  sources: readonly ExploreSource[],
  valueOf: (data: AnalysisDataset, row: number) => string | null,
  labelOf: (value: string) => LocalizedText,
  order: readonly string[] = [],
): ExploreColumn[] {
  const source = sources[0];
  if (!source) return [];
  const { data } = source;
  const values = Array.from({ length: data.rows }, (_, row) => valueOf(data, row));
  const seen = [...new Set(values.filter((v): v is string => v !== null))];
  const ranked = [...order.filter((v) => seen.includes(v)), ...seen.filter((v) => !order.includes(v)).sort()];
  return ranked.map((value) => {
    const mask = new Uint8Array(data.rows);
    for (let i = 0; i < data.rows; i++) mask[i] = values[i] === value ? 1 : 0;
    return { label: labelOf(value), source: 0, mask };
  });
}

/** Columns by the value labels of a study variable (those `keep` keeps), in their order; none without it. */
function byValues(source: ExploreSource, variable: string, keep: (value: number, missing: boolean) => boolean): ExploreColumn[] {
  const { data } = source;
  if (!data.has(variable)) return [];
  const values = data.numbers(variable);
  return data
    .info(variable)
    .values.filter((v) => keep(v.value, v.missing))
    .map((v) => {
      const mask = new Uint8Array(data.rows);
      for (let i = 0; i < data.rows; i++) mask[i] = values[i] === v.value ? 1 : 0;
      return { label: v.label, source: 0, mask };
    });
}

/** The columns of a breakdown. `none` and an unknown variable give one column of everyone. */
export function breakdownColumns(id: BreakdownId, sources: readonly ExploreSource[], context: ChannelContext): ExploreColumn[] {
  const everyone = (s: number, label: LocalizedText): ExploreColumn => ({
    label,
    source: s,
    mask: new Uint8Array(sources[s]?.data.rows ?? 0).fill(1),
  });
  const first = sources[0];
  if (!first) return [];
  switch (id) {
    case 'none':
      return [everyone(0, both('Totaal', 'Total'))];
    case 'wave':
      return sources.map((s, i) => everyone(i, both(`Meting ${s.wave.key}`, `Wave ${s.wave.key}`)));
    case 'type':
    case 'route':
    case 'gender':
    case 'cohort':
    case 'age':
      return byValues(first, BREAKDOWN_VARIABLES[id] as string, (_, missing) => !missing);
    case 'municipalityType': {
      // Every type of the study's file, then the responses without one in columns of their own, said plainly:
      // a channel whose municipality the file lacks (only when there is one), and no municipality at all (the
      // DUO letter, group sessions, direct links: the questionnaires never ask where someone lives).
      const variable = BREAKDOWN_VARIABLES[id] as string;
      const unclassified = first.data.has(variable) && first.data.numbers(variable).includes(NOT_CLASSIFIED_CODE);
      return byValues(first, variable, (value) => value !== NOT_CLASSIFIED_CODE || unclassified);
    }
    case 'language':
      return byText(
        sources,
        (data, row) => data.texts('language')[row] ?? null,
        (v) => LANGUAGE_LABELS[v] ?? both(v, v),
        Object.keys(LANGUAGE_LABELS),
      );
    case 'channel':
      return byText(
        sources,
        (data, row) => data.texts('channel')[row] ?? null,
        (v) => both(v, v),
      );
    case 'municipality':
      // The municipality of the channel a response came in through; the rest in one column of their own.
      return byText(
        sources,
        (data, row) => context.municipalities?.get(data.texts('channel')[row] ?? '') ?? NO_MUNICIPALITY,
        (v) => (v === NO_MUNICIPALITY ? NO_MUNICIPALITY_LABEL : both(v, v)),
        [...[...new Set(context.municipalities?.values() ?? [])].sort(), NO_MUNICIPALITY],
      );
    case 'recruitment':
      return byText(
        sources,
        (data, row) => recruitmentOf(data.texts('channel')[row], context),
        (v) => RECRUITMENT_LABELS[v as Recruitment],
        Object.keys(RECRUITMENT_LABELS),
      );
    case 'questionnaire':
      return byText(
        sources,
        (data, row) => data.texts('questionnaire')[row] ?? null,
        (v) => both(v, v),
      );
  }
}
