// Who a published column counts, in the shape the demo generator allocates by: the planned type
// inburgeraar, learning route, cohort and gender of a synthetic person. Read from the columns' conditions
// in report.json (comparisons of type_inburgeraar, Q2.09, cohort and Q2.01 joined by "and"), so the demo
// follows the study's own specification; a column of another shape is an error naming it.
import type { Condition } from '../questionnaire/types.ts';
import { DemoDataError } from './errors.ts';

/** Who is in a column: every listed property must match. */
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

const FIELD: Readonly<Record<string, keyof ColumnFilter>> = {
  type_inburgeraar: 'type',
  'Q2.09': 'route',
  cohort: 'cohort',
  'Q2.01': 'gender',
};

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

/** The filter a column's condition stands for (null: everyone). */
export function filterOf(condition: Condition | null, where: string): ColumnFilter {
  const out: Partial<Record<keyof ColumnFilter, readonly number[]>> = {};
  const add = (c: Condition): void => {
    switch (c.kind) {
      case 'all':
        c.conditions.forEach(add);
        return;
      case 'compare':
      case 'in': {
        const field = FIELD[c.item];
        if (field === undefined || (c.kind === 'compare' && c.op !== '=')) break;
        out[field] = c.kind === 'compare' ? [c.value] : c.values;
        return;
      }
      case 'any':
      case 'not':
      case 'answered':
        break;
    }
    throw new DemoDataError(
      `the demo cannot allocate answers to the column "${where}": it reads only "=" and "in" on type_inburgeraar, Q2.09, cohort and Q2.01 joined by "and"`,
    );
  };
  if (condition) add(condition);
  return out;
}
