// The one place where computed numbers become what the report prints: whole percentages ("<1" below one half,
// single-answer columns adding up to 100), coefficients to three decimals, labels in the reader's language.
// Used by `report tables --json`, the researcher's views and the exports of tables; the report build's figures,
// findings and numbers in the reader's format (5.173; 3,4) come from here too. Never computes.
import type { ComputedReport } from '../analysis/compute.ts';
import type { FigureResult } from '../analysis/figures.ts';
import type { CellTest } from '../analysis/wave-compare.ts';
import type { FrequencyResult, PopulationResult, RegressionResult, ReliabilityResult, TableResult, TermNote } from '../analysis/results.ts';
import type { LocalizedText } from '../questionnaire/types.ts';
import { printedPercents, type PrintedPercent, type Stars } from '../stats/index.ts';

export type ReportLanguage = 'nl' | 'en';
export type PrintedCell = PrintedPercent | null;

export interface PrintedFrequency {
  readonly kind: 'frequency' | 'multiple' | 'topbox';
  readonly title: string;
  readonly filter: string | null;
  readonly N: number;
  readonly columns: {
    readonly label: string;
    readonly N: number;
    readonly filter: string | null;
    readonly missing?: Record<string, number>;
  }[];
  readonly rows: { readonly label: string; readonly values: PrintedCell[] }[];
  /** Pairs of columns 8 points or more apart in a row ("Wi2021-asiel 62% tegenover Wi2013-gezin 48%"). */
  readonly differences: { readonly row: string; readonly a: string; readonly b: string; readonly points: number }[];
}

export interface PrintedRegression {
  readonly kind: 'regression';
  readonly title: string;
  readonly filter: string | null;
  readonly N: number;
  readonly rows: {
    readonly label: string;
    readonly header?: true;
    readonly B: number | null;
    readonly SE: number | null;
    readonly t: number | null;
    readonly stars: Stars;
    readonly note?: string;
  }[];
  readonly adjR2: number | null;
  /** Why the model could not be estimated, when it could not. */
  readonly notEstimable?: string;
}

export interface PrintedPopulation {
  readonly kind: 'population';
  readonly title: string;
  readonly source: string | null;
  readonly N: { readonly population: number | null; readonly sample: number };
  readonly columns: { readonly label: string; readonly N?: number | null }[];
  /** values: population count, its percentage of the group, sample count, its percentage of the group. */
  readonly rows: { readonly label: string; readonly group?: string; readonly values: (number | PrintedCell)[] }[];
}

export type PrintedTable = PrintedFrequency | PrintedRegression | PrintedPopulation;

const COPY = {
  nl: { population: 'Totaal populatie', sample: 'Totaal steekproef', share: 'Percentage van groep', total: 'Totaal' },
  en: { population: 'Population total', sample: 'Sample total', share: 'Percentage of group', total: 'Total' },
} as const;

export const textIn = (t: LocalizedText, lang: ReportLanguage): string =>
  t[lang]?.text ?? t.nl?.text ?? Object.values(t).find(Boolean)?.text ?? '';

const round = (x: number | null, digits: number): number | null => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

function printFrequency(r: FrequencyResult, lang: ReportLanguage): PrintedFrequency {
  const byColumn = r.columns.map((_, c) => {
    const present = r.rows.map((row) => row.percent[c] ?? null);
    if (present.every((p) => p === null)) return present.map(() => null);
    const printed = printedPercents(
      present.map((p) => p ?? 0),
      r.kind === 'frequency',
    );
    return present.map((p, i) => (p === null ? null : (printed[i] ?? null)));
  });
  return {
    kind: r.kind,
    title: textIn(r.title, lang),
    filter: r.where,
    N: r.n,
    columns: r.columns.map((c) => ({
      label: textIn(c.label, lang),
      N: c.n,
      filter: c.where,
      ...(c.missing.length > 0 ? { missing: Object.fromEntries(c.missing.map((m) => [textIn(m.label, lang), m.count])) } : {}),
    })),
    rows: r.rows.map((row, i) => ({ label: textIn(row.label, lang), values: byColumn.map((col) => col[i] ?? null) })),
    differences: r.differences.map((d) => ({
      row: textIn(r.rows[d.row]?.label ?? {}, lang),
      a: textIn(r.columns[d.a]?.label ?? {}, lang),
      b: textIn(r.columns[d.b]?.label ?? {}, lang),
      points: Number(d.points.toFixed(1)),
    })),
  };
}

/** A term's note in English, as `report tables --json` prints it (the workspace says it through its catalogues). */
function termNoteText(note: TermNote, r: RegressionResult): string {
  switch (note) {
    case 'no-cases':
      return 'no cases in this category among the complete cases';
    case 'not-in-model':
      return 'not in the model';
    case 'model-not-estimable':
      return r.estimable ? 'not in the model' : r.message;
  }
}

function printRegression(r: RegressionResult, lang: ReportLanguage): PrintedRegression {
  return {
    kind: 'regression',
    title: textIn(r.title, lang),
    filter: r.where,
    N: r.n,
    rows: r.rows.map((row) =>
      row.kind === 'header'
        ? { label: textIn(row.label, lang), header: true, B: null, SE: null, t: null, stars: '' }
        : {
            label: textIn(row.label, lang),
            B: round(row.B, 3),
            SE: round(row.SE, 3),
            t: round(row.t, 2),
            stars: row.stars,
            ...(row.note ? { note: termNoteText(row.note, r) } : {}),
          },
    ),
    adjR2: r.estimable ? round(r.adjR2, 3) : null,
    ...(r.estimable ? {} : { notEstimable: r.message }),
  };
}

function printPopulation(r: PopulationResult, lang: ReportLanguage): PrintedPopulation {
  const copy = COPY[lang];
  // Percentages of the group, each rounded on its own as the report prints them (58 + 13 + 30 = 101 in 2.11).
  const groups = new Map<string, number[]>();
  r.rows.forEach((row, i) => {
    if (row.total) return;
    const key = r.by === 'group' ? '' : textIn(row.group, lang);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const printed = new Map<number, { population: PrintedCell; sample: PrintedCell }>();
  for (const indices of groups.values()) {
    const side = (pick: (i: number) => number | null): PrintedCell[] => {
      const values = indices.map(pick);
      if (values.every((v) => v === null)) return values.map(() => null);
      const out = printedPercents(
        values.map((v) => v ?? 0),
        false,
      );
      return values.map((v, k) => (v === null ? null : (out[k] ?? null)));
    };
    const pop = side((i) => r.rows[i]?.populationPercent ?? null);
    const sample = side((i) => r.rows[i]?.samplePercent ?? null);
    indices.forEach((i, k) => printed.set(i, { population: pop[k] ?? null, sample: sample[k] ?? null }));
  }
  return {
    kind: 'population',
    title: textIn(r.title, lang),
    source: r.source,
    N: { population: r.populationN, sample: r.sampleN },
    columns: [
      { label: copy.population, N: r.populationN },
      { label: copy.share },
      { label: copy.sample, N: r.sampleN },
      { label: copy.share },
    ],
    rows: r.rows.map((row, i) => {
      const p = printed.get(i);
      const total = row.total ? 100 : null;
      return {
        label: textIn(row.level ?? row.group, lang),
        ...(row.level ? { group: textIn(row.group, lang) } : {}),
        values: [
          row.population,
          p?.population ?? (row.population === null ? null : total),
          row.sample,
          p?.sample ?? (row.sample === null ? null : total),
        ],
      };
    }),
  };
}

/** One computed table as printed. */
export function printTable(result: TableResult, lang: ReportLanguage = 'nl'): PrintedTable {
  switch (result.kind) {
    case 'frequency':
    case 'multiple':
    case 'topbox':
      return printFrequency(result, lang);
    case 'regression':
      return printRegression(result, lang);
    case 'population':
      return printPopulation(result, lang);
  }
}

export interface PrintedReliability {
  readonly scale: string;
  readonly label: string;
  readonly items: readonly string[];
  readonly alpha: number | null;
  readonly N: number;
}

const printReliability = (r: ReliabilityResult, lang: ReportLanguage): PrintedReliability => ({
  scale: r.scale,
  label: textIn(r.label, lang),
  items: r.items,
  alpha: round(r.alpha, 2),
  N: r.n,
});

export interface PrintedReport {
  readonly synthetic: boolean;
  readonly note?: string;
  readonly wave: string;
  /** Which responses the tables count: "completed" (default) or "all". */
  readonly counts: 'completed' | 'all';
  readonly N: number;
  readonly weighted: boolean;
  readonly tables: Record<string, PrintedTable>;
  readonly omitted?: Record<string, string>;
  readonly reliability: PrintedReliability[];
}

/** A computed report as `report tables --json` prints it. */
export function printReport(
  report: ComputedReport,
  options: {
    readonly lang?: ReportLanguage;
    readonly synthetic: { readonly count: number; readonly note: string | null };
    readonly weighted?: boolean;
  },
): PrintedReport {
  const lang = options.lang ?? 'nl';
  return {
    synthetic: options.synthetic.count > 0,
    ...(options.synthetic.note ? { note: options.synthetic.note } : {}),
    wave: report.wave,
    counts: report.counts,
    N: report.responses,
    weighted: options.weighted ?? false,
    tables: Object.fromEntries([...report.tables].map(([id, t]) => [id, printTable(t, lang)])),
    ...(report.omitted.size > 0 ? { omitted: Object.fromEntries(report.omitted) } : {}),
    reliability: report.reliability.map((r) => printReliability(r, lang)),
  };
}

export interface PrintedFigure {
  readonly kind: FigureResult['kind'];
  readonly title: string;
  readonly filter: string | null;
  /** Respondents in any bar; with `meanN` the mean over the figure's items ("gemiddelde N"). */
  readonly N: number;
  readonly meanN?: true;
  readonly note?: string;
  /** Segments in scale order. */
  readonly categories: string[];
  readonly bars: { readonly label: string; readonly group?: string; readonly N: number; readonly percent: PrintedCell[] }[];
  /** Bars of one group 8 points or more apart in a category. */
  readonly differences: { readonly category: string; readonly a: string; readonly b: string; readonly points: number }[];
}

/** A computed figure as printed: whole percentages per bar (stacked bars add up to 100), labels in `lang`. */
export function printFigure(r: FigureResult, lang: ReportLanguage = 'nl'): PrintedFigure {
  const sumTo100 = r.kind !== 'multiple';
  const barLabel = (b: FigureResult['bars'][number]): string => textIn(b.label, lang) || COPY[lang].total;
  const full = (b: FigureResult['bars'][number]): string => (b.group ? `${textIn(b.group, lang)}, ${barLabel(b)}` : barLabel(b));
  return {
    kind: r.kind,
    title: textIn(r.title, lang),
    filter: r.where,
    N: r.n,
    ...(r.meanN ? { meanN: true as const } : {}),
    ...(r.note ? { note: textIn(r.note, lang) } : {}),
    categories: r.categories.map((c) => textIn(c.label, lang)),
    bars: r.bars.map((b) => {
      const present = b.percent.map((p) => p ?? null);
      let percent: PrintedCell[];
      if (present.every((p) => p === null)) percent = present.map(() => null);
      else {
        const printed = printedPercents(
          present.map((p) => p ?? 0),
          sumTo100,
        );
        percent = present.map((p, i) => (p === null ? null : (printed[i] ?? null)));
      }
      return { label: barLabel(b), ...(b.group ? { group: textIn(b.group, lang) } : {}), N: b.n, percent };
    }),
    differences: r.differences.map((d) => {
      const a = r.bars[d.a];
      const b = r.bars[d.b];
      return {
        category: textIn(r.categories[d.category]?.label ?? {}, lang),
        a: a ? full(a) : '',
        b: b ? full(b) : '',
        points: Number(d.points.toFixed(1)),
      };
    }),
  };
}

// ---- numbers and findings as the reader sees them ----

const LOCALE: Record<ReportLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A count in the reader's format: 5.173 (nl), 5,173 (en). */
export const formatCount = (n: number, lang: ReportLanguage): string => new Intl.NumberFormat(LOCALE[lang]).format(n);

/** A number with fixed decimals: 3,4 (nl), 3.4 (en); "" for null. */
export function formatDecimal(x: number | null, digits: number, lang: ReportLanguage): string {
  if (x === null || !Number.isFinite(x)) return '';
  return new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A printed percentage as text: "62%", "<1%", "" for an empty cell. */
export const percentText = (cell: PrintedCell): string => (cell === null ? '' : `${cell}%`);

// ---- the earlier wave beside the current one ----

/** A table's or figure's cells beside the earlier wave: per row (category) and column (bar). */
export interface PrintedComparison {
  readonly earlier: string;
  /** Per column (bar): the chi-square test of the column, when one test covers it (single-choice items). */
  readonly columns: readonly { readonly p: number | null; readonly method: 'pearson' | 'rao-scott' | null }[];
  /** Per row: per column the earlier printed percentage, the difference in whole points, and the mark. */
  readonly rows: readonly {
    readonly earlier: readonly PrintedCell[];
    readonly difference: readonly (number | null)[];
    readonly marked: readonly boolean[];
  }[];
}

/** The report's rule for a change worth a mark: 8 points or more, and significant at 5%. */
const MARK_POINTS = 8;
const MARK_P = 0.05;

/**
 * Current and earlier percentages ([row][column], exact) as printed: the earlier wave's whole percentages
 * (columns adding up to 100 for single-choice items), the difference in whole points, and a mark where the
 * difference is 8 points or more and the cell's test is significant.
 */
export function printComparison(
  current: readonly (readonly (number | null)[])[],
  earlier: readonly (readonly (number | null)[])[],
  tests: readonly (readonly CellTest[])[],
  label: string,
  sumTo100: boolean,
): PrintedComparison {
  const columns = Math.max(0, ...current.map((r) => r.length));
  const printedEarlier = Array.from({ length: columns }, (_, c) => {
    const present = earlier.map((row) => row[c] ?? null);
    if (present.every((p) => p === null)) return present.map(() => null);
    const printed = printedPercents(
      present.map((p) => p ?? 0),
      sumTo100,
    );
    return present.map((p, i) => (p === null ? null : (printed[i] ?? null)));
  });
  return {
    earlier: label,
    columns: Array.from({ length: columns }, (_, c) => {
      const test = tests[0]?.[c];
      const same = tests.every((row) => row[c]?.p === test?.p);
      return same && test ? { p: test.p, method: test.method } : { p: null, method: null };
    }),
    rows: current.map((row, r) => {
      const diff = row.map((p, c) => {
        const e = earlier[r]?.[c] ?? null;
        return p === null || e === null ? null : p - e;
      });
      return {
        earlier: row.map((_, c) => printedEarlier[c]?.[r] ?? null),
        difference: diff.map((d) => (d === null ? null : Math.round(d))),
        marked: diff.map((d, c) => {
          const p = tests[r]?.[c]?.p ?? null;
          return d !== null && p !== null && Math.abs(d) >= MARK_POINTS - 1e-9 && p < MARK_P;
        }),
      };
    }),
  };
}
