// The report's specification as study data (studies/<id>/report.json): which numbered tables exist, what each
// counts (item or scale, breakdown into columns, filter, row order, missing codes shown as rows), and the
// regression models with their dummy codings. Authoring format (zod) → normalised spec; checked against the
// study's questionnaires and variables by validate-report.ts. Pure: the study loader reads the file.
import { z } from 'zod';
import { ExpressionError, parseExpression } from '../questionnaire/expression.ts';
import type { LoadResult, ValidationIssue } from '../questionnaire/normalize.ts';
import type { Condition, LocalizedText } from '../questionnaire/types.ts';
import { normalizeLayout, figureSchema, sectionSchema, textTableSchema, type ReportLayout } from './report-layout.ts';
import { asLocalized, breakdownSchema, columnSchema, id, rowSchema, text, variable, where } from './report-parts.ts';

export { asLocalized };

const tableBase = {
  id,
  title: text,
  /** The report section the table belongs to, e.g. "2.1.2"; used by the report build. */
  section: z.string().optional(),
  /** Extra filter on the respondents the table counts (besides its columns). */
  where: where.optional(),
  note: z.string().optional(),
};

const columnsField = {
  /** A named breakdown (see `breakdowns`), or the columns written out. */
  breakdown: z.union([z.string().min(1), z.array(columnSchema).min(1)]),
};

const predictorSchema = z.discriminatedUnion('kind', [
  /** Entered as it is (a scale, a count, an ordinal code). */
  z.strictObject({ kind: z.literal('numeric'), variable, label: text }),
  /** Dummy-coded: one 0/1 term per level except the reference. */
  z.strictObject({
    kind: z.literal('categorical'),
    variable,
    /** Categories kept, in order; other values are missing for the model. */
    levels: z.array(z.number().int()).min(2),
    reference: z.number().int(),
    /** Printed heading above the dummies (e.g. "Leerroute"); absent: no heading. */
    group: text.optional(),
    /** Printed label of each dummy, by level. */
    labels: z.record(z.string().regex(/^-?\d+$/), text),
  }),
]);

const modelSchema = z.strictObject({
  label: text.optional(),
  predictors: z.array(predictorSchema).min(1),
  constant: text.optional(),
});

const tableSchema = z.discriminatedUnion('kind', [
  /** Single-choice or scale item: percentage of each row's code among the column's valid answers. */
  z.strictObject({
    ...tableBase,
    ...columnsField,
    kind: z.literal('frequency'),
    item: variable,
    /** Codes in printed order (a code flagged missing here is shown as a row and counted); default: the substantive options. */
    rows: z.array(rowSchema).min(1).optional(),
  }),
  /** Multiple-choice item: percentage choosing each option among those who answered the item. */
  z.strictObject({
    ...tableBase,
    ...columnsField,
    kind: z.literal('multiple'),
    item: variable,
    rows: z.array(rowSchema).min(1).optional(),
  }),
  /** One row per item: percentage answering one of `codes` (e.g. 4, 5: "(heel) goed"); N is the mean over the rows. */
  z.strictObject({
    ...tableBase,
    ...columnsField,
    kind: z.literal('topbox'),
    codes: z.array(z.number().int()).min(1),
    rows: z.array(z.strictObject({ item: variable, label: text })).min(1),
  }),
  /** OLS of a scale or item on a model's predictors, among the respondents `where` selects. */
  z.strictObject({ ...tableBase, kind: z.literal('regression'), outcome: variable, model: z.string().min(1) }),
  /** Sample against the population margins (study's population/<wave>.json) by group and one dimension. */
  z.strictObject({
    ...tableBase,
    kind: z.literal('population'),
    /** `group` alone (group sizes) or one dimension within each group. */
    by: z.enum(['group', 'gender', 'route', 'ageBand']),
    /** Groups in printed order; `population` names a population-only group without sample (e.g. "Wi2013-onbekend"). */
    groups: z
      .array(
        z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('sample'), code: z.number().int(), label: text }),
          z.strictObject({ kind: z.literal('population-only'), population: z.string().min(1), label: text }),
        ]),
      )
      .min(1),
    /** Levels of the dimension in printed order (not for by = group). */
    levels: z.array(z.strictObject({ code: z.number().int(), label: text })).optional(),
    total: text.optional(),
  }),
]);

export const reportFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Which responses the tables count: completed ones (default), or every response (also unfinished ones). */
  counts: z.enum(['completed', 'all']).default('completed'),
  breakdowns: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), breakdownSchema),
  models: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), modelSchema),
  /** Scales whose reliability (Cronbach's alpha) the report states. */
  reliability: z.array(variable).default([]),
  tables: z.array(tableSchema).min(1),
  /** The numbered figures, in report order (report-layout.ts). */
  figures: z.array(figureSchema).default([]),
  /** Tables of fixed text (Tabel 1.1, B.1): printed as written. */
  textTables: z.array(textTableSchema).default([]),
  /** Chapters and sections in report order, with what sits in each; empty: no publication layout. */
  sections: z.array(sectionSchema).default([]),
});

export type ReportFile = z.input<typeof reportFileSchema>;

// ---- the normalised specification ----

export interface Column {
  readonly label: LocalizedText;
  /** Null: everyone the table counts. */
  readonly where: Condition | null;
  readonly whereText: string | null;
}

export interface Breakdown {
  readonly id: string | null;
  readonly label: LocalizedText;
  readonly columns: readonly Column[];
}

export interface Row {
  readonly code: number;
  /** Null: the option's own text. */
  readonly label: LocalizedText | null;
}

interface TableCommon {
  readonly id: string;
  readonly title: LocalizedText;
  readonly section: string | null;
  readonly where: Condition | null;
  readonly whereText: string | null;
  readonly note: string | null;
}

export type Predictor =
  | { readonly kind: 'numeric'; readonly variable: string; readonly label: LocalizedText }
  | {
      readonly kind: 'categorical';
      readonly variable: string;
      readonly levels: readonly number[];
      readonly reference: number;
      readonly group: LocalizedText | null;
      readonly labels: ReadonlyMap<number, LocalizedText>;
    };

export interface Model {
  readonly id: string;
  readonly label: LocalizedText | null;
  readonly constant: LocalizedText;
  readonly predictors: readonly Predictor[];
}

export type TableSpec =
  | (TableCommon & {
      readonly kind: 'frequency';
      readonly item: string;
      readonly breakdown: Breakdown;
      readonly rows: readonly Row[] | null;
    })
  | (TableCommon & {
      readonly kind: 'multiple';
      readonly item: string;
      readonly breakdown: Breakdown;
      readonly rows: readonly Row[] | null;
    })
  | (TableCommon & {
      readonly kind: 'topbox';
      readonly breakdown: Breakdown;
      readonly codes: readonly number[];
      readonly rows: readonly { readonly item: string; readonly label: LocalizedText }[];
    })
  | (TableCommon & { readonly kind: 'regression'; readonly outcome: string; readonly model: Model })
  | (TableCommon & {
      readonly kind: 'population';
      readonly by: PopulationDimension;
      readonly groups: readonly PopulationGroup[];
      readonly levels: readonly { readonly code: number; readonly label: LocalizedText }[];
      readonly total: LocalizedText | null;
    });

export type PopulationDimension = 'group' | 'gender' | 'route' | 'ageBand';
export type PopulationGroup =
  | { readonly kind: 'sample'; readonly code: number; readonly label: LocalizedText }
  | { readonly kind: 'population-only'; readonly population: string; readonly label: LocalizedText };

export type TableKind = TableSpec['kind'];

export interface ReportSpec extends ReportLayout {
  readonly counts: 'completed' | 'all';
  readonly breakdowns: ReadonlyMap<string, Breakdown>;
  readonly models: ReadonlyMap<string, Model>;
  readonly reliability: readonly string[];
  readonly tables: readonly TableSpec[];
}

/** Dutch text of a label, the report's own language. */
export const nlText = (t: LocalizedText): string => t.nl?.text ?? Object.values(t)[0]?.text ?? '';

/** Parses and normalises a report file; the expressions are parsed here, the names they use are checked later. */
export function normalizeReport(input: unknown): LoadResult<ReportSpec> {
  const parsed = reportFileSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: tablePath(input, i.path), message: i.message })),
    };
  }
  const file = parsed.data;
  const issues: ValidationIssue[] = [];
  const condition = (source: string | undefined, path: string): Condition | null => {
    if (source === undefined) return null;
    try {
      return parseExpression(source);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({ path, message: `cannot read the expression "${source}" at character ${error.position + 1}: ${error.message}` });
      return null;
    }
  };
  const columnsOf = (raw: readonly z.infer<typeof columnSchema>[], path: string): Column[] =>
    raw.map((c, i) => ({ label: asLocalized(c.label), where: condition(c.where, `${path}[${i}].where`), whereText: c.where ?? null }));

  const breakdowns = new Map<string, Breakdown>();
  for (const [name, b] of Object.entries(file.breakdowns)) {
    breakdowns.set(name, { id: name, label: asLocalized(b.label), columns: columnsOf(b.columns, `breakdowns.${name}.columns`) });
  }
  const models = new Map<string, Model>();
  for (const [name, m] of Object.entries(file.models)) {
    models.set(name, {
      id: name,
      label: m.label === undefined ? null : asLocalized(m.label),
      constant: asLocalized(m.constant ?? 'Constante'),
      predictors: m.predictors.map((p, i): Predictor => {
        if (p.kind === 'numeric') return { kind: 'numeric', variable: p.variable, label: asLocalized(p.label) };
        const at = `models.${name}.predictors[${i}]`;
        if (!p.levels.includes(p.reference))
          issues.push({ path: `${at}.reference`, message: `reference ${p.reference} is not one of the levels ${p.levels.join(', ')}` });
        const labels = new Map<number, LocalizedText>();
        for (const level of p.levels) {
          if (level === p.reference) continue;
          const label = p.labels[String(level)];
          if (label === undefined) issues.push({ path: `${at}.labels`, message: `no label for the dummy of level ${level}` });
          else labels.set(level, asLocalized(label));
        }
        for (const key of Object.keys(p.labels)) {
          if (!p.levels.includes(Number(key)) || Number(key) === p.reference)
            issues.push({ path: `${at}.labels.${key}`, message: `${key} is not a non-reference level` });
        }
        return {
          kind: 'categorical',
          variable: p.variable,
          levels: p.levels,
          reference: p.reference,
          group: p.group === undefined ? null : asLocalized(p.group),
          labels,
        };
      }),
    });
  }

  const seen = new Set<string>();
  const tables = file.tables.map((t, i): TableSpec | null => {
    const at = `table ${t.id}`;
    if (seen.has(t.id)) issues.push({ path: `tables[${i}].id`, message: `${at} is listed twice` });
    seen.add(t.id);
    const common: TableCommon = {
      id: t.id,
      title: asLocalized(t.title),
      section: t.section ?? null,
      where: condition(t.where, `${at}.where`),
      whereText: t.where ?? null,
      note: t.note ?? null,
    };
    const breakdownOf = (raw: string | readonly z.infer<typeof columnSchema>[]): Breakdown | null => {
      if (typeof raw !== 'string')
        return { id: null, label: { nl: { text: '', status: 'source' } }, columns: columnsOf(raw, `${at}.breakdown`) };
      const found = breakdowns.get(raw);
      if (!found) issues.push({ path: `${at}.breakdown`, message: `no breakdown "${raw}"; known: ${[...breakdowns.keys()].join(', ')}` });
      return found ?? null;
    };
    const rowsOf = (raw: readonly z.infer<typeof rowSchema>[] | undefined): Row[] | null =>
      raw === undefined
        ? null
        : raw.map((r) => (typeof r === 'number' ? { code: r, label: null } : { code: r.code, label: asLocalized(r.label) }));
    switch (t.kind) {
      case 'frequency':
      case 'multiple': {
        const breakdown = breakdownOf(t.breakdown);
        return breakdown && { ...common, kind: t.kind, item: t.item, breakdown, rows: rowsOf(t.rows) };
      }
      case 'topbox': {
        const breakdown = breakdownOf(t.breakdown);
        return (
          breakdown && {
            ...common,
            kind: 'topbox',
            breakdown,
            codes: t.codes,
            rows: t.rows.map((r) => ({ item: r.item, label: asLocalized(r.label) })),
          }
        );
      }
      case 'regression': {
        const model = models.get(t.model);
        if (!model) issues.push({ path: `${at}.model`, message: `no model "${t.model}"; known: ${[...models.keys()].join(', ')}` });
        return model ? { ...common, kind: 'regression', outcome: t.outcome, model } : null;
      }
      case 'population': {
        if (t.by !== 'group' && (t.levels === undefined || t.levels.length === 0))
          issues.push({ path: `${at}.levels`, message: `a table by ${t.by} lists the levels it prints` });
        return {
          ...common,
          kind: 'population',
          by: t.by,
          groups: t.groups.map((g): PopulationGroup =>
            g.kind === 'sample'
              ? { kind: 'sample', code: g.code, label: asLocalized(g.label) }
              : { kind: 'population-only', population: g.population, label: asLocalized(g.label) },
          ),
          levels: (t.levels ?? []).map((l) => ({ code: l.code, label: asLocalized(l.label) })),
          total: t.total === undefined ? null : asLocalized(t.total),
        };
      }
    }
  });
  const layout = normalizeLayout(
    file,
    {
      condition,
      breakdown: (raw, path) => {
        if (typeof raw !== 'string') return { id: null, label: { nl: { text: '', status: 'source' } }, columns: columnsOf(raw, path) };
        const found = breakdowns.get(raw);
        if (!found) issues.push({ path, message: `no breakdown "${raw}"; known: ${[...breakdowns.keys()].join(', ')}` });
        return found ?? null;
      },
    },
    issues,
  );
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      ...layout,
      counts: file.counts,
      breakdowns,
      models,
      reliability: file.reliability,
      tables: tables.filter((t): t is TableSpec => t !== null),
    },
  };
}

/** A zod issue path, with "tables[12]" shown as "table 3.1 (tables[12])" so the message names the table. */
function tablePath(input: unknown, path: readonly PropertyKey[]): string {
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  if (path[0] !== 'tables' || typeof path[1] !== 'number') return text;
  const tables = (input as { tables?: unknown[] } | null)?.tables;
  const table = Array.isArray(tables) ? (tables[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof table?.id === 'string' ? `table ${table.id} (${text})` : text;
}
