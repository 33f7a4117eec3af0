// "Anders, namelijk..." answers in the respondent's language and script, and the demo's channels (the DUO
// letter and the municipal-route partners of Tabel B.1). Every channel starts with "demo-" so any page can
// tell synthetic responses apart.
import type { Language } from '../questionnaire/types.ts';
import type { Rng } from './prng.ts';

const OTHER: Readonly<Record<Language, readonly string[]>> = {
  nl: [
    'Soedan',
    'Jemen en Saoedi-Arabië',
    'Ik werk in de avond',
    'Bij mijn oom',
    'Een cursus in mijn eigen land',
    'Verblijfsvergunning regulier',
    'Het is te ver reizen',
  ],
  en: [
    'Sudan',
    'Ethiopia',
    'I take care of my mother',
    'Online course from abroad',
    'Temporary permit',
    'Too much paperwork',
    'Vocational training in Ukraine',
  ],
  ar: ['السودان', 'فلسطين', 'أعتني بوالدتي', 'دورة عبر الإنترنت', 'تصريح مؤقت', 'المواصلات بعيدة', 'دراسة في سوريا'],
  tr: ['Azerbaycan', 'Kuzey Irak', 'Akşamları çalışıyorum', 'Kendi ülkemde meslek okulu', 'Geçici izin', 'Yol çok uzun'],
  ti: ['ሱዳን', 'ኢትዮጵያ', 'ንኣደይ እናሰዕብ', 'ኣብ ዓደይ ትምህርቲ', 'ግዝያዊ ፍቓድ', 'መገሻ ነዊሕ እዩ'],
};

export function otherText(language: Language, rng: Rng): string {
  const list = OTHER[language];
  return list[rng.int(list.length)] as string;
}

/** Municipal-route partners per municipality (Tabel B.1 check marks). */
const PARTNERS: readonly [string, readonly string[]][] = [
  ['breda', ['whatsapp', 'consulent', 'adviesraad', 'maatschappelijke-organisatie']],
  ['eindhoven', ['whatsapp', 'consulent', 'maatschappelijke-organisatie']],
  ['leeuwarden', ['whatsapp', 'taalschool', 'consulent', 'adviesraad', 'informatiebijeenkomst', 'maatschappelijke-organisatie']],
  ['tilburg', ['consulent', 'maatschappelijke-organisatie']],
  ['venlo', ['whatsapp', 'consulent', 'informatiebijeenkomst', 'maatschappelijke-organisatie']],
  ['regio-achterhoek', ['informatiebijeenkomst']],
];

export { DEMO_CHANNEL_PREFIX } from '../storage/responses.ts';
export const DUO_CHANNEL = 'demo-duo-brief';
export const MUNICIPAL_CHANNELS: readonly string[] = PARTNERS.flatMap(([place, kinds]) => kinds.map((k) => `demo-gemeente-${place}-${k}`));

/** The DUO letter for most respondents; about one in eight came through a municipal-route partner. */
export function channelFor(rng: Rng): string {
  return rng.next() < 0.875 ? DUO_CHANNEL : (MUNICIPAL_CHANNELS[rng.int(MUNICIPAL_CHANNELS.length)] as string);
}

/** Questionnaire language from the country of origin (Q2.03). */
export function languageFor(country: number | null, rng: Rng): Language {
  const table: readonly [Language, number][] =
    country === 1 || country === 5 || country === 6 || country === 9
      ? [
          ['ar', 70],
          ['nl', 18],
          ['en', 12],
        ]
      : country === 2
        ? [
            ['ti', 72],
            ['nl', 13],
            ['en', 15],
          ]
        : country === 3
          ? [
              ['tr', 80],
              ['nl', 15],
              ['en', 5],
            ]
          : [
              ['en', 45],
              ['nl', 45],
              ['ar', 10],
            ];
  return table[rng.pick(table.map(([, w]) => w))]![0];
}
