// Composite scales and derived variables of a study, defined as data (variables.json) rather than in analysis
// code, and validated against the study's questionnaires. Pure: the study loader reads the file.
import { z } from 'zod';
import { conditionItems, ExpressionError, parseExpression } from './expression.ts';
import type { LoadResult, ValidationIssue } from './normalize.ts';
import { conditionSchema, localizedTextSchema } from './schema.ts';
import type { Condition, ItemId, LocalizedText, QuestionnaireDefinition, QuestionnaireId } from './types.ts';

const varId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'variable ids are lower case letters, digits and _');
const itemId = z.string().min(1);
const valueLabel = z.strictObject({ value: z.number(), label: z.string().min(1) });

const scaleSchema = z.strictObject({
  id: varId,
  label: localizedTextSchema,
  items: z.array(itemId).min(2),
  /** Items scored the other way round: (lowest + highest valid code) − answer. */
  reverse: z.array(itemId).optional(),
  /** Fewest valid item answers needed for a score; fewer gives no score (missing). */
  minValid: z.number().int().positive(),
  method: z.enum(['mean', 'sum']),
  /** Cronbach's alpha as printed in the report, for comparison. */
  reportedAlpha: z.number().min(0).max(1).optional(),
  tables: z.array(z.string()).optional(),
  note: z.string().optional(),
});

const caseSchema = z.strictObject({
  /** Applies only to respondents of these questionnaires (all when absent). */
  questionnaires: z.array(z.string().min(1)).min(1).optional(),
  when: conditionSchema.optional(),
  value: z.number(),
});

const derivedBase = { id: varId, label: localizedTextSchema, values: z.array(valueLabel).optional(), note: z.string().optional() };
const derivedSchema = z.discriminatedUnion('kind', [
  /** First matching case gives the value; no match gives missing. */
  z.strictObject({ ...derivedBase, kind: z.literal('cases'), cases: z.array(caseSchema).min(1) }),
  /** Answer code → value; codes not listed give missing. */
  z.strictObject({ ...derivedBase, kind: z.literal('recode'), item: itemId, map: z.record(z.string().regex(/^-?\d+$/), z.number()) }),
  /** Numeric answer in [min, max] → value; outside every band gives missing. */
  z.strictObject({
    ...derivedBase,
    kind: z.literal('bands'),
    item: itemId,
    bands: z.array(z.strictObject({ min: z.number(), max: z.number(), value: z.number(), label: z.string().optional() })).min(1),
  }),
]);

export const variablesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  scales: z.array(scaleSchema),
  derived: z.array(derivedSchema),
});
export type VariablesFile = z.infer<typeof variablesFileSchema>;

export interface ScaleDefinition {
  readonly id: string;
  readonly label: LocalizedText;
  readonly items: readonly ItemId[];
  readonly reverse: readonly ItemId[];
  readonly minValid: number;
  readonly method: 'mean' | 'sum';
  readonly reportedAlpha?: number;
  readonly tables: readonly string[];
  readonly note?: string;
}

export interface ValueLabel {
  readonly value: number;
  readonly label: string;
}

interface DerivedBase {
  readonly id: string;
  readonly label: LocalizedText;
  readonly values: readonly ValueLabel[];
  readonly note?: string;
}
export interface DerivedCase {
  readonly questionnaires?: readonly QuestionnaireId[];
  readonly when?: Condition;
  readonly value: number;
}
export type DerivedVariable =
  | (DerivedBase & { readonly kind: 'cases'; readonly cases: readonly DerivedCase[] })
  | (DerivedBase & { readonly kind: 'recode'; readonly item: ItemId; readonly map: ReadonlyMap<number, number> })
  | (DerivedBase & {
      readonly kind: 'bands';
      readonly item: ItemId;
      readonly bands: readonly { readonly min: number; readonly max: number; readonly value: number; readonly label?: string }[];
    });

export interface VariablesDefinition {
  readonly scales: readonly ScaleDefinition[];
  readonly derived: readonly DerivedVariable[];
}

const asText = (raw: z.infer<typeof localizedTextSchema>): LocalizedText => {
  const out: Record<string, { text: string; status: 'source' | 'draft' | 'reviewed' }> = {};
  for (const [lang, v] of Object.entries(raw)) {
    out[lang] = typeof v === 'string' ? { text: v, status: lang === 'nl' ? 'source' : 'draft' } : v;
  }
  return out;
};

/** Validates a parsed variables file against the study's questionnaires. */
export function normalizeVariables(input: unknown, questionnaires: readonly QuestionnaireDefinition[]): LoadResult<VariablesDefinition> {
  const parsed = variablesFileSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  }
  const issues: ValidationIssue[] = [];
  const kinds = new Map<string, Set<string>>();
  for (const q of questionnaires) {
    for (const page of q.pages) {
      for (const item of page.items) {
        const set = kinds.get(item.id) ?? new Set<string>();
        set.add(item.kind);
        kinds.set(item.id, set);
      }
    }
  }
  const ids = new Set(questionnaires.map((q) => q.id as string));
  const seen = new Set<string>();
  const claim = (id: string, path: string): void => {
    if (seen.has(id)) issues.push({ path, message: `variable id '${id}' is used twice` });
    seen.add(id);
  };
  const needItem = (id: string, path: string, owner: string, allowed: readonly string[]): void => {
    const k = kinds.get(id);
    if (!k) issues.push({ path, item: id, message: `${owner} names item ${id}, which is in no questionnaire of the study` });
    else if (![...k].every((kind) => allowed.includes(kind)))
      issues.push({ path, item: id, message: `${owner} needs ${allowed.join(' or ')} items; ${id} is ${[...k].join('/')}` });
  };
  const condition = (raw: z.infer<typeof conditionSchema>, path: string, owner: string): Condition | undefined => {
    try {
      const c = typeof raw === 'string' ? parseExpression(raw) : (raw as Condition);
      for (const ref of conditionItems(c))
        if (!kinds.has(ref))
          issues.push({ path, item: ref, message: `${owner}: condition names item ${ref}, which is in no questionnaire of the study` });
      return c;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({ path, message: `${owner}: cannot read the condition at character ${error.position + 1}: ${error.message}` });
      return undefined;
    }
  };

  const scales = parsed.data.scales.map((s, i): ScaleDefinition => {
    const at = `scales[${i}]`;
    const owner = `scale '${s.id}'`;
    claim(s.id, `${at}.id`);
    s.items.forEach((item, j) => needItem(item, `${at}.items[${j}]`, owner, ['scale', 'single']));
    (s.reverse ?? []).forEach((item, j) => {
      if (!s.items.includes(item))
        issues.push({ path: `${at}.reverse[${j}]`, item, message: `${owner} reverses ${item}, which is not one of its items` });
    });
    if (s.minValid > s.items.length)
      issues.push({ path: `${at}.minValid`, message: `${owner}: minValid ${s.minValid} is more than its ${s.items.length} items` });
    return {
      id: s.id,
      label: asText(s.label),
      items: s.items as ItemId[],
      reverse: (s.reverse ?? []) as ItemId[],
      minValid: s.minValid,
      method: s.method,
      tables: s.tables ?? [],
      ...(s.reportedAlpha !== undefined ? { reportedAlpha: s.reportedAlpha } : {}),
      ...(s.note ? { note: s.note } : {}),
    };
  });

  const derived = parsed.data.derived.map((d, i): DerivedVariable => {
    const at = `derived[${i}]`;
    const owner = `derived variable '${d.id}'`;
    claim(d.id, `${at}.id`);
    const base = { id: d.id, label: asText(d.label), values: d.values ?? [], ...(d.note ? { note: d.note } : {}) };
    switch (d.kind) {
      case 'cases':
        return {
          ...base,
          kind: 'cases',
          cases: d.cases.map((c, j) => {
            (c.questionnaires ?? []).forEach((q, k) => {
              if (!ids.has(q))
                issues.push({
                  path: `${at}.cases[${j}].questionnaires[${k}]`,
                  message: `${owner} names questionnaire '${q}', which is not in the study`,
                });
            });
            const when = c.when === undefined ? undefined : condition(c.when, `${at}.cases[${j}].when`, owner);
            return {
              value: c.value,
              ...(c.questionnaires ? { questionnaires: c.questionnaires as QuestionnaireId[] } : {}),
              ...(when ? { when } : {}),
            };
          }),
        };
      case 'recode':
        needItem(d.item, `${at}.item`, owner, ['scale', 'single']);
        return { ...base, kind: 'recode', item: d.item as ItemId, map: new Map(Object.entries(d.map).map(([k, v]) => [Number(k), v])) };
      case 'bands':
        needItem(d.item, `${at}.item`, owner, ['numeric']);
        d.bands.forEach((b, j) => {
          if (b.min > b.max) issues.push({ path: `${at}.bands[${j}]`, message: `${owner}: band min ${b.min} is above max ${b.max}` });
        });
        return {
          ...base,
          kind: 'bands',
          item: d.item as ItemId,
          bands: d.bands.map((b) => ({ min: b.min, max: b.max, value: b.value, ...(b.label !== undefined ? { label: b.label } : {}) })),
        };
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { scales, derived } };
}
