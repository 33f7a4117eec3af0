// Secrets handed to people (respondent links, session cookies) are random and stored only as sha256 hashes.
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Letters and digits that cannot be mistaken for each other when read aloud or copied from a screen. */
const CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
export const RESUME_CODE_LENGTH = 12;

/**
 * A respondent's resume code: 12 symbols (about 53 bits), shown on every page so a person can continue on
 * another device. It is also the secret in their link, so the database stores only its hash.
 */
export function newResumeCode(): string {
  const bytes = randomBytes(RESUME_CODE_LENGTH * 2);
  let code = '';
  for (let i = 0; code.length < RESUME_CODE_LENGTH; i++) {
    if (i >= bytes.length) return newResumeCode();
    const b = bytes[i]!;
    if (b < 256 - (256 % CODE_ALPHABET.length)) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  }
  return code;
}

/** Reads a code as people type it: any case, with or without spaces and dashes. Null when it cannot be one. */
export function normalizeResumeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== RESUME_CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export const formatResumeCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');
