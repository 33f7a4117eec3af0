// Property: for random respondents moving forward page by page, the engine shows exactly the items whose
// conditions hold, and every path ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluate, pageAfter, resolveRoute } from '../../src/questionnaire/routing.ts';
import type { AnswerValue, Item, ItemId, Page, QuestionnaireDefinition } from '../../src/questionnaire/types.ts';
import { GROUPS, questionnaire } from './helpers.ts';

type Pool = Record<string, AnswerValue | null>;

function valueArb(item: Item): fc.Arbitrary<AnswerValue> {
  switch (item.kind) {
    case 'single':
    case 'scale':
      return fc.constantFrom(...item.options.map((o) => o.code));
    case 'multi': {
      const exclusive = item.options.filter((o) => o.exclusive).map((o) => o.code);
      const plain = item.options.filter((o) => !o.exclusive).map((o) => o.code);
      const pick = fc.subarray(plain, { minLength: 1 });
      return exclusive.length > 0
        ? fc.oneof(
            pick,
            fc.constantFrom(...exclusive).map((c) => [c]),
          )
        : pick;
    }
    case 'numeric':
      return fc.integer({ min: item.min, max: item.max });
    case 'text':
      return fc.string({ minLength: 1, maxLength: 20 });
  }
}

/** A pool of answers a respondent would give to each item if shown it (null: leaves it empty). */
function poolArb(def: QuestionnaireDefinition): fc.Arbitrary<Pool> {
  const entries: Record<string, fc.Arbitrary<AnswerValue | null>> = {};
  for (const page of def.pages) {
    for (const item of page.items) {
      entries[item.id] = item.required ? valueArb(item) : fc.option(valueArb(item), { freq: 5 });
      if ('options' in item)
        for (const o of item.options) if (o.other) entries[o.other] = fc.option(fc.constant('namelijk iets'), { freq: 2 });
    }
  }
  return fc.record(entries);
}

const holds = (page: Page, item: Item, answers: ReadonlyMap<ItemId, AnswerValue>): boolean =>
  (!page.condition || evaluate(page.condition, answers)) && (!item.condition || evaluate(item.condition, answers));

/** Walks forward as the web app does: resolve, take the page after the current one, answer what is shown. */
function walk(def: QuestionnaireDefinition, pool: Pool) {
  const answers = new Map<ItemId, AnswerValue>();
  const shown: { page: Page; items: readonly Item[] }[] = [];
  let current: Page | null = resolveRoute(def, answers).pages[0] ?? null;
  let steps = 0;
  while (current) {
    steps++;
    assert.ok(steps <= def.pages.length, 'the path ends within as many steps as there are pages');
    const route = resolveRoute(def, answers);
    const items = route.itemsByPage.get(current.id) ?? [];
    // Every item shown has its condition true on the answers given so far.
    for (const item of items) assert.ok(holds(current, item, route.answers), `${item.id} shown while its condition is false`);
    shown.push({ page: current, items });
    for (const item of items) {
      const value = pool[item.id];
      if (value === null || value === undefined) continue;
      answers.set(item.id, value);
      if ('options' in item) {
        const codes = Array.isArray(value) ? value : [value];
        for (const o of item.options) {
          const text = o.other ? pool[o.other] : null;
          if (o.other && codes.includes(o.code) && typeof text === 'string') answers.set(o.other, text);
        }
      }
    }
    current = pageAfter(resolveRoute(def, answers), current.id);
  }
  return { answers, shown };
}

describe('routing property: the pages shown are exactly those whose conditions hold', () => {
  for (const id of GROUPS) {
    it(`${id}: random respondents see every item whose condition holds and none whose condition fails`, () => {
      const def = questionnaire(id);
      fc.assert(
        fc.property(poolArb(def), (pool) => {
          const { answers, shown } = walk(def, pool);
          const final = resolveRoute(def, answers);
          // The pages walked are the pages of the final route (answering forward never changes earlier pages).
          assert.deepEqual(
            shown.map((s) => s.page.id),
            final.pages.map((p) => p.id),
          );
          // Never skip an item whose condition is true; never show one whose condition is false.
          for (const page of def.pages) {
            for (const item of page.items) {
              assert.equal(final.visibleItems.has(item.id), holds(page, item, final.answers), `${item.id} visibility`);
            }
          }
          // Only answers of shown items count.
          for (const key of final.answers.keys()) assert.ok(final.visibleItems.has(key), `${key} counted but not shown`);
        }),
        { numRuns: 300, seed: 20241001 },
      );
    });
  }

  it('reaches the gated chapters: a respondent who started the course sees the goal statements', () => {
    for (const [id, gate] of [
      ['wi2021-asiel', 'Q4.05'],
      ['wi2021-gezin', 'Q4.08'],
      ['wi2013-asiel', 'Q4.09'],
      ['wi2013-gezin', 'Q4.09'],
    ] as const) {
      const def = questionnaire(id);
      const open = resolveRoute(def, new Map([[gate as ItemId, 1]]));
      const closed = resolveRoute(def, new Map([[gate as ItemId, 2]]));
      assert.ok(open.visibleItems.has('Q3.01' as ItemId), id);
      assert.ok(!closed.visibleItems.has('Q3.01' as ItemId), id);
      assert.ok(!closed.visibleItems.has('Q4.25' as ItemId), id);
    }
  });
});
