// The characters the respondent pages can show from our own texts: every string in the study's
// questionnaires, landing and study files and in the message catalogues, the languages' native names,
// plus the digits, punctuation and marks of Arabic and Ethiopic that numbers and typed answers use.
// The first font slice must hold all of these (test/web/font-slices.test.ts checks it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANGUAGE_NAMES } from '../../src/i18n/catalog.ts';
import { parseUnicodeRange } from './unicode.ts';

/**
 * Digits, punctuation and marks kept in the first slice whether the texts use them today or not: Arabic
 * comma, semicolon, letter mark, question mark, tatweel, Arabic-Indic digits and number signs (people
 * type them in numbers and answers), the full stop, the harakat and the superscript alef (a mark must sit
 * in the same file as its letter, or the browser cannot place it), ZWNJ/ZWJ/LRM/RLM and hyphens; Ethiopic
 * combining marks, punctuation and numerals.
 */
export const EXTRA_CODE_POINTS: ReadonlySet<number> = parseUnicodeRange(
  'U+060C,U+061B-061C,U+061F,U+0640,U+064B-065F,U+0660-066D,U+0670,U+06D4,U+200C-200F,U+2010-2011,U+135D-137C',
);

/** The files whose texts appear on respondent pages, relative to the repository root. */
export function textFiles(root: string): string[] {
  const studies = join(root, 'studies');
  // Questionnaires may sit in a folder per wave (questionnaires/2023/...).
  const walk = (dir: string, inQuestionnaires: boolean): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return walk(path, inQuestionnaires || name === 'questionnaires');
        return (inQuestionnaires && name.endsWith('.json')) || name === 'landing.json' || name === 'study.json' ? [path] : [];
      });
  const messages = join(root, 'src', 'i18n', 'messages');
  const catalogues = readdirSync(messages)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(messages, n));
  return [...walk(studies, false), ...catalogues].map((p) => relative(root, p));
}

const stringsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
};

/** Every text of those files and the native language names, each with where it comes from. */
export function texts(root: string): { readonly text: string; readonly where: string }[] {
  const fromFiles = textFiles(root).flatMap((file) =>
    stringsIn(JSON.parse(readFileSync(join(root, file), 'utf8'))).map((text) => ({ text, where: file })),
  );
  const names = Object.values(LANGUAGE_NAMES).map((text) => ({ text, where: 'src/i18n/catalog.ts (LANGUAGE_NAMES)' }));
  return [...fromFiles, ...names];
}

/** Code points used by the texts, each with the first file that uses it (for messages). */
export function textCodePoints(root: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const { text, where } of texts(root)) {
    for (const ch of text) if (!found.has(ch.codePointAt(0)!)) found.set(ch.codePointAt(0)!, where);
  }
  return found;
}

/** The characters of the languages' native names: the "names" fonts hold these and nothing else. */
export function languageNameCodePoints(): Set<number> {
  return new Set(Object.values(LANGUAGE_NAMES).flatMap((name) => [...name].map((ch) => ch.codePointAt(0)!)));
}

/** Everything the first slice must hold (before intersecting with what a font has). */
export function firstSliceCodePoints(root: string): Set<number> {
  return new Set([...textCodePoints(root).keys(), ...EXTRA_CODE_POINTS]);
}
