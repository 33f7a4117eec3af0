// The landing page: a few filter questions (same item format as a questionnaire) and routes that send a person
// to one questionnaire. Routing reads option codes only, so the same answers give the same questionnaire in
// every language. Pure: no I/O; the study loader reads the file and checks the route targets exist.
import { z } from 'zod';
import { conditionItems, ExpressionError, parseExpression, printExpression } from './expression.ts';
import { normalizeQuestionnaire, normalizeText, type LoadResult, type ValidationIssue } from './normalize.ts';
import { evaluate, resolveRoute } from './routing.ts';
import { conditionSchema, localizedTextSchema, pageSchema } from './schema.ts';
import {
  LANGUAGES,
  type Answers,
  type Condition,
  type ItemId,
  type Language,
  type LocalizedText,
  type PageId,
  type QuestionnaireDefinition,
  type QuestionnaireId,
} from './types.ts';

const language = z.enum(LANGUAGES);
const slug = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'ids start with a letter and hold only letters, digits, _, . and -');

export const landingFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  version: z.number().int().positive(),
  title: localizedTextSchema,
  /** Short text above the filter questions. */
  intro: localizedTextSchema.optional(),
  sourceLanguage: language,
  languages: z.array(language).min(1),
  translationStatus: z.partialRecord(language, z.enum(['source', 'draft', 'reviewed'])).optional(),
  pages: z.array(pageSchema).min(1),
  /** Tried in order; the first route whose condition holds wins (the loader also checks that at most one can). */
  routes: z.array(z.strictObject({ when: conditionSchema, questionnaire: slug })).min(1),
  /** Shown when no route fits the answers. */
  noMatch: localizedTextSchema,
});
export type LandingFile = z.infer<typeof landingFileSchema>;

export interface LandingRoute {
  readonly when: Condition;
  readonly questionnaire: QuestionnaireId;
}

export interface LandingDefinition {
  readonly id: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly intro?: LocalizedText;
  /** The filter questions as a small questionnaire (pages, items, conditions), so the web app renders them alike. */
  readonly form: QuestionnaireDefinition;
  readonly routes: readonly LandingRoute[];
  readonly noMatch: LocalizedText;
  readonly languages: readonly Language[];
}

export type LandingOutcome =
  | { readonly kind: 'questionnaire'; readonly questionnaire: QuestionnaireId }
  /** A required filter question on a visible page is still open. */
  | { readonly kind: 'incomplete'; readonly page: PageId; readonly missing: readonly ItemId[] }
  /** Every question is answered but no route fits: show `noMatch`. */
  | { readonly kind: 'no-fit' }
  /** More than one route fits: a definition error, caught by validateLandingRoutes at load. */
  | { readonly kind: 'ambiguous'; readonly questionnaires: readonly QuestionnaireId[] };

/** Validates and normalises a parsed landing file. */
export function normalizeLanding(input: unknown): LoadResult<LandingDefinition> {
  const parsed = landingFileSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  }
  const f = parsed.data;
  const formResult = normalizeQuestionnaire({
    id: f.id,
    version: f.version,
    group: 'landing',
    title: f.title,
    sourceLanguage: f.sourceLanguage,
    languages: f.languages,
    ...(f.translationStatus ? { translationStatus: f.translationStatus } : {}),
    pages: f.pages,
  });
  const issues: ValidationIssue[] = [];
  if (!formResult.ok) issues.push(...formResult.issues);
  const noMatch = normalizeText(f.noMatch, f, 'noMatch', issues);
  const intro = f.intro ? normalizeText(f.intro, f, 'intro', issues) : undefined;
  const known = new Set<string>();
  if (formResult.ok) for (const page of formResult.value.pages) for (const item of page.items) known.add(item.id);
  const routes: LandingRoute[] = [];
  f.routes.forEach((route, r) => {
    let when: Condition;
    try {
      when = typeof route.when === 'string' ? parseExpression(route.when) : (route.when as Condition);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({ path: `routes[${r}].when`, message: `cannot read the condition at character ${error.position + 1}: ${error.message}` });
      return;
    }
    for (const ref of conditionItems(when)) {
      if (formResult.ok && !known.has(ref))
        issues.push({ path: `routes[${r}].when`, item: ref, message: `route refers to unknown filter question '${ref}'` });
    }
    routes.push({ when, questionnaire: route.questionnaire as QuestionnaireId });
  });
  if (issues.length > 0 || !formResult.ok) return { ok: false, issues };
  const value: LandingDefinition = {
    id: f.id,
    version: f.version,
    title: formResult.value.title,
    form: formResult.value,
    routes,
    noMatch,
    languages: f.languages,
    ...(intro ? { intro } : {}),
  };
  const ambiguity = validateLandingRoutes(value);
  return ambiguity.length > 0 ? { ok: false, issues: ambiguity } : { ok: true, value };
}

/** Chooses the questionnaire for the landing answers, or says why none can be chosen yet. */
export function chooseQuestionnaire(landing: LandingDefinition, answers: Answers): LandingOutcome {
  const route = resolveRoute(landing.form, answers);
  for (const page of route.pages) {
    const missing = (route.itemsByPage.get(page.id) ?? []).filter((item) => item.required && !route.answers.has(item.id)).map((i) => i.id);
    if (missing.length > 0) return { kind: 'incomplete', page: page.id, missing };
  }
  const fits = landing.routes.filter((r) => evaluate(r.when, route.answers)).map((r) => r.questionnaire);
  const unique = [...new Set(fits)];
  if (unique.length === 0) return { kind: 'no-fit' };
  if (unique.length > 1) return { kind: 'ambiguous', questionnaires: unique };
  return { kind: 'questionnaire', questionnaire: unique[0]! };
}

/** Every complete way through the filter questions (each visible choice item answered with each of its codes). */
export function enumerateLandingAnswers(landing: LandingDefinition): Answers[] {
  const items = landing.form.pages.flatMap((p) => p.items);
  let partial: Map<ItemId, number>[] = [new Map<ItemId, number>()];
  for (const item of items) {
    if (item.kind !== 'single' && item.kind !== 'scale')
      throw new Error(`landing item ${item.id}: only single-choice filter questions can be enumerated`);
    const next: Map<ItemId, number>[] = [];
    for (const answers of partial) {
      // Conditions only read earlier pages, so the answers so far decide whether this item is asked.
      if (!resolveRoute(landing.form, answers).visibleItems.has(item.id)) {
        next.push(answers);
        continue;
      }
      for (const option of item.options) next.push(new Map(answers).set(item.id, option.code));
    }
    partial = next;
  }
  return partial;
}

/** Checks that no complete set of filter answers fits two routes; each problem names the answers. */
export function validateLandingRoutes(landing: LandingDefinition): ValidationIssue[] {
  let combos: Answers[];
  try {
    combos = enumerateLandingAnswers(landing);
  } catch (error) {
    return [{ path: 'pages', message: (error as Error).message }];
  }
  const issues: ValidationIssue[] = [];
  for (const answers of combos) {
    const outcome = chooseQuestionnaire(landing, answers);
    if (outcome.kind !== 'ambiguous') continue;
    const shown = [...answers].map(([k, v]) => `${k} = ${String(v)}`).join(', ');
    const conditions = landing.routes.filter((r) => outcome.questionnaires.includes(r.questionnaire)).map((r) => printExpression(r.when));
    issues.push({
      path: 'routes',
      message: `answers ${shown} fit more than one route (${outcome.questionnaires.join(', ')}): ${conditions.join(' | ')}`,
    });
  }
  return issues;
}
