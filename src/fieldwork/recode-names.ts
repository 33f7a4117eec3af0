// Names of countries and languages in many languages and scripts, from CLDR through the runtime's ICU
// (Intl.DisplayNames), and the text normalisation every comparison of open answers uses: case, diacritics,
// Arabic letter variants and the article, punctuation. Built once, on first use.

/** Languages whose names respondents of this population write in, besides the questionnaires' five. */
export const NAME_LOCALES = [
  'nl',
  'en',
  'ar',
  'tr',
  'ti',
  'fa',
  'ps',
  'so',
  'ku',
  'ckb',
  'am',
  'uk',
  'ru',
  'de',
  'fr',
  'es',
  'it',
  'ur',
  'prs',
] as const;

const ARABIC_FOLD: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
  ە: 'ه',
  ۆ: 'و',
  ێ: 'ي',
};

/** A text as compared: lower case, no diacritics or vowel signs, Arabic letter variants folded, words only. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[أإآٱةىیکەۆێ]/g, (ch) => ARABIC_FOLD[ch] ?? ch)
    .replace(/\u0640/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => (/^ال[\u0600-\u06ff]{3,}$/.test(w) ? w.slice(2) : w))
    .join(' ');
}

export type NameKind = 'region' | 'language';

export interface NamedEntity {
  readonly kind: NameKind;
  readonly code: string;
  /** Normalised names in every locale of NAME_LOCALES that has one. */
  readonly names: ReadonlySet<string>;
  /** The Dutch name (for messages). */
  readonly nl: string;
}

let cache: { readonly regions: readonly NamedEntity[]; readonly languages: readonly NamedEntity[] } | null = null;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Language codes worth naming: those of the study's population and its neighbours, and the common ones. */
const LANGUAGE_CODES = [
  'ar',
  'ti',
  'tr',
  'nl',
  'en',
  'fa',
  'prs',
  'ps',
  'so',
  'ku',
  'ckb',
  'kmr',
  'am',
  'om',
  'uk',
  'ru',
  'de',
  'fr',
  'es',
  'it',
  'ur',
  'hi',
  'bn',
  'zh',
  'pl',
  'ro',
  'bg',
  'pt',
  'sq',
  'hy',
  'ka',
  'az',
  'uz',
  'sw',
  'ha',
  'yo',
  'ig',
  'ber',
  'tzm',
  'aii',
  'syr',
  'he',
  'el',
  'bs',
  'sr',
  'hr',
  'mk',
  'tg',
  'tk',
  'ky',
  'kk',
  'mn',
  'ne',
  'ta',
  'si',
  'th',
  'vi',
  'id',
  'ms',
  'tl',
] as const;

function build(kind: NameKind, codes: readonly string[]): NamedEntity[] {
  const displays = NAME_LOCALES.flatMap((locale) =>
    (['long', 'short'] as const).flatMap((style) => {
      try {
        return [new Intl.DisplayNames([locale], { type: kind, style, fallback: 'none' })];
      } catch {
        return [];
      }
    }),
  );
  const dutch = new Intl.DisplayNames(['nl'], { type: kind, fallback: 'code' });
  const out: NamedEntity[] = [];
  for (const code of codes) {
    const names = new Set<string>();
    for (const display of displays) {
      const name = display.of(code);
      if (name && name !== code) names.add(normalizeText(name));
    }
    names.delete('');
    if (names.size > 0) out.push({ kind, code, names, nl: dutch.of(code) ?? code });
  }
  return out;
}

/** CLDR's countries (every two-letter code ICU names) and languages, with their names. */
export function cldrNames(): { readonly regions: readonly NamedEntity[]; readonly languages: readonly NamedEntity[] } {
  if (cache) return cache;
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const regionCodes: string[] = [];
  for (const a of LETTERS)
    for (const b of LETTERS)
      if (english.of(a + b) !== undefined && !['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB'].includes(a + b)) regionCodes.push(a + b);
  cache = { regions: build('region', regionCodes), languages: build('language', LANGUAGE_CODES) };
  return cache;
}
