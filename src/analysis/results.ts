// The computed tables of a report, as numbers: exact percentages, Ns, coefficients. Nothing here is rounded
// or formatted; print.ts turns a result into what the report prints, in one place.
import type { NotEstimable, Stars } from '../stats/index.ts';
import type { LocalizedText } from '../questionnaire/types.ts';

/** Answers left out of a column's N because they hold a missing code the table does not show as a row. */
export interface MissingCount {
  readonly code: number;
  readonly label: LocalizedText;
  readonly count: number;
}

export interface ResultColumn {
  readonly label: LocalizedText;
  /** Who is in the column, as written in the specification (null: everyone the table counts). */
  readonly where: string | null;
  /** Valid answers (unweighted); for a top-box table the mean over its rows. */
  readonly n: number;
  /** Weighted valid answers (equal to n without weights). */
  readonly weightedN: number;
  readonly missing: readonly MissingCount[];
}

export interface ResultRow {
  readonly label: LocalizedText;
  /** The answer code (frequency, multiple) or the item (top box) of the row. */
  readonly code: number | null;
  readonly item: string | null;
  /** Per column: percentage of the column's valid answers (weighted when weights), or null: no valid answers. */
  readonly percent: readonly (number | null)[];
  /** Per column: unweighted count behind the percentage. */
  readonly count: readonly (number | null)[];
}

/** Two columns of one row that differ by 8 points or more (appendix B.1's rule). */
export interface Difference {
  readonly row: number;
  readonly a: number;
  readonly b: number;
  readonly points: number;
}

export interface FrequencyResult {
  readonly kind: 'frequency' | 'multiple' | 'topbox';
  readonly id: string;
  readonly title: LocalizedText;
  /** The table's own filter, as written in the specification. */
  readonly where: string | null;
  /** Respondents counted in any column (unweighted); for a top-box table the sum of the column Ns. */
  readonly n: number;
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly ResultRow[];
  readonly differences: readonly Difference[];
}

export type RegressionRow =
  | { readonly kind: 'header'; readonly label: LocalizedText }
  | {
      readonly kind: 'term';
      readonly label: LocalizedText;
      readonly term: string;
      /** Null when the term could not be estimated (`note` says why). */
      readonly B: number | null;
      readonly SE: number | null;
      readonly t: number | null;
      readonly p: number | null;
      readonly stars: Stars;
      readonly note: TermNote | null;
    };

/**
 * Why a term has no estimate, as data (each reader says it in its own words): its category has no cases among
 * the complete cases, the fit has no such term, or the model as a whole could not be estimated (the result's
 * `reason`).
 */
export type TermNote = 'no-cases' | 'not-in-model' | 'model-not-estimable';

export type RegressionResult = {
  readonly kind: 'regression';
  readonly id: string;
  readonly title: LocalizedText;
  readonly where: string | null;
  readonly outcome: string;
  readonly rows: readonly RegressionRow[];
} & (
  | { readonly estimable: true; readonly n: number; readonly r2: number; readonly adjR2: number; readonly F: number; readonly pF: number }
  | { readonly estimable: false; readonly reason: NotEstimable; readonly message: string; readonly n: number }
);

export interface PopulationRow {
  readonly group: LocalizedText;
  /** The dimension's level; null on a by-group table. */
  readonly level: LocalizedText | null;
  readonly population: number | null;
  readonly populationPercent: number | null;
  /** Null for a group only the population has. */
  readonly sample: number | null;
  readonly samplePercent: number | null;
  /** The total row of a by-group table. */
  readonly total: boolean;
}

export interface PopulationResult {
  readonly kind: 'population';
  readonly id: string;
  readonly title: LocalizedText;
  readonly by: 'group' | 'gender' | 'route' | 'ageBand';
  /** Where the population counts come from; null when the wave has no population file. */
  readonly source: string | null;
  readonly rows: readonly PopulationRow[];
  /** Respondents with a known group (and, by a dimension, a listed level). */
  readonly sampleN: number;
  readonly populationN: number | null;
}

export interface ReliabilityResult {
  readonly scale: string;
  readonly label: LocalizedText;
  readonly items: readonly string[];
  /** Null when fewer than two complete cases. */
  readonly alpha: number | null;
  readonly n: number;
}

export type TableResult = FrequencyResult | RegressionResult | PopulationResult;
