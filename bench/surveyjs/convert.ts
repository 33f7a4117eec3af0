// Our questionnaire definition as a SurveyJS survey JSON in one language, for the page-weight comparison
// only. SurveyJS routes in the browser, so the whole questionnaire travels with the first page, as it would
// in a real SurveyJS deployment. Item ids lose their dots (SurveyJS reads {a.b} as a nested property).
import type { Condition, Item, Language, LocalizedText, QuestionnaireDefinition } from '../../src/questionnaire/types.ts';
import { assertNever } from '../../src/questionnaire/types.ts';

export interface SurveyJsUiTexts {
  readonly next: string;
  readonly back: string;
  readonly finish: string;
}

type Json = Record<string, unknown>;

const nameOf = (id: string): string => id.replace(/\./g, '_');
const textIn = (text: LocalizedText | undefined, lang: Language, fallback: Language): string =>
  text?.[lang]?.text ?? text?.[fallback]?.text ?? '';

/** A routing condition as a SurveyJS expression. */
export function expressionOf(c: Condition): string {
  switch (c.kind) {
    case 'all':
      return c.conditions.map((x) => `(${expressionOf(x)})`).join(' and ');
    case 'any':
      return c.conditions.map((x) => `(${expressionOf(x)})`).join(' or ');
    case 'not':
      return `!(${expressionOf(c.condition)})`;
    case 'answered':
      return `{${nameOf(c.item)}} notempty`;
    case 'compare':
      return `{${nameOf(c.item)}} ${c.op === '=' ? '=' : c.op} ${c.value}`;
    case 'in':
      return `{${nameOf(c.item)}} anyof [${c.values.join(', ')}]`;
    default:
      return assertNever(c);
  }
}

function elementOf(item: Item, lang: Language, source: Language): Json {
  const common: Json = {
    name: nameOf(item.id),
    title: textIn(item.text, lang, source),
    ...(item.help ? { description: textIn(item.help, lang, source) } : {}),
    ...(item.required ? { isRequired: true } : {}),
    ...(item.condition ? { visibleIf: expressionOf(item.condition) } : {}),
  };
  switch (item.kind) {
    case 'single':
    case 'scale':
    case 'multi': {
      const other = item.options.find((o) => o.other);
      return {
        type: item.kind === 'multi' ? 'checkbox' : 'radiogroup',
        ...common,
        choices: item.options.filter((o) => !o.other).map((o) => ({ value: o.code, text: textIn(o.text, lang, source) })),
        ...(other ? { showOtherItem: true, otherText: textIn(other.text, lang, source) } : {}),
      };
    }
    case 'numeric':
      return { type: 'text', inputType: 'number', ...common, min: item.min, max: item.max };
    case 'text':
      return { type: 'comment', ...common, maxLength: item.maxLength };
    default:
      return assertNever(item);
  }
}

export function toSurveyJs(definition: QuestionnaireDefinition, lang: Language, ui: SurveyJsUiTexts): Json {
  const source = definition.sourceLanguage;
  return {
    title: textIn(definition.title, lang, source),
    showProgressBar: 'top',
    progressBarType: 'pages',
    pageNextText: ui.next,
    pagePrevText: ui.back,
    completeText: ui.finish,
    pages: definition.pages.map((p) => ({
      name: p.id,
      ...(p.title ? { title: textIn(p.title, lang, source) } : {}),
      ...(p.condition ? { visibleIf: expressionOf(p.condition) } : {}),
      elements: p.items.map((i) => elementOf(i, lang, source)),
    })),
  };
}
