// Small pieces shared by the respondent routes.
import type { Context } from 'hono';
import { IncomingMessage } from 'node:http';
import type { FormData } from './form.ts';
import { parseUrlEncoded } from './urlencoded.ts';
import { CHANNEL_PATTERN, RESERVED_CHANNEL_PREFIX } from '../../fieldwork/channel-name.ts';

/** A post larger than any page can produce (in bytes or in fields); the respondent routes answer it with 413. */
export class PostTooLarge extends Error {}

/**
 * Reads a page post. Our forms always post application/x-www-form-urlencoded; anything else (a file,
 * JSON), and any body that is not valid UTF-8, is refused with null. A body over `max` bytes, or with more
 * fields than any page has, throws PostTooLarge.
 */
export async function readForm(c: Context, max = MAX_BODY_BYTES): Promise<FormData | null> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const body = await readBody(c, max);
  if (!body) throw new PostTooLarge(`a post of more than ${max} bytes`);
  const parsed = parseUrlEncoded(body);
  switch (parsed.kind) {
    case 'form':
      return parsed.form;
    case 'invalid':
      return null;
    case 'tooManyFields':
      throw new PostTooLarge(`a post of more than ${parsed.limit} fields`);
  }
}

/** Larger posts than any page can produce are refused. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The request body, or null when it is over `max` bytes. Under @hono/node-server it is read straight from
 * Node's request stream: going through the Fetch API's Request and its streams costs several times more
 * CPU per page save.
 */
async function readBody(c: Context, max: number): Promise<Uint8Array | null> {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return body.length > max ? null : body;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit the rest is read and dropped, so the connection stays usable for the answer.
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

export const CHANNEL = CHANNEL_PATTERN;

/** The channel from a link's ?kanaal= (a registered channel's link, fieldwork/channels), or the default. A link cannot claim the system's own demo-* and sessie-*. */
export const channelOf = (value: string | undefined, fallback = 'web'): string =>
  value && CHANNEL_PATTERN.test(value) && !RESERVED_CHANNEL_PREFIX.test(value) ? value : fallback;

export const single = (form: FormData, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};
