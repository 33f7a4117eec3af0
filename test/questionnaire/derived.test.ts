import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { computeDerived } from '../../src/questionnaire/derived.ts';
import { normalizeVariables, type VariablesDefinition, type VariablesFile } from '../../src/questionnaire/variables.ts';
import type { AnswerValue, ItemId } from '../../src/questionnaire/types.ts';
import { STUDY_DIR, questionnaire, study } from './helpers.ts';

const vars = (): VariablesDefinition => ({ scales: study().scales ?? [], derived: study().derived ?? [] });
const answers = (entries: Record<string, AnswerValue>) => new Map(Object.entries(entries) as [ItemId, AnswerValue][]);
const started = { 'Q4.05': 1, 'Q4.08': 1, 'Q4.09': 1 };

describe('derived variables', () => {
  it('types a Wi2021 respondent by questionnaire, a Wi2013 respondent by the control question', () => {
    const v = vars();
    assert.equal(computeDerived(v, questionnaire('wi2021-asiel'), answers({ 'Q2.12': 2 })).derived.type_inburgeraar, 1);
    assert.equal(computeDerived(v, questionnaire('wi2021-gezin'), answers({})).derived.type_inburgeraar, 2);
    assert.equal(computeDerived(v, questionnaire('wi2013-gezin'), answers({ 'Q2.12': 1 })).derived.type_inburgeraar, 3);
    assert.equal(computeDerived(v, questionnaire('wi2013-asiel'), answers({ 'Q2.12': 2 })).derived.type_inburgeraar, 4);
    assert.equal(computeDerived(v, questionnaire('wi2013-asiel'), answers({ 'Q2.12': 3 })).derived.type_inburgeraar, null);
  });

  it('flags a permit that does not match the questionnaire', () => {
    const v = vars();
    assert.equal(computeDerived(v, questionnaire('wi2021-asiel'), answers({ 'Q2.12': 2 })).derived.vergunning_mismatch, 1);
    assert.equal(computeDerived(v, questionnaire('wi2021-asiel'), answers({ 'Q2.12': 1 })).derived.vergunning_mismatch, 0);
    assert.equal(computeDerived(v, questionnaire('wi2021-asiel'), answers({ 'Q2.12': 99 })).derived.vergunning_mismatch, null);
  });

  it('derives cohort 1 from a PIP before 2024 and cohort 2 from 2024', () => {
    const v = vars();
    const q = questionnaire('wi2021-gezin');
    assert.equal(computeDerived(v, q, answers({ 'Q2.11': 2022 })).derived.cohort, 1);
    assert.equal(computeDerived(v, q, answers({ 'Q2.11': 2023 })).derived.cohort, 1);
    assert.equal(computeDerived(v, q, answers({ 'Q2.11': 2024 })).derived.cohort, 2);
    assert.equal(computeDerived(v, q, answers({ 'Q2.11': 99 })).derived.cohort, null);
    assert.equal(computeDerived(v, questionnaire('wi2013-gezin'), answers({})).derived.cohort, null);
  });

  it('puts ages in the report bands, with the band edges inclusive', () => {
    const v = vars();
    const q = questionnaire('wi2013-asiel');
    const band = (age: number) => computeDerived(v, q, answers({ 'Q2.02': age })).derived.leeftijdsklasse;
    assert.deepEqual([18, 21, 22, 30, 31, 45, 46, 76, 77].map(band), [1, 1, 2, 2, 3, 3, 4, 4, null]);
  });

  it('recodes education to 0-8 and leaves "andere opleiding" missing', () => {
    const v = vars();
    const q = questionnaire('wi2021-asiel');
    const level = (code: number) => computeDerived(v, q, answers({ 'Q2.07': code })).derived.opleidingsniveau;
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(level), [0, 1, 2, 3, 4, 5, 6, 7, 8, null]);
  });

  it('reverses health so that 5 is very good', () => {
    const v = vars();
    assert.equal(computeDerived(v, questionnaire('wi2021-asiel'), answers({ 'Q2.10': 1 })).derived.gezondheid, 5);
  });

  it('scores a scale as the mean of valid items, with "Dat weet ik niet" left out', () => {
    const v = vars();
    const q = questionnaire('wi2021-asiel');
    const result = computeDerived(v, q, answers({ ...started, 'Q3.01': 5, 'Q3.02': 4, 'Q3.03': 2, 'Q3.04': 4, 'Q3.05': 3 }));
    assert.equal(result.scales.maatschappelijk_doel, 4.5);
    assert.equal(result.scales.beleidsdoelen, 3);
    const tooFew = computeDerived(v, q, answers({ ...started, 'Q3.01': 5 }));
    assert.equal(tooFew.scales.maatschappelijk_doel, null);
  });

  it('ignores scale answers of a respondent who was routed past the items', () => {
    const v = vars();
    const result = computeDerived(v, questionnaire('wi2021-asiel'), answers({ 'Q4.05': 2, 'Q3.01': 5, 'Q3.02': 5 }));
    assert.equal(result.scales.maatschappelijk_doel, null);
  });

  it('mirrors a reverse-coded item over its own code range', () => {
    const base = vars();
    const kwaliteit = base.scales.find((s) => s.id === 'kwaliteit')!;
    const reversed: VariablesDefinition = { scales: [{ ...kwaliteit, reverse: ['Q4.25' as ItemId], minValid: 1 }], derived: [] };
    const result = computeDerived(reversed, questionnaire('wi2013-gezin'), answers({ 'Q4.09': 1, 'Q4.25': 5, 'Q4.26': 5 }));
    assert.equal(result.scales.kwaliteit, 3);
  });

  it('reports a scale that names an absent item, with the scale and the item', () => {
    const raw = JSON.parse(readFileSync(`${STUDY_DIR}variables.json`, 'utf8')) as VariablesFile;
    raw.scales[2]!.items.push('Q4.99');
    const all = study().waves.flatMap((w) => w.questionnaires);
    const result = normalizeVariables(raw, all);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    const issue = result.issues.find((i) => i.item === 'Q4.99');
    assert.ok(issue);
    assert.equal(issue.path, 'scales[2].items[7]');
    assert.match(issue.message, /scale 'kwaliteit' names item Q4\.99, which is in no questionnaire of the study/);
  });

  it('reports a derived condition on an unknown item and an unknown questionnaire', () => {
    const raw = JSON.parse(readFileSync(`${STUDY_DIR}variables.json`, 'utf8')) as VariablesFile;
    const derived = raw.derived[0]!;
    assert.ok(derived.kind === 'cases');
    derived.cases[2]!.when = 'Q2.99 = 1';
    derived.cases[3]!.questionnaires = ['wi2099-gezin'];
    const result = normalizeVariables(
      raw,
      study().waves.flatMap((w) => w.questionnaires),
    );
    assert.ok(!result.ok);
    const messages = result.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    assert.match(messages, /derived\[0\]\.cases\[2\]\.when: derived variable 'type_inburgeraar': condition names item Q2\.99/);
    assert.match(messages, /derived\[0\]\.cases\[3\]\.questionnaires\[0\]: .*'wi2099-gezin', which is not in the study/);
  });
});
