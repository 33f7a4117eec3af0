// Message catalogues: every string a person reads, in all five languages, with ICU plurals and the
// translation status per language (and per key where a catalogue marks keys as reviewed). The language is
// always passed in; there is no current locale.
import { IntlMessageFormat } from 'intl-messageformat';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import nl from './messages/nl.json' with { type: 'json' };
import ti from './messages/ti.json' with { type: 'json' };
import tr from './messages/tr.json' with { type: 'json' };
import { LANGUAGES, type Language, type TranslationStatus } from '../questionnaire/types.ts';

export type MessageKey = keyof typeof nl.messages;
export type MessageValues = Record<string, string | number>;

interface CatalogFile {
  readonly status: TranslationStatus;
  readonly reviewed?: readonly string[];
  readonly messages: Readonly<Record<string, string>>;
}

const FILES: Readonly<Record<Language, CatalogFile>> = { nl, en, ar, tr, ti } as Record<Language, CatalogFile>;

/** Native names, each in its own script. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  nl: 'Nederlands',
  en: 'English',
  ar: 'العربية',
  tr: 'Türkçe',
  ti: 'ትግርኛ',
};

export const directionOf = (lang: Language): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

export interface Catalog {
  t(lang: Language, key: MessageKey, values?: MessageValues): string;
  status(lang: Language, key: MessageKey): TranslationStatus;
  /** Per language: how many keys exist and how many are reviewed (source counts as reviewed). */
  summary(): Record<Language, { total: number; reviewed: number; status: TranslationStatus }>;
}

export function createCatalog(): Catalog {
  const compiled = new Map<string, IntlMessageFormat>();
  const format = (lang: Language, key: MessageKey): IntlMessageFormat => {
    const id = `${lang}\u0000${key}`;
    let message = compiled.get(id);
    if (!message) {
      const text = FILES[lang].messages[key] ?? FILES.nl.messages[key] ?? key;
      message = new IntlMessageFormat(text, lang);
      compiled.set(id, message);
    }
    return message;
  };
  const status = (lang: Language, key: MessageKey): TranslationStatus => {
    const file = FILES[lang];
    if (file.reviewed?.includes(key)) return 'reviewed';
    return file.status;
  };
  return {
    t: (lang, key, values) => String(format(lang, key).format(values)),
    status,
    summary: () => {
      const keys = Object.keys(FILES.nl.messages) as MessageKey[];
      const out = {} as Record<Language, { total: number; reviewed: number; status: TranslationStatus }>;
      for (const lang of LANGUAGES) {
        const reviewed = keys.filter((k) => status(lang, k) !== 'draft').length;
        out[lang] = { total: keys.length, reviewed, status: FILES[lang].status };
      }
      return out;
    },
  };
}

/** Keys missing from a catalogue, per language (checked by a test so no language falls back silently). */
export function missingKeys(): Record<Language, string[]> {
  const keys = Object.keys(FILES.nl.messages);
  const out = {} as Record<Language, string[]>;
  for (const lang of LANGUAGES) out[lang] = keys.filter((k) => !(k in FILES[lang].messages));
  return out;
}
