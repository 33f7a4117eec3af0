// Evaluates a study's composite scales and derived variables for one respondent. Only answers the respondent
// could see count (via resolveRoute), and answers on `missing` options (Dat weet ik niet, Niet van toepassing)
// never enter a scale. Pure and total for valid definitions: a value that cannot be computed is null.
import { resolveRoute, evaluate } from './routing.ts';
import type { Answers, ChoiceItem, ItemId, QuestionnaireDefinition } from './types.ts';
import { isChoiceItem } from './types.ts';
import type { DerivedVariable, ScaleDefinition, VariablesDefinition } from './variables.ts';

export interface DerivedValues {
  /** Scale id → score, or null when fewer than minValid items hold a valid answer. */
  readonly scales: Readonly<Record<string, number | null>>;
  /** Derived variable id → value, or null when no rule applies. */
  readonly derived: Readonly<Record<string, number | null>>;
}

const choiceItems = (definition: QuestionnaireDefinition): Map<ItemId, ChoiceItem> => {
  const out = new Map<ItemId, ChoiceItem>();
  for (const page of definition.pages) for (const item of page.items) if (isChoiceItem(item)) out.set(item.id, item);
  return out;
};

/** The substantive code of a single-choice answer, or null (unanswered, missing option, not in this questionnaire). */
function validCode(item: ChoiceItem | undefined, answers: Answers): number | null {
  if (!item) return null;
  const value = answers.get(item.id);
  if (typeof value !== 'number') return null;
  const option = item.options.find((o) => o.code === value);
  return option && !option.missing ? value : null;
}

/** Scores one scale; reverse-coded items are mirrored over their own lowest and highest substantive codes. */
export function scoreScale(scale: ScaleDefinition, items: ReadonlyMap<ItemId, ChoiceItem>, answers: Answers): number | null {
  const values: number[] = [];
  for (const id of scale.items) {
    const item = items.get(id);
    const code = validCode(item, answers);
    if (code === null || !item) continue;
    if (scale.reverse.includes(id)) {
      const codes = item.options.filter((o) => !o.missing).map((o) => o.code);
      values.push(Math.min(...codes) + Math.max(...codes) - code);
    } else {
      values.push(code);
    }
  }
  if (values.length < scale.minValid) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return scale.method === 'sum' ? sum : sum / values.length;
}

function deriveOne(
  variable: DerivedVariable,
  definition: QuestionnaireDefinition,
  items: ReadonlyMap<ItemId, ChoiceItem>,
  answers: Answers,
): number | null {
  switch (variable.kind) {
    case 'cases': {
      const match = variable.cases.find(
        (c) => (!c.questionnaires || c.questionnaires.includes(definition.id)) && (!c.when || evaluate(c.when, answers)),
      );
      return match ? match.value : null;
    }
    case 'recode': {
      const code = validCode(items.get(variable.item), answers);
      return code === null ? null : (variable.map.get(code) ?? null);
    }
    case 'bands': {
      const value = answers.get(variable.item);
      if (typeof value !== 'number') return null;
      return variable.bands.find((b) => value >= b.min && value <= b.max)?.value ?? null;
    }
  }
}

/** Computes every scale and derived variable of the study for one respondent of one questionnaire. */
export function computeDerived(variables: VariablesDefinition, definition: QuestionnaireDefinition, answers: Answers): DerivedValues {
  const counted = resolveRoute(definition, answers).answers;
  const items = choiceItems(definition);
  const scales: Record<string, number | null> = {};
  for (const scale of variables.scales) scales[scale.id] = scoreScale(scale, items, counted);
  const derived: Record<string, number | null> = {};
  for (const variable of variables.derived) derived[variable.id] = deriveOne(variable, definition, items, counted);
  return { scales, derived };
}
