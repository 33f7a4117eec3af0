// The report specification: which stored item (or scale) feeds each table of the report, which respondents
// form each column, and which answer code each printed row counts. Titles and labels are the report's own
// (published-tables.json); values are always computed from data (report-tables.ts). No I/O beyond that file.
import type { ChoiceItem, ItemId, QuestionnaireDefinition } from '../questionnaire/types.ts';
import { isChoiceItem } from '../questionnaire/types.ts';
import type { StudyDefinition } from '../study/load.ts';
import { publishedTables, type PublishedTable } from './published.ts';

/** Who is in a column: every listed property must match (type inburgeraar, Q2.09 route, cohort, Q2.01 gender). */
export interface ColumnFilter {
  readonly type?: readonly number[];
  readonly route?: readonly number[];
  readonly cohort?: readonly number[];
  readonly gender?: readonly number[];
}

/** The per-respondent values the filters look at; null when unknown. */
export interface Profile {
  readonly type: number | null;
  readonly route: number | null;
  readonly cohort: number | null;
  readonly gender: number | null;
}

export interface ReportColumn {
  readonly label: string;
  readonly filter: ColumnFilter;
}

export interface CodedRow {
  readonly label: string;
  readonly code: number;
}

export type FrequencySpec =
  | {
      readonly kind: 'single';
      readonly id: string;
      readonly title: string;
      readonly item: ItemId;
      readonly columns: readonly ReportColumn[];
      readonly rows: readonly CodedRow[];
    }
  | {
      readonly kind: 'multi';
      readonly id: string;
      readonly title: string;
      readonly item: ItemId;
      readonly columns: readonly ReportColumn[];
      readonly rows: readonly CodedRow[];
    }
  /** Percentage choosing one of `codes` on each row's own item (Tabel 4.6: "(heel) goed"). */
  | {
      readonly kind: 'topbox';
      readonly id: string;
      readonly title: string;
      readonly columns: readonly ReportColumn[];
      readonly rows: readonly { readonly label: string; readonly item: ItemId; readonly codes: readonly number[] }[];
    };

export interface RegressionRow {
  readonly label: string;
  /** Term name of the fitted model: "(Constant)", a predictor name or "name=level". Null for a group heading. */
  readonly term: string | null;
}

export interface RegressionSpec {
  readonly kind: 'regression';
  readonly id: string;
  readonly title: string;
  /** Dataset column of the outcome (a scale id or an item id). */
  readonly outcome: string;
  readonly type: number;
  /** Wi2021 models have route, cohort and intake; Wi2013 models do not. */
  readonly full: boolean;
  readonly rows: readonly RegressionRow[];
}

export type PopulationBy = 'type' | 'gender' | 'route' | 'age';

export interface PopulationSpec {
  readonly kind: 'population';
  readonly id: string;
  readonly title: string;
  readonly by: PopulationBy;
  readonly columns: readonly string[];
  /** type: type inburgeraar (null: Wi2013 without a known permit, or the total row); code: category of `by`. */
  readonly rows: readonly { readonly label: string; readonly group?: string; readonly type: number | null; readonly code: number | null }[];
}

export type TableSpec = FrequencySpec | RegressionSpec | PopulationSpec;

export class ReportSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportSpecError';
  }
}

/** Frequency tables and the item each one counts. */
const FREQUENCY_ITEMS: Readonly<Record<string, string>> = {
  '2.1': 'Q2.04',
  '2.2': 'Q2.06',
  '2.3': 'Q2.07',
  '2.4': 'Q2.07',
  '2.5': 'Q2.08',
  '2.6': 'Q2.10',
  '3.1': 'Q3.01',
  '3.2': 'Q3.02',
  '3.3': 'Q3.03',
  '3.4': 'Q3.04',
  '3.5': 'Q3.05',
  '3.6': 'Q3.06',
  '3.7': 'Q3.07',
  '3.8': 'Q3.08',
  '4.1': 'Q4.17',
  '4.2': 'Q4.18',
  '4.3': 'Q4.19',
  '4.4': 'Q4.20',
  '4.5': 'Q4.21',
  '5.1': 'Q5.07',
  '7.1': 'Q7.01',
  '7.2': 'Q7.02',
  '7.3': 'Q7.04',
  '7.4': 'Q7.08',
  '7.5': 'Q7.09',
  '7.6': 'Q7.10',
  '7.7': 'Q7.11',
  '8.1': 'Q8.03',
  '8.2': 'Q8.04',
  '8.3': 'Q8.05',
  '8.4': 'Q8.06',
  '8.5': 'Q8.07',
  '8.6': 'Q8.08',
  'B.3.1': 'Q4.23',
  'B.5.1': 'Q5.01',
  'B.5.2': 'Q5.02',
  'B.5.3': 'Q5.03',
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6].flatMap((k) => [
      [`B.2.${k}a`, `Q3.0${k}`],
      [`B.2.${k}b`, `Q3.0${k}`],
    ]),
  ),
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((k) => [`B.4.${k}`, `Q4.${24 + k}`])),
};

/** The course-quality aspects of Tabel 4.6, in its row order. */
const QUALITY_ITEMS = ['Q4.25', 'Q4.26', 'Q4.27', 'Q4.28', 'Q4.29', 'Q4.30', 'Q4.31'];

const REGRESSION_OUTCOMES: Readonly<Record<string, string>> = {
  '4.7': 'kwaliteit',
  ...Object.fromEntries([7, 8, 9, 10].map((k) => [`B.2.${k}`, 'maatschappelijk_doel'])),
  ...Object.fromEntries([11, 12, 13, 14].map((k) => [`B.2.${k}`, 'beleidsdoelen'])),
  ...Object.fromEntries([8, 9, 10, 11, 12, 13, 14].map((k) => [`B.4.${k}`, `Q4.${17 + k}`])),
};

/** Regression row labels of the report and the model terms (see regression.ts for the predictors). */
const TERMS: Readonly<Record<string, string>> = {
  Constante: '(Constant)',
  Leeftijd: 'leeftijd',
  'Geslacht (vrouw)': 'vrouw',
  Opleidingsniveau: 'opleidingsniveau',
  Taalniveau: 'taalniveau',
  Gezondheid: 'gezondheid',
  B1: 'leerroute=1',
  O: 'leerroute=2',
  'Cohort 1': 'cohort1',
  'Brede intake': 'brede_intake',
  Vrijwilligerswerk: 'werkervaring=1',
  'Betaald werk': 'werkervaring=2',
};

const TYPE_LABELS: readonly [RegExp, number][] = [
  [/^Wi-?2021-asiel/, 1],
  [/^Wi-?2021-gezin/, 2],
  [/^Wi-?2013-asiel/, 3],
  [/^Wi-?2013-gezin/, 4],
];

/** Type inburgeraar from a column or group label ("Wi2013-gezin/overig" → 4); null when none. */
export function typeOfLabel(label: string): number | null {
  return TYPE_LABELS.find(([re]) => re.test(label))?.[1] ?? null;
}

/** The respondents a printed column label stands for. */
export function columnFilter(label: string): ColumnFilter {
  const type = typeOfLabel(label);
  const filter: { type?: number[]; route?: number[]; cohort?: number[]; gender?: number[] } = {};
  if (type !== null) filter.type = [type];
  if (/Mannen$/.test(label)) filter.gender = [1];
  if (/Vrouwen$/.test(label)) filter.gender = [2];
  if (/^B1-route/.test(label)) filter.route = [1];
  if (/^O-route/.test(label)) filter.route = [2];
  if (/^Z-route/.test(label)) filter.route = [3];
  if (/Cohort 1/.test(label)) filter.cohort = [1];
  if (/Cohort 2/.test(label)) filter.cohort = [2];
  if (Object.keys(filter).length === 0 && label !== 'Totaal') throw new ReportSpecError(`no respondents known for column "${label}"`);
  return filter;
}

export function matches(filter: ColumnFilter, profile: Profile): boolean {
  const ok = (allowed: readonly number[] | undefined, value: number | null): boolean =>
    allowed === undefined || (value !== null && allowed.includes(value));
  return (
    ok(filter.type, profile.type) &&
    ok(filter.route, profile.route) &&
    ok(filter.cohort, profile.cohort) &&
    ok(filter.gender, profile.gender)
  );
}

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');

/** The option a printed row label names: equal text first, else the longest common beginning. */
export function codeOfLabel(item: ChoiceItem, label: string): number {
  const wanted = normalize(label);
  let best: { code: number; score: number } | null = null;
  for (const option of item.options) {
    const text = normalize(option.text.nl?.text ?? '');
    if (text === wanted) return option.code;
    let k = 0;
    while (k < text.length && k < wanted.length && text[k] === wanted[k]) k++;
    if (!best || k > best.score) best = { code: option.code, score: k };
  }
  if (!best || best.score < 4) throw new ReportSpecError(`${item.id}: no option matches the row "${label}"`);
  return best.code;
}

/** Every choice item of the study by id (the first questionnaire that has it, others add missing options). */
export function choiceItems(questionnaires: readonly QuestionnaireDefinition[]): Map<string, ChoiceItem> {
  const out = new Map<string, ChoiceItem>();
  for (const q of questionnaires) {
    for (const page of q.pages) {
      for (const item of page.items) {
        if (!isChoiceItem(item)) continue;
        const known = out.get(item.id);
        if (!known) out.set(item.id, item);
        else {
          const codes = new Set(known.options.map((o) => o.code));
          const extra = item.options.filter((o) => !codes.has(o.code));
          if (extra.length > 0) out.set(item.id, { ...known, options: [...known.options, ...extra] } as ChoiceItem);
        }
      }
    }
  }
  return out;
}

function frequencySpec(table: Extract<PublishedTable, { kind: 'frequency' }>, items: Map<string, ChoiceItem>): FrequencySpec {
  const columns = table.columns.map((label) => ({ label, filter: columnFilter(label) }));
  if (table.id === '4.6') {
    return {
      kind: 'topbox',
      id: table.id,
      title: table.title,
      columns,
      rows: table.rows.map((row, i) => ({ label: row.label, item: QUALITY_ITEMS[i] as ItemId, codes: [4, 5] })),
    };
  }
  const itemId = FREQUENCY_ITEMS[table.id];
  const item = itemId ? items.get(itemId) : undefined;
  if (!item) throw new ReportSpecError(`table ${table.id}: no item in the study feeds it`);
  const rows = table.rows.map((row) => ({ label: row.label, code: codeOfLabel(item, row.label) }));
  return { kind: item.kind === 'multi' ? 'multi' : 'single', id: table.id, title: table.title, item: item.id, columns, rows };
}

function regressionSpec(table: Extract<PublishedTable, { kind: 'regression' }>): RegressionSpec {
  const type = typeOfLabel(table.group);
  const outcome = REGRESSION_OUTCOMES[table.id];
  if (type === null || !outcome) throw new ReportSpecError(`table ${table.id}: unknown group or outcome`);
  return {
    kind: 'regression',
    id: table.id,
    title: table.title,
    outcome,
    type,
    full: type <= 2,
    rows: table.rows.map((row) => {
      if (row.header) return { label: row.label, term: null };
      const term = TERMS[row.label];
      if (!term) throw new ReportSpecError(`table ${table.id}: unknown predictor "${row.label}"`);
      return { label: row.label, term };
    }),
  };
}

const POPULATION_BY: Readonly<Record<string, PopulationBy>> = { '2.9': 'type', '2.10': 'gender', '2.11': 'route', '2.12': 'age' };
const BAND_CODES: Readonly<Record<string, number>> = { '18-21': 1, '22-30': 2, '31-45': 3, '46-76': 4 };

function populationSpec(table: Extract<PublishedTable, { kind: 'population' }>): PopulationSpec {
  const by = POPULATION_BY[table.id];
  if (!by) throw new ReportSpecError(`table ${table.id}: unknown population breakdown`);
  const rows = table.rows.map((row) => {
    if (by === 'type') return { label: row.label, type: typeOfLabel(row.label), code: null };
    const type = typeOfLabel(row.group ?? '');
    const code =
      by === 'gender'
        ? row.label === 'Mannen'
          ? 1
          : 2
        : by === 'route'
          ? ({ 'B1-route': 1, 'O-route': 2, 'Z-route': 3 }[row.label] ?? null)
          : (BAND_CODES[row.label] ?? null);
    return { label: row.label, ...(row.group ? { group: row.group } : {}), type, code };
  });
  return { kind: 'population', id: table.id, title: table.title, by, columns: table.columns, rows };
}

function waveOf(study: StudyDefinition, waveId: string | undefined) {
  const wave = waveId ? study.waves.find((w) => w.id === waveId) : [...study.waves].sort((a, b) => b.number - a.number)[0];
  if (!wave) throw new ReportSpecError(`the study has no wave ${waveId ?? ''}`);
  return wave;
}

/**
 * Frequency tables whose item another wave of the study asks but this wave's questionnaires do not (e.g. the
 * exams, new in 2024, in wave 2023): table id → item id. Those tables are left out of that wave's report.
 */
export function tablesNotAsked(study: StudyDefinition, waveId?: string): Map<string, string> {
  const asked = choiceItems(waveOf(study, waveId).questionnaires);
  const anywhere = choiceItems(study.waves.flatMap((w) => w.questionnaires));
  const out = new Map<string, string>();
  for (const table of publishedTables()) {
    const item = table.kind === 'frequency' ? FREQUENCY_ITEMS[table.id] : undefined;
    if (item && !asked.has(item) && anywhere.has(item)) out.set(table.id, item);
  }
  return out;
}

/** The report's tables (frequency, population, regression) as specifications over the study's items. */
export function buildReportSpec(study: StudyDefinition, waveId?: string): TableSpec[] {
  const items = choiceItems(waveOf(study, waveId).questionnaires);
  const notAsked = tablesNotAsked(study, waveId);
  return publishedTables().flatMap((table): TableSpec[] => {
    if (notAsked.has(table.id)) return [];
    switch (table.kind) {
      case 'frequency':
        return [frequencySpec(table, items)];
      case 'regression':
        return [regressionSpec(table)];
      case 'population':
        return [populationSpec(table)];
    }
  });
}
