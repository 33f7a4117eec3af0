// The public addresses printed in letters, flyers, messages and QR codes. They come from PERSPECTIEF_BASE_URL;
// without it they point at this machine, which is fine for a trial and wrong for a mailing, so callers warn.
import { formatCode } from '../storage/tokens.ts';

export const LOCAL_BASE_URL = 'http://localhost:3000';

export interface PublicBase {
  /** Origin (and path prefix) without a trailing slash, e.g. `https://perspectief.example.org`. */
  readonly url: string;
  /** The address as people type it: without scheme and trailing slash (`perspectief.example.org`). */
  readonly site: string;
  /** False when PERSPECTIEF_BASE_URL is unset and the links point at localhost. */
  readonly configured: boolean;
}

export class BaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaseUrlError';
  }
}

/** The public base from PERSPECTIEF_BASE_URL (an http(s) URL), or localhost when unset. */
export function publicBase(env: Readonly<Record<string, string | undefined>>): PublicBase {
  const raw = env['PERSPECTIEF_BASE_URL']?.trim();
  if (!raw) return { url: LOCAL_BASE_URL, site: 'localhost:3000', configured: false };
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new BaseUrlError(`PERSPECTIEF_BASE_URL must be an address such as https://perspectief.example.org, not "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new BaseUrlError(`PERSPECTIEF_BASE_URL must start with https:// or http://, not "${raw}"`);
  if (parsed.search || parsed.hash || parsed.username || parsed.password)
    throw new BaseUrlError(`PERSPECTIEF_BASE_URL must be a plain address without query, fragment or credentials, not "${raw}"`);
  const url = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  return { url, site: url.replace(/^https?:\/\//, ''), configured: true };
}

/** The warning a command prints when the links would point at localhost. */
export const LOCALHOST_WARNING =
  'warning: PERSPECTIEF_BASE_URL is not set, so the links and QR codes point at http://localhost:3000; set it to the public address (e.g. https://perspectief.example.org) before printing for respondents';

/** The link in a letter and its QR code: the landing page with the invitation code. */
export const invitationLink = (base: PublicBase, code: string): string => `${base.url}/c/${code}`;

/** The code as printed in a letter and in the codes file (groups of five, as people read it aloud). */
export const printedCode = (code: string): string => formatCode(code);

/** A channel's link: the language choice, remembering the channel through every later page. */
export const channelLink = (base: PublicBase, slug: string): string => `${base.url}/?kanaal=${slug}`;
