// Small pieces shared by the respondent routes.
import type { Context } from 'hono';
import type { FormData } from './form.ts';
import { parseUrlEncoded } from './urlencoded.ts';

/**
 * Reads a page post. Our forms always post application/x-www-form-urlencoded; anything else (a file,
 * JSON), and any body that is not valid UTF-8, is refused with null.
 */
export async function readForm(c: Context): Promise<FormData | null> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  return parseUrlEncoded(new Uint8Array(await c.req.arrayBuffer()));
}

export const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Channels the system sets itself; a link cannot claim them. */
const RESERVED = /^(demo-|sessie-)/;

/** The channel from a link's ?kanaal= (municipal route partners get their own), or the default. */
export const channelOf = (value: string | undefined, fallback = 'web'): string =>
  value && CHANNEL.test(value) && !RESERVED.test(value) ? value : fallback;

export const single = (form: FormData, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};
