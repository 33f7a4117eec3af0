// Secrets handed to people (respondent links, session cookies) are random and stored only as sha256 hashes.
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Letters and digits that cannot be mistaken for each other when read aloud or copied from a screen. */
const CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
/** The three codes a person may type, told apart by their length. */
export const CODE_LENGTHS = { groupSession: 6, invitation: 10, resume: 12 } as const;
export type CodeKind = keyof typeof CODE_LENGTHS;
export const RESUME_CODE_LENGTH = CODE_LENGTHS.resume;

/** A random code of `length` symbols from the unambiguous alphabet (4.46 bits each, no modulo bias). */
export function newCode(length: number): string {
  let code = '';
  while (code.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (code.length < length && b < 256 - (256 % CODE_ALPHABET.length)) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return code;
}

/**
 * A respondent's resume code: 12 symbols (about 53 bits), shown on every page so a person can continue on
 * another device. It is also the secret in their link, so the database stores only its hash.
 */
export const newResumeCode = (): string => newCode(CODE_LENGTHS.resume);

/** Reads a code as people type it: any case, with or without spaces and dashes. Null when it cannot be one. */
export function readCode(input: string): { kind: CodeKind; code: string } | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  const kind = (Object.keys(CODE_LENGTHS) as CodeKind[]).find((k) => CODE_LENGTHS[k] === code.length);
  return kind ? { kind, code } : null;
}

export function normalizeResumeCode(input: string): string | null {
  const read = readCode(input);
  return read?.kind === 'resume' ? read.code : null;
}

/** Groups a code for reading aloud and typing: 3-3, 5-5 or 4-4-4. */
export function formatCode(code: string): string {
  const size = code.length === CODE_LENGTHS.invitation ? 5 : code.length === CODE_LENGTHS.groupSession ? 3 : 4;
  return code.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');
}
