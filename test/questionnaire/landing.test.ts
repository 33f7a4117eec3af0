import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  chooseQuestionnaire,
  enumerateLandingAnswers,
  normalizeLanding,
  type LandingDefinition,
  type LandingFile,
} from '../../src/questionnaire/landing.ts';
import { LANGUAGES, type AnswerValue, type ItemId } from '../../src/questionnaire/types.ts';
import { GROUPS, STUDY_DIR, study } from './helpers.ts';

const landing = (): LandingDefinition => {
  const l = study().landing;
  assert.ok(l, 'the study has a landing page');
  return l;
};
const answers = (entries: Record<string, number>) => new Map(Object.entries(entries) as [ItemId, AnswerValue][]);

describe('landing filter questions', () => {
  it('sends the four typical respondents to their questionnaire', () => {
    const l = landing();
    const cases: [Record<string, number>, string][] = [
      [{ F1_wet: 1, F3_vergunning: 1 }, 'wi2021-asiel'],
      [{ F1_wet: 1, F3_vergunning: 2 }, 'wi2021-gezin'],
      [{ F1_wet: 1, F3_vergunning: 3 }, 'wi2021-gezin'],
      [{ F1_wet: 2, F3_vergunning: 1 }, 'wi2013-asiel'],
      [{ F1_wet: 2, F3_vergunning: 2 }, 'wi2013-gezin'],
      [{ F1_wet: 99, F2_pip: 1, F3_vergunning: 99, F4_azc: 1 }, 'wi2021-asiel'],
      [{ F1_wet: 99, F2_pip: 2, F3_vergunning: 99, F4_azc: 2 }, 'wi2013-gezin'],
    ];
    for (const [given, expected] of cases) {
      assert.deepEqual(chooseQuestionnaire(l, answers(given)), { kind: 'questionnaire', questionnaire: expected }, JSON.stringify(given));
    }
  });

  it('says which page is still open before every filter question is answered', () => {
    const l = landing();
    assert.deepEqual(chooseQuestionnaire(l, answers({})), { kind: 'incomplete', page: 'wet', missing: ['F1_wet'] });
    assert.deepEqual(chooseQuestionnaire(l, answers({ F1_wet: 99 })), { kind: 'incomplete', page: 'pip', missing: ['F2_pip'] });
    assert.deepEqual(chooseQuestionnaire(l, answers({ F1_wet: 1 })), {
      kind: 'incomplete',
      page: 'vergunning',
      missing: ['F3_vergunning'],
    });
  });

  it('ignores an answer behind a closed branch', () => {
    // F2_pip is only asked when F1_wet = 99; a stale F2_pip = 2 must not send a Wi2021 person to Wi2013.
    assert.deepEqual(chooseQuestionnaire(landing(), answers({ F1_wet: 1, F2_pip: 2, F3_vergunning: 1 })), {
      kind: 'questionnaire',
      questionnaire: 'wi2021-asiel',
    });
  });

  it('maps every complete answer combination to exactly one questionnaire or to an explicit no-fit', () => {
    const l = landing();
    const combos = enumerateLandingAnswers(l);
    const seen = new Map<string, number>();
    for (const a of combos) {
      const outcome = chooseQuestionnaire(l, a);
      assert.ok(outcome.kind === 'questionnaire' || outcome.kind === 'no-fit', `${JSON.stringify([...a])} → ${outcome.kind}`);
      const key = outcome.kind === 'questionnaire' ? outcome.questionnaire : 'no-fit';
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), [...GROUPS, 'no-fit'].sort());
    assert.ok(combos.length >= 20, `enumerated ${combos.length} combinations`);
  });

  it('gives the same questionnaire in every language for the same choices', () => {
    // A respondent picks the n-th option on each screen; whatever language the screen is in, the code is the same.
    const l = landing();
    const items = l.form.pages.flatMap((p) => p.items);
    for (const combo of enumerateLandingAnswers(l)) {
      const positions = new Map(
        [...combo].map(([id, code]) => {
          const item = items.find((i) => i.id === id)!;
          return [id, 'options' in item ? item.options.findIndex((o) => o.code === code) : -1];
        }),
      );
      const outcomes = LANGUAGES.map((lang) => {
        const chosen = new Map<ItemId, AnswerValue>();
        for (const [id, position] of positions) {
          const item = items.find((i) => i.id === id)!;
          assert.ok('options' in item);
          const option = item.options[position]!;
          assert.ok(option.text[lang], `${id} has a ${lang} label`);
          chosen.set(id, option.code);
        }
        return JSON.stringify(chooseQuestionnaire(l, chosen));
      });
      assert.equal(new Set(outcomes).size, 1);
    }
  });

  it('routes only to questionnaires of the latest wave, and has filter questions in five languages', () => {
    const l = landing();
    const ids = study()
      .waves.at(-1)!
      .questionnaires.map((q) => q.id as string);
    for (const r of l.routes) assert.ok(ids.includes(r.questionnaire));
    for (const lang of LANGUAGES) assert.ok(l.noMatch[lang]?.text);
  });

  it('rejects a file whose routes overlap, naming the answers', () => {
    const raw = JSON.parse(readFileSync(`${STUDY_DIR}landing.json`, 'utf8')) as LandingFile;
    raw.routes.push({ when: 'F1_wet = 1', questionnaire: 'wi2021-gezin' });
    const result = normalizeLanding(raw);
    assert.equal(result.ok, false);
    assert.ok(result.issues.some((i) => /F1_wet = 1, F3_vergunning = 1 fit more than one route/.test(i.message)));
  });

  it('rejects a route naming an unknown filter question', () => {
    const raw = JSON.parse(readFileSync(`${STUDY_DIR}landing.json`, 'utf8')) as LandingFile;
    raw.routes[0]!.when = 'F9 = 1';
    const result = normalizeLanding(raw);
    assert.ok(!result.ok && result.issues.some((i) => i.path === 'routes[0].when' && /unknown filter question 'F9'/.test(i.message)));
  });
});
