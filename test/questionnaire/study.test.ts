import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LANGUAGES, type LocalizedText } from '../../src/questionnaire/types.ts';
import { FIXTURES, GROUPS, itemIds, itemIndex, questionnaire, study } from './helpers.ts';

describe('the 2024 questionnaires', () => {
  it('waves 2023 and 2024 each list the four questionnaires, the current wave last', () => {
    assert.deepEqual(
      study().waves.map((w) => w.id),
      ['inburgeraars:2023', 'inburgeraars:2024'],
    );
    for (const wave of study().waves)
      assert.deepEqual(
        wave.questionnaires.map((q) => q.id),
        [...GROUPS],
      );
  });

  it('each questionnaire holds exactly the items the item index gives its group', () => {
    const index = itemIndex().filter((row) => !row.id.startsWith('Q0.'));
    assert.equal(index.length, 83);
    for (const group of GROUPS) {
      const expected = index
        .filter((row) => row.groups.includes(group))
        .map((row) => row.id)
        .sort();
      assert.deepEqual(itemIds(questionnaire(group)).sort(), expected, group);
    }
  });

  it('has 65, 67, 47 and 47 items, as the report counts them', () => {
    assert.deepEqual(
      GROUPS.map((g) => itemIds(questionnaire(g)).length),
      [65, 67, 47, 47],
    );
  });

  it('keeps screens short: one question group, at most four items a page', () => {
    for (const g of GROUPS)
      for (const page of questionnaire(g).pages) assert.ok(page.items.length <= 4, `${g} ${page.id}: ${page.items.length} items`);
  });

  it('has one version per wave (2023: 2; 2024: 3, Wi2021 4 since Q4.16 routes "Dat weet ik niet" too; version 1 was the first 2024 reconstruction) and group = id', () => {
    for (const g of GROUPS) {
      assert.equal(questionnaire(g).version, g.startsWith('wi2021') ? 4 : 3);
      assert.equal(questionnaire(g, 1).version, 2);
      assert.equal(questionnaire(g).group, g);
    }
  });

  it('names only report tables that exist', () => {
    const known = new Set(JSON.parse(readFileSync(`${FIXTURES}report-table-ids.json`, 'utf8')) as string[]);
    for (const g of GROUPS) {
      for (const page of questionnaire(g).pages) {
        for (const item of page.items) for (const t of item.tables) assert.ok(known.has(t), `${g} ${item.id}: unknown table ${t}`);
      }
    }
  });

  it('feeds every report table about a survey item from some item', () => {
    const fed = new Set(GROUPS.flatMap((g) => questionnaire(g).pages.flatMap((p) => p.items.flatMap((i) => i.tables))));
    const survey = (JSON.parse(readFileSync(`${FIXTURES}report-table-ids.json`, 'utf8')) as string[]).filter(
      (t) => !['1.1', '2.7', '2.8', 'B.1'].includes(t),
    );
    assert.deepEqual(
      survey.filter((t) => !fed.has(t)),
      [],
    );
  });

  it('has every text in five languages, Dutch as the source and the others as draft or reviewed translations', () => {
    const check = (text: LocalizedText, where: string) => {
      for (const lang of LANGUAGES) {
        const tr = text[lang];
        assert.ok(tr && tr.text.length > 0, `${where}: no ${lang}`);
        // Which translations are reviewed changes as reviewers work; that only Dutch is the source does not.
        if (lang === 'nl') assert.equal(tr.status, 'source', `${where}: nl`);
        else assert.ok(tr.status === 'draft' || tr.status === 'reviewed', `${where}: ${lang} is ${tr.status}`);
      }
    };
    // Both waves: the 2023 questionnaires (wave 1) carry their own items (Q4.17a, Q4.17b) in five languages too.
    for (const [g, q] of GROUPS.flatMap(
      (g) =>
        [
          [g, questionnaire(g)],
          [`${g} 2023`, questionnaire(g, 1)],
        ] as const,
    )) {
      check(q.title, `${g} title`);
      for (const page of q.pages) {
        if (page.title) check(page.title, `${g} ${page.id}`);
        for (const item of page.items) {
          check(item.text, `${g} ${item.id}`);
          if (item.help) check(item.help, `${g} ${item.id} help`);
          if ('options' in item) item.options.forEach((o) => check(o.text, `${g} ${item.id} option ${o.code}`));
        }
      }
    }
  });

  it("writes Tigrinya in Ge'ez script and Arabic in Arabic script", () => {
    const q = questionnaire('wi2021-asiel');
    for (const page of q.pages) {
      for (const item of page.items) {
        assert.match(item.text.ti!.text, /[\u1200-\u137F]/, `${item.id} ti`);
        assert.match(item.text.ar!.text, /[\u0600-\u06FF]/, `${item.id} ar`);
      }
    }
  });

  it('attaches the Anders-namelijk texts with stable ids', () => {
    const others = GROUPS.flatMap((g) =>
      questionnaire(g).pages.flatMap((p) =>
        p.items.flatMap((i) => ('options' in i ? i.options.flatMap((o) => (o.other ? [o.other] : [])) : [])),
      ),
    );
    for (const id of [
      'Q2.01_anders',
      'Q2.03_anders',
      'Q2.05_anders',
      'Q2.07_anders',
      'Q2.12_anders',
      'Q3.08_anders',
      'Q4.18_anders',
      'Q4.20_anders',
      'Q4.23_anders',
    ]) {
      assert.ok(others.includes(id as never), id);
    }
  });

  it("keeps the report's category order (Tabel 4.5: satisfaction, then Dat weet ik niet, then Niet van toepassing)", () => {
    const item = questionnaire('wi2021-asiel')
      .pages.flatMap((p) => p.items)
      .find((i) => i.id === 'Q4.21');
    assert.ok(item && 'options' in item);
    assert.deepEqual(
      item.options.map((o) => o.text.nl!.text),
      ['Heel tevreden', 'Tevreden', 'Neutraal', 'Ontevreden', 'Heel ontevreden', 'Dat weet ik niet', 'Niet van toepassing'],
    );
    assert.deepEqual(
      item.options.filter((o) => o.missing).map((o) => o.code),
      [99, 97],
    );
  });

  it('shows "Het kost veel geld" (Q3.08) to everyone but Wi2021-asiel', () => {
    const codes = (g: string) => {
      const item = questionnaire(g)
        .pages.flatMap((p) => p.items)
        .find((i) => i.id === 'Q3.08');
      return item && 'options' in item ? item.options.map((o) => o.code) : [];
    };
    assert.ok(!codes('wi2021-asiel').includes(4));
    for (const g of ['wi2021-gezin', 'wi2013-asiel', 'wi2013-gezin']) assert.ok(codes(g).includes(4), g);
  });
});
