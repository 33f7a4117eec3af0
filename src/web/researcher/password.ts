// Password hashing with scrypt (RFC 7914) from node:crypto; the stored form carries its parameters, so
// hashes made with older parameters still verify and are made again with the current ones at the next
// login: scrypt$N$r$p$salt$hash (base64url). Also the rules a new password must meet.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet (2025): scrypt with N = 2^17, r = 8, p = 1, that is 128 MiB and
 * (here) 0.3-0.5 s a hash. Until December 2026 this was N = 2^14 (16 MiB); such hashes still verify.
 */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** scrypt needs 128 * N * r bytes; Node refuses more than `maxmem`. */
const maxmemFor = (params: ScryptParams): number => 128 * params.N * params.r + 16 * 1024 * 1024;

export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...params, maxmem: maxmemFor(params) });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const parse = (stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // Parameters come from our own database, but a damaged row must not ask for gigabytes.
  if (![params.N, params.r, params.p].every(Number.isInteger) || params.N > 2 ** 20 || params.r > 32 || params.p > 16) return null;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
};

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.hash.length, { ...parsed.params, maxmem: maxmemFor(parsed.params) });
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** The stored hash was made with weaker parameters than today's: make it again at the next login. */
export function needsRehash(stored: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

/**
 * A stand-in hash to verify against when the user name is unknown (or the account disabled), so a login
 * costs the same whether or not the name exists: made once per process, with today's parameters.
 */
export function dummyHash(): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => (hash ??= hashPassword(randomBytes(16).toString('base64url')));
}

/** A readable random password (96 bits), for the demo account and `users add` without a given password. */
export const generatePassword = (): string => randomBytes(12).toString('base64url');

/** Why a new password is refused (each has a message for people: `r.password.*` and the CLI's). */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'oneCharacter' | 'sameAsName' | 'common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Words people use as passwords; any password that is one of these, repeated or with digits added, is refused. */
const COMMON = [
  'password',
  'wachtwoord',
  'welkom',
  'welcome',
  'qwerty',
  'azerty',
  'letmein',
  'admin',
  'administrator',
  'onderzoeker',
  'perspectief',
  'iloveyou',
  'abc',
  'test',
  'geheim',
  'secret',
  'changeme',
  'zomer',
  'winter',
];

/**
 * OWASP ASVS 4.0.3, V2.1: at least 12 characters (counted as Unicode code points after NFC), at most 128,
 * any characters, no composition rules; refused are one character repeated, the user name, and the
 * commonest passwords with digits or repeats around them.
 */
export function passwordProblem(password: string, username = ''): PasswordProblem | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (chars.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (new Set(chars).size === 1) return 'oneCharacter';
  const lower = password.toLowerCase();
  if (username !== '' && lower.includes(username.toLowerCase())) return 'sameAsName';
  const letters = lower.replace(/[^a-z]/g, '');
  const core = lower.replace(/[\d\s!@#$%^&*()_+=.,-]/g, '');
  if (/^\d+$/.test(lower)) return 'common';
  for (const word of COMMON) {
    if (core === '' || new RegExp(`^(?:${word})+$`).test(core) || new RegExp(`^(?:${word})+$`).test(letters)) return 'common';
  }
  if (/^(?:0123456789|1234567890|abcdefghijkl)/.test(lower)) return 'common';
  return null;
}

/** The problem in words, for the command line (English, like the rest of the CLI's output). */
export const PASSWORD_PROBLEM_TEXT: Readonly<Record<PasswordProblem, string>> = {
  tooShort: `is too short: use at least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one)`,
  tooLong: `is too long: at most ${MAX_PASSWORD_LENGTH} characters`,
  oneCharacter: 'is one character repeated',
  sameAsName: 'contains the user name',
  common: 'is a common password (with digits or repeats around it); choose another',
};
