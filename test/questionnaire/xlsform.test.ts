import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { readXlsFormFile, writeXlsFormFile } from '../../src/study/xlsform-file.ts';
import { fromXlsForm, toXlsForm, type XlsForm } from '../../src/questionnaire/xlsform.ts';
import { fromXlsExpression, toXlsExpression } from '../../src/questionnaire/xlsform-expression.ts';
import { parseExpression } from '../../src/questionnaire/expression.ts';
import type { Condition, ItemId } from '../../src/questionnaire/types.ts';
import { GROUPS, questionnaire } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'perspectief-xlsform-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('XLSForm round trip', () => {
  for (const id of GROUPS) {
    it(`${id}: export → file → import → export is identical`, async () => {
      const first = toXlsForm(questionnaire(id));
      const path = join(dir, `${id}.xlsx`);
      await writeXlsFormFile(path, first);
      const read = await readXlsFormFile(path);
      const imported = fromXlsForm(read);
      assert.ok(imported.ok, imported.ok ? '' : imported.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      assert.deepEqual(toXlsForm(imported.value), first);
      assert.deepEqual(imported.value, questionnaire(id));
    });
  }

  it('writes label::Nederlands (nl)-style columns and relevant expressions in XLSForm syntax', () => {
    const form = toXlsForm(questionnaire('wi2021-asiel'));
    assert.ok(form.survey.columns.includes('label::Nederlands (nl)'));
    assert.ok(form.survey.columns.includes('label::ትግርኛ (ti)'));
    // Wi2021-asiel shows Q4.19 to everyone (Tabel 4.3's N); the other questionnaires only after work.
    assert.equal(form.survey.rows.find((r) => r.name === 'Q4.19')?.relevant, undefined);
    const q419 = toXlsForm(questionnaire('wi2021-gezin')).survey.rows.find((r) => r.name === 'Q4.19');
    assert.equal(q419?.relevant, "selected(${Q4.17}, '2') or selected(${Q4.17}, '3')");
    assert.equal(q419.type, 'select_one Q4.19');
    assert.equal(q419.appearance, 'likert');
    const kwaliteit = form.survey.rows.find((r) => r.name === 'kwaliteit-1');
    assert.equal(kwaliteit?.relevant, '${Q4.05} = 1');
    assert.equal(form.survey.rows.find((r) => r.name === 'Q2.02')?.type, 'integer');
    assert.equal(form.survey.rows.find((r) => r.name === 'Q3.08')?.type, 'select_multiple Q3.08');
  });

  it('imports a form made elsewhere: or_other becomes our other, unsupported types are reported by row', () => {
    const foreign: XlsForm = {
      survey: {
        columns: ['type', 'name', 'label::English (en)', 'label::Nederlands (nl)', 'relevant'],
        rows: [
          { type: 'begin group', name: 'p1', 'label::English (en)': 'Page', 'label::Nederlands (nl)': 'Pagina' },
          { type: 'select_one yn or_other', name: 'A1', 'label::English (en)': 'Work?', 'label::Nederlands (nl)': 'Werk?' },
          { type: 'integer', name: 'A2', 'label::English (en)': 'Age', 'label::Nederlands (nl)': 'Leeftijd', relevant: "${A1} = '1'" },
          { type: 'end group' },
          { type: 'text', name: 'A3', 'label::English (en)': 'Say', 'label::Nederlands (nl)': 'Zeg', relevant: "not(${A2} != '')" },
        ],
      },
      choices: {
        columns: ['list_name', 'name', 'label::English (en)', 'label::Nederlands (nl)'],
        rows: [
          { list_name: 'yn', name: '1', 'label::English (en)': 'Yes', 'label::Nederlands (nl)': 'Ja' },
          { list_name: 'yn', name: '2', 'label::English (en)': 'No', 'label::Nederlands (nl)': 'Nee' },
        ],
      },
      settings: { columns: ['form_id', 'default_language'], rows: [{ form_id: 'elders', default_language: 'Nederlands (nl)' }] },
    };
    const result = fromXlsForm(foreign);
    assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.issues));
    // A2 depends on A1 on the same group, so it moves to a continuation page; A3 (outside a group) gets its own.
    assert.deepEqual(
      result.value.pages.map((p) => [p.id, p.items.map((i) => i.id)]),
      [
        ['p1', ['A1']],
        ['p1-2', ['A2']],
        ['p_A3', ['A3']],
      ],
    );
    const [p1, p2, p3] = result.value.pages;
    const a1 = p1!.items[0]!;
    assert.ok(a1.kind === 'single');
    assert.deepEqual(
      a1.options.map((o) => [o.code, o.other]),
      [
        [1, undefined],
        [2, undefined],
        [3, 'A1_other'],
      ],
    );
    assert.deepEqual(p2!.items[0]!.condition, { kind: 'compare', item: 'A1', op: '=', value: 1 });
    assert.deepEqual(p3?.items[0]?.condition, { kind: 'not', condition: { kind: 'answered', item: 'A2' } });

    const unsupported: XlsForm = {
      ...foreign,
      survey: {
        columns: foreign.survey.columns,
        rows: [
          ...foreign.survey.rows,
          { type: 'date', name: 'B1', 'label::Nederlands (nl)': 'Datum' },
          { type: 'geopoint', name: 'B2', 'label::Nederlands (nl)': 'Plek' },
          { type: 'text', name: 'B3', 'label::Nederlands (nl)': 'x', relevant: 'count(${A1}) > 2' },
        ],
      },
    };
    const bad = fromXlsForm(unsupported);
    assert.ok(!bad.ok);
    const lines = bad.issues.map((i) => `${i.path}: ${i.item ?? ''}: ${i.message}`);
    assert.ok(
      lines.some((l) => /^survey row 7, type: B1: unsupported question type 'date'/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /^survey row 8, type: B2: unsupported question type 'geopoint'/.test(l)));
    assert.ok(lines.some((l) => /^survey row 9, relevant: B3: cannot read 'count/.test(l)));
  });
});

describe('relevant expressions', () => {
  const ids = ['Q1', 'Q2.01', 'Q4.05'] as ItemId[];
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({ kind: fc.constant('answered' as const), item: fc.constantFrom(...ids) }),
    fc.record({
      kind: fc.constant('compare' as const),
      item: fc.constantFrom(...ids),
      op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const),
      value: fc.integer({ min: -5, max: 2030 }),
    }),
    fc.record({
      kind: fc.constant('in' as const),
      item: fc.constantFrom(...ids),
      values: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 3 }),
    }),
  );
  const condition = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(tie('c'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('not' as const), condition: tie('c') }),
    ),
  })).c;

  it('print → read → print is the identity on the printed text', () => {
    fc.assert(
      fc.property(condition, (c) => {
        const text = toXlsExpression(c);
        assert.equal(toXlsExpression(fromXlsExpression(text)), text);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('maps our syntax to XLSForm syntax', () => {
    assert.equal(
      toXlsExpression(parseExpression('Q4.05 = 1 and not (Q2.09 in (3, 4))')),
      "${Q4.05} = 1 and not(selected(${Q2.09}, '3') or selected(${Q2.09}, '4'))",
    );
    assert.deepEqual(
      fromXlsExpression("${Q4.05} = 1 and not(selected(${Q2.09}, '3') or selected(${Q2.09}, '4'))"),
      parseExpression('Q4.05 = 1 and not (Q2.09 in (3, 4))'),
    );
  });
});
