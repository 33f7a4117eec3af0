// The synthetic respondents before they answer: questionnaire, type inburgeraar (Tabel 2.9), the permit
// they report on the control question, and the answers they build up item by item.
import type { AnswerValue, ItemId, Item, Page, QuestionnaireDefinition } from '../questionnaire/types.ts';
import { evaluate } from '../questionnaire/routing.ts';
import { COHORT_OF_PIP, type Profile } from './filters.ts';
import { DemoDataError } from './errors.ts';
import type { Rng } from './prng.ts';
import type { DemoWavePlan } from './waves.ts';

export interface Person {
  readonly index: number;
  readonly questionnaire: QuestionnaireDefinition;
  /** Type inburgeraar as the report's Tabel 2.9 counts it; null for the Wi2013 respondents without a permit type. */
  readonly type: number | null;
  /** Planned answer to the permit control question Q2.12. */
  readonly permit: number;
  readonly answers: Map<ItemId, AnswerValue>;
}

/** The wave's respondents with their questionnaire, type inburgeraar and planned permit answer. */
export function planPeople(questionnaires: ReadonlyMap<string, QuestionnaireDefinition>, plan: DemoWavePlan, rng: Rng): Person[] {
  const people: Person[] = [];
  const add = (qid: string, type: number | null, permits: number[]): void => {
    const q = questionnaires.get(qid);
    if (!q) throw new DemoDataError(`the demo needs questionnaire ${qid} in the wave`);
    for (const permit of rng.shuffle(permits)) people.push({ index: people.length, questionnaire: q, type, permit, answers: new Map() });
  };
  const fill = (n: number, parts: [number, number][]): number[] => {
    const out: number[] = [];
    for (const [code, count] of parts) for (let i = 0; i < count; i++) out.push(code);
    while (out.length < n) out.push(parts[0]![0]);
    return out;
  };
  const { sizes, permits, unknownWi2013: unknown } = plan;
  add(
    'wi2021-asiel',
    1,
    fill(sizes[1], [
      [1, 0],
      [2, permits.asiel.other],
      [99, permits.asiel.unknown],
    ]),
  );
  add(
    'wi2021-gezin',
    2,
    fill(sizes[2], [
      [2, 0],
      [1, permits.gezin.other],
      [99, permits.gezin.unknown],
    ]),
  );
  add('wi2013-asiel', 3, fill(sizes[3], [[1, 0]]));
  add('wi2013-gezin', 4, fill(sizes[4], [[2, 0]]));
  add(
    'wi2013-asiel',
    null,
    fill(unknown.asiel[0] + unknown.asiel[1], [
      [3, unknown.asiel[0]],
      [99, unknown.asiel[1]],
    ]),
  );
  add(
    'wi2013-gezin',
    null,
    fill(unknown.gezin[0] + unknown.gezin[1], [
      [3, unknown.gezin[0]],
      [99, unknown.gezin[1]],
    ]),
  );
  return people;
}

const num = (person: Person, id: string): number | null => {
  const v = person.answers.get(id as ItemId);
  return typeof v === 'number' ? v : null;
};

/** What the report's columns look at, from the planned type and the answers so far. */
export function profileOf(person: Person): Profile {
  const pip = num(person, 'Q2.11');
  return {
    type: person.type,
    route: num(person, 'Q2.09'),
    cohort: pip === null ? null : (COHORT_OF_PIP[pip] ?? null),
    gender: num(person, 'Q2.01'),
    answers: person.answers,
  };
}

/** Age bands of Tabel 2.12 (leeftijdsklasse 1-4 in variables.json). */
export const AGE_BANDS: readonly (readonly [number, number])[] = [
  [18, 21],
  [22, 30],
  [31, 45],
  [46, 76],
];

/** The age band (1-4) of an age, null outside the bands. */
export function ageBand(age: number): number | null {
  const i = AGE_BANDS.findIndex(([lo, hi]) => age >= lo && age <= hi);
  return i < 0 ? null : i + 1;
}

/** Item id → its page and definition, per questionnaire. */
export type ItemIndex = Map<string, Map<string, { page: Page; item: Item }>>;

export function indexItems(questionnaires: Iterable<QuestionnaireDefinition>): ItemIndex {
  const out: ItemIndex = new Map();
  for (const q of questionnaires) {
    const map = new Map<string, { page: Page; item: Item }>();
    for (const page of q.pages) for (const item of page.items) map.set(item.id, { page, item });
    out.set(q.id, map);
  }
  return out;
}

/**
 * Whether the person sees the item now. Items are answered in questionnaire order and only visible items
 * get answers, so the answers so far are exactly those routing counts (as in resolveRoute).
 */
export function sees(person: Person, index: ItemIndex, itemId: string): Item | null {
  const found = index.get(person.questionnaire.id)?.get(itemId);
  if (!found) return null;
  if (found.page.condition && !evaluate(found.page.condition, person.answers)) return null;
  if (found.item.condition && !evaluate(found.item.condition, person.answers)) return null;
  return found.item;
}

/** One order of all item ids that keeps every questionnaire's own order (a topological merge). */
export function itemOrder(questionnaires: readonly QuestionnaireDefinition[]): string[] {
  const sequences = questionnaires.map((q) => q.pages.flatMap((p) => p.items.map((i) => i.id as string)));
  const after = new Map<string, Set<string>>();
  const indegree = new Map<string, number>();
  for (const seq of sequences) {
    seq.forEach((id, i) => {
      if (!indegree.has(id)) indegree.set(id, 0);
      if (i === 0) return;
      const prev = seq[i - 1] as string;
      const set = after.get(prev) ?? new Set<string>();
      if (!set.has(id)) {
        set.add(id);
        indegree.set(id, (indegree.get(id) ?? 0) + 1);
      }
      after.set(prev, set);
    });
  }
  const firstSeen = [...indegree.keys()];
  const ready = firstSeen.filter((id) => indegree.get(id) === 0);
  const out: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => firstSeen.indexOf(a) - firstSeen.indexOf(b));
    const id = ready.shift() as string;
    out.push(id);
    for (const next of after.get(id) ?? []) {
      indegree.set(next, (indegree.get(next) ?? 0) - 1);
      if (indegree.get(next) === 0) ready.push(next);
    }
  }
  if (out.length !== firstSeen.length) throw new Error('the questionnaires order their items in conflicting ways');
  return out;
}
