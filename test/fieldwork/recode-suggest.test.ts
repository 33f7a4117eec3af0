// Suggestions for "Anders, namelijk..." answers: a list of 100 open texts in the five languages and scripts
// (the demo's own "other" texts, src/demo/texts.ts, and new ones a respondent might write), each with the
// option a researcher would recode it to, or none. The suggester must get at least 90 right, never suggest an
// option for a country that is not one, and say which country such a text names.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { suggesterFor } from '../../src/fieldwork/recode-suggest.ts';
import type { ChoiceItem } from '../../src/questionnaire/types.ts';
import { DEFAULT_STUDY_DIR, loadStudy } from '../../src/study/load.ts';

const study = loadStudy(DEFAULT_STUDY_DIR);
const questionnaire = study.waves.find((w) => w.key === '2024')!.questionnaires.find((q) => q.id === 'wi2021-asiel')!;
const itemOf = (id: string) => questionnaire.pages.flatMap((p) => p.items).find((i) => i.id === id) as ChoiceItem;

/** [item, text as written, expected option code or null (stays "other")]. Demo texts are marked "demo". */
const CASES: readonly (readonly [string, string, number | null, string?])[] = [
  // Q2.03 country of origin: 1 Syrië, 2 Eritrea, 3 Turkije, 4 Afghanistan, 5 Jemen, 6 Irak, 7 Iran, 8 Somalië, 9 Marokko
  ['Q2.03', 'سوريا', 1],
  ['Q2.03', 'Syria', 1],
  ['Q2.03', 'Suriye', 1],
  ['Q2.03', 'ሶርያ', 1],
  ['Q2.03', 'syrie', 1],
  ['Q2.03', 'SYRIA', 1],
  ['Q2.03', 'سورية', 1],
  ['Q2.03', 'سوریه', 1],
  ['Q2.03', 'Ik kom uit Syrië', 1],
  ['Q2.03', 'من سوريا', 1],
  ['Q2.03', 'ካብ ሶርያ', 1],
  ['Q2.03', 'Syrian', 1],
  ['Q2.03', 'Suriyeli', 1],
  ['Q2.03', 'Damascus, Syria', 1],
  ['Q2.03', 'Syrien', 1],
  ['Q2.03', 'Siria', 1],
  ['Q2.03', 'Eritrea', 2],
  ['Q2.03', 'إريتريا', 2],
  ['Q2.03', 'Eritre', 2],
  ['Q2.03', 'ኤርትራ', 2],
  ['Q2.03', 'Eritria', 2],
  ['Q2.03', 'ارتريا', 2],
  ['Q2.03', 'Érythrée', 2],
  ['Q2.03', 'Asmara, Eritrea', 2],
  ['Q2.03', 'Eritrean', 2],
  ['Q2.03', 'ካብ ኤርትራ እየ', 2],
  ['Q2.03', 'Turkey', 3],
  ['Q2.03', 'Türkiye', 3],
  ['Q2.03', 'تركيا', 3],
  ['Q2.03', 'ቱርኪ', 3],
  ['Q2.03', 'Turquie', 3],
  ['Q2.03', 'Türkei', 3],
  ['Q2.03', 'Turkiye', 3],
  ['Q2.03', 'Afghanistan', 4],
  ['Q2.03', 'Afganistan', 4],
  ['Q2.03', 'أفغانستان', 4],
  ['Q2.03', 'ኣፍጋኒስታን', 4],
  ['Q2.03', 'افغانستان', 4],
  ['Q2.03', 'Kabul, Afghanistan', 4],
  ['Q2.03', 'Yemen', 5],
  ['Q2.03', 'اليمن', 5],
  ['Q2.03', 'የመን', 5],
  ['Q2.03', 'Yaman', 5],
  ['Q2.03', 'Jemen en Saoedi-Arabië', 5, 'demo'],
  ['Q2.03', 'Iraq', 6],
  ['Q2.03', 'العراق', 6],
  ['Q2.03', 'ዒራቕ', 6],
  ['Q2.03', 'Kuzey Irak', 6, 'demo'],
  ['Q2.03', 'Iraq (Kurdistan)', 6],
  ['Q2.03', 'Iran', 7],
  ['Q2.03', 'إيران', 7],
  ['Q2.03', 'İran', 7],
  ['Q2.03', 'ኢራን', 7],
  ['Q2.03', 'ایران', 7],
  ['Q2.03', 'Somalia', 8],
  ['Q2.03', 'الصومال', 8],
  ['Q2.03', 'ሶማልያ', 8],
  ['Q2.03', 'Soomaaliya', 8],
  ['Q2.03', 'Somalië', 8],
  ['Q2.03', 'Morocco', 9],
  ['Q2.03', 'المغرب', 9],
  ['Q2.03', 'Fas', 9],
  ['Q2.03', 'ሞሮኮ', 9],
  ['Q2.03', 'Maroc', 9],
  // Countries that are no option: they stay "other".
  ['Q2.03', 'Soedan', null, 'demo'],
  ['Q2.03', 'Sudan', null, 'demo'],
  ['Q2.03', 'السودان', null, 'demo'],
  ['Q2.03', 'ሱዳን', null, 'demo'],
  ['Q2.03', 'فلسطين', null, 'demo'],
  ['Q2.03', 'Azerbaycan', null, 'demo'],
  ['Q2.03', 'Ethiopia', null, 'demo'],
  ['Q2.03', 'ኢትዮጵያ', null, 'demo'],
  ['Q2.03', 'Oekraïne', null],
  ['Q2.03', 'Україна', null],
  ['Q2.03', 'Pakistan', null],
  ['Q2.03', 'ليبيا', null],
  ['Q2.03', 'مصر', null],
  // Q2.12 residence permit: 1 asiel, 2 gezinsmigratie, 99 Dat weet ik niet
  ['Q2.12', 'asiel', 1],
  ['Q2.12', 'Asylum', 1],
  ['Q2.12', 'لجوء', 1],
  ['Q2.12', 'iltica', 1],
  ['Q2.12', 'gezinshereniging', 2],
  ['Q2.12', 'family reunification', 2],
  ['Q2.12', 'aile birleşimi', 2],
  ['Q2.12', 'Ik weet het niet', 99],
  ['Q2.12', 'Bilmiyorum', 99],
  ['Q2.12', 'Verblijfsvergunning regulier', null, 'demo'],
  ['Q2.12', 'Temporary permit', null, 'demo'],
  ['Q2.12', 'تصريح مؤقت', null, 'demo'],
  ['Q2.12', 'Geçici izin', null, 'demo'],
  ['Q2.12', 'ግዝያዊ ፍቓድ', null, 'demo'],
  // Q2.01 gender: 1 Man, 2 Vrouw
  ['Q2.01', 'vrouw', 2],
  ['Q2.01', 'Kadın', 2],
  ['Q2.01', 'امرأة', 2],
  ['Q2.01', 'erkek', 1],
  ['Q2.01', 'Non-binair', null],
  // Q2.05 where one lives: 1 huis, 2 azc, 3 gastgezin
  ['Q2.05', 'In een azc', 2],
  ['Q2.05', 'gastgezin', 3],
  ['Q2.05', 'Bij mijn oom', null, 'demo'],
  // Q3.08 what makes integrating hard: 3 care for family, 6 class times and work, 7 work
  ['Q3.08', 'I take care of my mother', 3, 'demo'],
  ['Q3.08', 'أعتني بوالدتي', 3, 'demo'],
  ['Q3.08', 'ንኣደይ እናሰዕብ', 3, 'demo'],
  ['Q3.08', 'Het is te ver reizen', null, 'demo'],
  ['Q3.08', 'Too much paperwork', null, 'demo'],
  ['Q3.08', 'Yol çok uzun', null, 'demo'],
  ['Q3.08', 'المواصلات بعيدة', null, 'demo'],
  ['Q3.08', 'መገሻ ነዊሕ እዩ', null, 'demo'],
  // Q2.07 education: texts that name no level
  ['Q2.07', 'Een cursus in mijn eigen land', null, 'demo'],
  ['Q2.07', 'Online course from abroad', null, 'demo'],
  ['Q2.07', 'دراسة في سوريا', null, 'demo'],
  ['Q2.07', 'ኣብ ዓደይ ትምህርቲ', null, 'demo'],
];

const suggest = (item: string, text: string) => {
  const choice = itemOf(item);
  const other = choice.options.find((o) => o.other)!.code;
  return suggesterFor(choice.options, other).suggest(text);
};

it('lists 100 or more texts in all five scripts, among them every demo text it marks', () => {
  assert.ok(CASES.length >= 100, `${CASES.length} cases`);
  for (const script of [/\p{Script=Latin}/u, /\p{Script=Arabic}/u, /\p{Script=Ethiopic}/u, /\p{Script=Cyrillic}/u])
    assert.ok(
      CASES.some(([, text]) => script.test(text)),
      String(script),
    );
});

it('suggests the right option (or none) for at least 90% of the open texts', () => {
  const wrong = CASES.filter(([item, text, expected]) => suggest(item, text).code !== expected).map(
    ([item, text, expected]) => `${item} "${text}": expected ${expected}, got ${suggest(item, text).code}`,
  );
  const right = CASES.length - wrong.length;
  console.log(`recode suggestions: ${right} of ${CASES.length} right; wrong: ${wrong.join('; ')}`);
  assert.ok(right / CASES.length >= 0.9, `${right} of ${CASES.length} right:\n${wrong.join('\n')}`);
});

it('never suggests an option for a country that is not one, and names that country from CLDR', () => {
  for (const text of ['Soedan', 'السودان', 'ሱዳን', 'Sudan']) {
    const s = suggest('Q2.03', text);
    assert.equal(s.code, null, text);
    assert.deepEqual(s.names && { code: s.names.code, nl: s.names.nl }, { code: 'SD', nl: 'Soedan' }, text);
  }
});

it('marks a text that names an option and a country beside it as partial, naming the other country', () => {
  const s = suggest('Q2.03', 'Jemen en Saoedi-Arabië');
  assert.equal(s.code, 5);
  assert.equal(s.confidence, 'partial');
  assert.equal(s.names?.code, 'SA');
});

it('says an exact match is exact, across scripts, and offers no option for an empty text', () => {
  for (const text of ['سوريا', 'Suriye', 'ሶርያ', 'Syria']) assert.equal(suggest('Q2.03', text).confidence, 'exact', text);
  assert.equal(suggest('Q2.03', '  ').code, null);
});
