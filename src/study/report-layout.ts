// The report as a publication, in its specification (report.json): the numbered figures (100% stacked bars of
// one item per group, grouped bars of a multiple-choice item, or several items of one scale side by side), the
// tables of fixed text (Tabel 1.1, B.1), and the chapters and sections with their headings and numbering and
// what sits in each (tables, figures, qualitative tables, method notes). Authoring format (zod) → normalised;
// the names the figures use are checked against the study by validate-layout.ts. Pure.
import { z } from 'zod';
import type { ValidationIssue } from '../questionnaire/normalize.ts';
import type { Condition, LocalizedText } from '../questionnaire/types.ts';
import { asLocalized, columnSchema, id, rowSchema, text, variable, where, type RawColumn, type RawRow } from './report-parts.ts';

const figureBase = {
  id,
  title: text,
  /** Extra filter on the respondents the figure counts (besides its bars). */
  where: where.optional(),
  /** A sentence printed under the figure (source, what is left out). */
  note: text.optional(),
  /** The bars: a named breakdown (see `breakdowns`) or the columns written out. */
  breakdown: z.union([z.string().min(1), z.array(columnSchema).min(1)]),
};
/** Categories (answer codes) in scale order, as the segments are drawn; missing codes listed here are counted. */
const rows = z.array(rowSchema).min(1);

export const figureSchema = z.discriminatedUnion('kind', [
  /** One single-choice or scale item: one 100% stacked bar per column of the breakdown. */
  z.strictObject({ ...figureBase, kind: z.literal('stacked'), item: variable, rows }),
  /** One multiple-choice item: per option the percentage choosing it, one bar per column (grouped bars). */
  z.strictObject({ ...figureBase, kind: z.literal('multiple'), item: variable, rows }),
  /** Several items of one scale: a stacked bar per item and column; the caption's N is the mean ("gemiddelde N"). */
  z.strictObject({
    ...figureBase,
    kind: z.literal('items'),
    items: z.array(z.strictObject({ item: variable, label: text })).min(1),
    rows,
  }),
  /** The sizes of the breakdown's columns as the segments of one bar (columns must not overlap). */
  z.strictObject({ ...figureBase, kind: z.literal('sizes') }),
]);

const cell = z.union([text, z.boolean(), z.null()]);

export const textTableSchema = z.strictObject({
  id,
  title: text,
  columns: z.array(text).min(1),
  rows: z.array(z.strictObject({ label: text, cells: z.array(cell) })).min(1),
  note: text.optional(),
});

const contentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('table'), id }),
  z.strictObject({ kind: z.literal('figure'), id }),
  /** Tables 2.7 and 2.8: the qualitative arm's participant register. */
  z.strictObject({ kind: z.literal('qualitative'), id: z.enum(['2.7', '2.8']) }),
  /** Generated method notes: the weighting (design effect, effective N), the scales' reliability, the waves compared. */
  z.strictObject({ kind: z.literal('method'), method: z.enum(['weighting', 'reliability', 'waves']) }),
]);

export const sectionSchema = z.strictObject({
  /** "2", "2.1", "4.4.2", "B.2"; absent for unnumbered headings (Managementsamenvatting, Bijlagen). */
  number: z
    .string()
    .regex(/^(?:[A-Z]|[A-Z]\.[0-9]+(?:\.[0-9]+)*|[0-9]+(?:\.[0-9]+)*)$/, 'section numbers look like "2", "4.4.2" or "B.2"')
    .optional(),
  /** Heading level 1-4; default: from the number (chapters 1, "2.1" 2, ...; "B.2" 2). */
  level: z.number().int().min(1).max(4).optional(),
  title: text,
  content: z.array(contentSchema).default([]),
});

export type FigureFile = z.input<typeof figureSchema>;

// ---- normalised ----

export interface FigureColumn {
  readonly label: LocalizedText;
  readonly where: Condition | null;
  readonly whereText: string | null;
}

export interface FigureBreakdown {
  readonly id: string | null;
  readonly label: LocalizedText;
  readonly columns: readonly FigureColumn[];
}

export interface FigureRow {
  readonly code: number;
  /** Null: the option's own text. */
  readonly label: LocalizedText | null;
}

interface FigureCommon {
  readonly id: string;
  readonly title: LocalizedText;
  readonly where: Condition | null;
  readonly whereText: string | null;
  readonly note: LocalizedText | null;
  readonly breakdown: FigureBreakdown;
  /** Categories in scale order; empty for a figure of sizes. */
  readonly rows: readonly FigureRow[];
}

export type FigureSpec =
  | (FigureCommon & { readonly kind: 'sizes' })
  | (FigureCommon & { readonly kind: 'stacked'; readonly item: string })
  | (FigureCommon & { readonly kind: 'multiple'; readonly item: string })
  | (FigureCommon & { readonly kind: 'items'; readonly items: readonly { readonly item: string; readonly label: LocalizedText }[] });

export type TextCell = LocalizedText | boolean | null;

export interface TextTable {
  readonly id: string;
  readonly title: LocalizedText;
  readonly columns: readonly LocalizedText[];
  readonly rows: readonly { readonly label: LocalizedText; readonly cells: readonly TextCell[] }[];
  readonly note: LocalizedText | null;
}

export type SectionContent =
  | { readonly kind: 'table'; readonly id: string }
  | { readonly kind: 'figure'; readonly id: string }
  | { readonly kind: 'qualitative'; readonly id: '2.7' | '2.8' }
  | { readonly kind: 'method'; readonly method: 'weighting' | 'reliability' | 'waves' };

export interface Section {
  readonly number: string | null;
  readonly level: 1 | 2 | 3 | 4;
  readonly title: LocalizedText;
  readonly content: readonly SectionContent[];
}

export interface ReportLayout {
  readonly figures: readonly FigureSpec[];
  readonly textTables: readonly TextTable[];
  readonly sections: readonly Section[];
}

/** What the layout needs from the tables' normaliser: expressions parsed, named breakdowns resolved. */
export interface LayoutHelpers {
  readonly condition: (source: string | undefined, path: string) => Condition | null;
  readonly breakdown: (raw: string | readonly RawColumn[], path: string) => FigureBreakdown | null;
}

type RawLayout = {
  readonly figures: readonly z.infer<typeof figureSchema>[];
  readonly textTables: readonly z.infer<typeof textTableSchema>[];
  readonly sections: readonly z.infer<typeof sectionSchema>[];
};

const rowsOf = (raw: readonly RawRow[]): FigureRow[] =>
  raw.map((r) => (typeof r === 'number' ? { code: r, label: null } : { code: r.code, label: asLocalized(r.label) }));

/** Heading level of a section number: "2" → 1, "2.1" → 2, "B" → 1, "B.2" → 2. */
export const levelOf = (number: string): 1 | 2 | 3 | 4 => Math.min(4, number.split('.').length) as 1 | 2 | 3 | 4;

/** Normalises figures, text tables and sections; problems (twice-listed ids, unknown breakdowns) go to `issues`. */
export function normalizeLayout(file: RawLayout, helpers: LayoutHelpers, issues: ValidationIssue[]): ReportLayout {
  const seen = new Set<string>();
  const figures = file.figures.flatMap((f, i): FigureSpec[] => {
    const at = `figure ${f.id}`;
    if (seen.has(f.id)) issues.push({ path: `figures[${i}].id`, message: `${at} is listed twice` });
    seen.add(f.id);
    const breakdown = helpers.breakdown(f.breakdown, `${at}.breakdown`);
    if (!breakdown) return [];
    const common: FigureCommon = {
      id: f.id,
      title: asLocalized(f.title),
      where: helpers.condition(f.where, `${at}.where`),
      whereText: f.where ?? null,
      note: f.note === undefined ? null : asLocalized(f.note),
      breakdown,
      rows: f.kind === 'sizes' ? [] : rowsOf(f.rows),
    };
    const codes = common.rows.map((r) => r.code);
    if (new Set(codes).size !== codes.length) issues.push({ path: `${at}.rows`, message: 'a code is listed twice' });
    switch (f.kind) {
      case 'sizes':
        return [{ ...common, kind: 'sizes' }];
      case 'stacked':
      case 'multiple':
        return [{ ...common, kind: f.kind, item: f.item }];
      case 'items':
        return [{ ...common, kind: 'items', items: f.items.map((x) => ({ item: x.item, label: asLocalized(x.label) })) }];
    }
  });
  const textIds = new Set<string>();
  const textTables = file.textTables.map((t, i): TextTable => {
    if (textIds.has(t.id)) issues.push({ path: `textTables[${i}].id`, message: `text table ${t.id} is listed twice` });
    textIds.add(t.id);
    t.rows.forEach((r, k) => {
      if (r.cells.length !== t.columns.length)
        issues.push({ path: `text table ${t.id}.rows[${k}]`, message: `${r.cells.length} cells for ${t.columns.length} columns` });
    });
    return {
      id: t.id,
      title: asLocalized(t.title),
      columns: t.columns.map(asLocalized),
      rows: t.rows.map((r) => ({
        label: asLocalized(r.label),
        cells: r.cells.map((c) => (c === null || typeof c === 'boolean' ? c : asLocalized(c))),
      })),
      note: t.note === undefined ? null : asLocalized(t.note),
    };
  });
  const sections = file.sections.map((s, i): Section => {
    if (s.number === undefined && s.level === undefined)
      issues.push({ path: `sections[${i}]`, message: 'an unnumbered section says its level' });
    return {
      number: s.number ?? null,
      level: (s.level ?? (s.number === undefined ? 1 : levelOf(s.number))) as 1 | 2 | 3 | 4,
      title: asLocalized(s.title),
      content: s.content.map((c): SectionContent => c),
    };
  });
  return { figures, textTables, sections };
}
