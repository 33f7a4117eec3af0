// Small pieces shared by the respondent routes.
import type { Context } from 'hono';
import type { FormData } from './form.ts';

/** Reads a urlencoded or multipart body as strings; null when it holds a file. */
export async function readForm(c: Context): Promise<FormData | null> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string')) return null;
    out[name] = values.length === 1 ? (values[0] as string) : (values as string[]);
  }
  return out;
}

export const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The channel from a link's ?kanaal= (municipal route partners get their own), or the default. */
export const channelOf = (value: string | undefined, fallback = 'web'): string => (value && CHANNEL.test(value) ? value : fallback);

export const single = (form: FormData, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};
