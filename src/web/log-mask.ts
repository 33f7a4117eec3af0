// Codes are keys to people's answers: a letter's code, a resume code (also the secret in a response's
// address), a group's code. They never reach a log: every line the server writes goes through maskCodes,
// error messages and stacks included, whatever path or text carries them.
import { readCode } from '../storage/tokens.ts';

/** What a code path segment or a code becomes in a log line. */
export const MASK = '***';

/** The segment after /s/, /i/ or /c/ (also after a language: /nl/c/...), up to the next /, ?, # or space. */
const CODE_SEGMENT = /(\/(?:[a-z]{2}\/)?[sic]\/)[^/?#\s"'<>:;,()]+/gi;
/** Words and dash-grouped words: candidates for a code written out. */
const WORD = /(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-‐‑][A-Za-z0-9]+)*(?![A-Za-z0-9])/g;

/**
 * A code as people or the app write it: six, ten or twelve symbols of the code alphabet, upper case, or
 * with a digit, or grouped with dashes. (Ordinary lower-case words that happen to use only those letters,
 * "update" say, are left alone; a code in lower case reaches a log only in a path, masked above.)
 */
const looksLikeCode = (word: string): boolean => {
  if (readCode(word) === null) return false;
  return word === word.toUpperCase() || /\d/.test(word) || /[-‐‑]/.test(word);
};

/** The text with every code in it replaced by MASK. */
export function maskCodes(text: string): string {
  return text.replace(CODE_SEGMENT, `$1${MASK}`).replace(WORD, (word) => (looksLikeCode(word) ? MASK : word));
}
