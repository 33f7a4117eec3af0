// The routing engine: which pages and items a respondent sees, given their answers. Shared by the server and
// the browser, so it must stay free of Node and I/O. Visibility is resolved in page order and only answers
// of items that are themselves visible count, so a stale answer behind a closed branch never opens another.
import type { AnswerValue, Answers, Condition, Item, ItemId, Page, QuestionnaireDefinition } from './types.ts';

export class RoutingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutingError';
  }
}

const codesOf = (value: AnswerValue): readonly number[] => (typeof value === 'number' ? [value] : typeof value === 'string' ? [] : value);

/** Evaluates a condition against answers. An unanswered item makes comparisons false. */
export function evaluate(condition: Condition, answers: Answers): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.conditions.every((c) => evaluate(c, answers));
    case 'any':
      return condition.conditions.some((c) => evaluate(c, answers));
    case 'not':
      return !evaluate(condition.condition, answers);
    case 'answered': {
      const value = answers.get(condition.item);
      return value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== '';
    }
    case 'in': {
      const value = answers.get(condition.item);
      if (value === undefined) return false;
      if (typeof value === 'string') throw new RoutingError(`${condition.item} holds text; 'in' needs option codes`);
      return codesOf(value).some((code) => condition.values.includes(code));
    }
    case 'compare': {
      const value = answers.get(condition.item);
      if (value === undefined) return false;
      if (typeof value !== 'number') {
        throw new RoutingError(`${condition.item} does not hold a single number; '${condition.op}' needs one`);
      }
      switch (condition.op) {
        case '=':
          return value === condition.value;
        case '!=':
          return value !== condition.value;
        case '<':
          return value < condition.value;
        case '<=':
          return value <= condition.value;
        case '>':
          return value > condition.value;
        case '>=':
          return value >= condition.value;
      }
    }
  }
}

export interface ResolvedRoute {
  /** Pages the respondent sees, in order. */
  readonly pages: readonly Page[];
  /** Per visible page, its visible items. */
  readonly itemsByPage: ReadonlyMap<Page['id'], readonly Item[]>;
  /** Every visible item id. */
  readonly visibleItems: ReadonlySet<ItemId>;
  /** The answers that count: those of visible items (and their "Anders, namelijk" texts). */
  readonly answers: Answers;
}

/** Resolves the whole route for a set of answers. */
export function resolveRoute(definition: QuestionnaireDefinition, answers: Answers): ResolvedRoute {
  const counted = new Map<ItemId, AnswerValue>();
  const pages: Page[] = [];
  const itemsByPage = new Map<Page['id'], readonly Item[]>();
  const visibleItems = new Set<ItemId>();
  for (const page of definition.pages) {
    if (page.condition && !evaluate(page.condition, counted)) continue;
    const items = page.items.filter((item) => !item.condition || evaluate(item.condition, counted));
    if (items.length === 0) continue;
    pages.push(page);
    itemsByPage.set(page.id, items);
    for (const item of items) {
      visibleItems.add(item.id);
      const value = answers.get(item.id);
      if (value !== undefined) counted.set(item.id, value);
      if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale') {
        for (const option of item.options) {
          if (!option.other || value === undefined || !codesOf(value).includes(option.code)) continue;
          visibleItems.add(option.other);
          const text = answers.get(option.other);
          if (text !== undefined) counted.set(option.other, text);
        }
      }
    }
  }
  return { pages, itemsByPage, visibleItems, answers: counted };
}

/** The index in route.pages of the page after `pageId`, or null at the end. */
export function pageAfter(route: ResolvedRoute, pageId: Page['id']): Page | null {
  const index = route.pages.findIndex((p) => p.id === pageId);
  return index >= 0 ? (route.pages[index + 1] ?? null) : null;
}

export function pageBefore(route: ResolvedRoute, pageId: Page['id']): Page | null {
  const index = route.pages.findIndex((p) => p.id === pageId);
  return index > 0 ? (route.pages[index - 1] ?? null) : null;
}
