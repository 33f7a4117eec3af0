// Who a published column or figure bar counts, in the shape the demo generator allocates by: the planned type
// inburgeraar, learning route, cohort and gender of a synthetic person, and answers to other questions (the
// exam level of Figuur 8.2). Read from the conditions in report.json (comparisons with "=" and "in" joined by
// "and"), so the demo follows the study's own specification; a column of another shape is an error naming it.
// Also which question each property comes from (a figure's target waits for the last of them).
import type { Condition } from '../questionnaire/types.ts';
import { DemoDataError } from './errors.ts';

/** Who is in a column: every listed property must match. */
export interface ColumnFilter {
  readonly type?: readonly number[];
  readonly route?: readonly number[];
  readonly cohort?: readonly number[];
  readonly gender?: readonly number[];
  /** Answer codes of other questions, by question id. */
  readonly answers?: Readonly<Record<string, readonly number[]>>;
}

/** The per-respondent values the filters look at; null when unknown. */
export interface Profile {
  readonly type: number | null;
  readonly route: number | null;
  readonly cohort: number | null;
  readonly gender: number | null;
  /** The answers so far, by question id (for conditions on other questions). */
  readonly answers?: ReadonlyMap<string, unknown>;
}

/** A question's answer code in a profile, null without one (or with a list or text). */
export function answerOf(profile: Profile, item: string): number | null {
  const v = profile.answers?.get(item);
  return typeof v === 'number' ? v : null;
}

type Dimension = 'route' | 'cohort' | 'gender';

const FIELD: Readonly<Record<string, 'type' | Dimension>> = {
  type_inburgeraar: 'type',
  'Q2.09': 'route',
  cohort: 'cohort',
  'Q2.01': 'gender',
};

/** The cohort a PIP year (Q2.11) puts a Wi2021 respondent in (variables.json "cohort"); others: none. */
export const COHORT_OF_PIP: Readonly<Record<number, number>> = { 2022: 1, 2023: 1, 2024: 2 };

/** The question each property of a profile comes from, and the answer codes that give a value. */
const DIMENSIONS: Readonly<Record<Dimension, { readonly item: string; readonly codes: (value: number) => number[] }>> = {
  route: { item: 'Q2.09', codes: (v) => [v] },
  gender: { item: 'Q2.01', codes: (v) => [v] },
  cohort: {
    item: 'Q2.11',
    codes: (v) =>
      Object.entries(COHORT_OF_PIP)
        .filter(([, c]) => c === v)
        .map(([pip]) => Number(pip)),
  },
};

/** A question id of the questionnaires (not a derived variable). */
const isQuestion = (item: string): boolean => /^Q\d/.test(item);

const allows = (allowed: readonly number[] | undefined, value: number | null): boolean =>
  allowed === undefined || (value !== null && allowed.includes(value));

export function matches(filter: ColumnFilter, profile: Profile): boolean {
  if (!allows(filter.type, profile.type) || !allows(filter.route, profile.route)) return false;
  if (!allows(filter.cohort, profile.cohort) || !allows(filter.gender, profile.gender)) return false;
  if (filter.answers === undefined) return true;
  for (const item in filter.answers) if (!allows(filter.answers[item], answerOf(profile, item))) return false;
  return true;
}

/** The filter a column's condition stands for (null: everyone). */
export function filterOf(condition: Condition | null, where: string): ColumnFilter {
  const out: { -readonly [K in keyof ColumnFilter]: ColumnFilter[K] } = {};
  const add = (c: Condition): void => {
    switch (c.kind) {
      case 'all':
        c.conditions.forEach(add);
        return;
      case 'compare':
      case 'in': {
        if (c.kind === 'compare' && c.op !== '=') break;
        const values = c.kind === 'compare' ? [c.value] : c.values;
        const field = FIELD[c.item];
        if (field !== undefined) out[field] = values;
        else if (isQuestion(c.item)) out.answers = { ...out.answers, [c.item]: values };
        else break;
        return;
      }
      case 'any':
      case 'not':
      case 'answered':
        break;
    }
    throw new DemoDataError(
      `the demo cannot allocate answers to the column "${where}": it reads only "=" and "in" on type_inburgeraar, cohort and questions joined by "and"`,
    );
  };
  if (condition) add(condition);
  return out;
}

/** The people both filters let through (a figure's filter and one of its bars'). */
export function bothFilters(a: ColumnFilter, b: ColumnFilter): ColumnFilter {
  const meet = (x?: readonly number[], y?: readonly number[]): readonly number[] | undefined =>
    x === undefined ? y : y === undefined ? x : x.filter((v) => y.includes(v));
  const answers = { ...a.answers };
  for (const [item, codes] of Object.entries(b.answers ?? {})) answers[item] = meet(answers[item], codes) ?? codes;
  const out: { -readonly [K in keyof ColumnFilter]: ColumnFilter[K] } = {};
  for (const key of ['type', 'route', 'cohort', 'gender'] as const) {
    const v = meet(a[key], b[key]);
    if (v !== undefined) out[key] = v;
  }
  if (Object.keys(answers).length > 0) out.answers = answers;
  return out;
}

/** The questions a filter looks at, with the answer codes it lets through. */
export function filterQuestions(filter: ColumnFilter): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const key of ['route', 'cohort', 'gender'] as const) {
    const values = filter[key];
    if (values === undefined) continue;
    const { item, codes } = DIMENSIONS[key];
    out.set(item, values.flatMap(codes));
  }
  for (const [item, codes] of Object.entries(filter.answers ?? {})) out.set(item, [...codes]);
  return out;
}

/** The filter without what it says about one question. */
export function withoutQuestion(filter: ColumnFilter, item: string): ColumnFilter {
  const out: { -readonly [K in keyof ColumnFilter]: ColumnFilter[K] } = { ...filter };
  for (const key of ['route', 'cohort', 'gender'] as const) if (DIMENSIONS[key].item === item) delete out[key];
  if (out.answers && item in out.answers) {
    const { [item]: _dropped, ...rest } = out.answers;
    out.answers = rest;
  }
  return out;
}
