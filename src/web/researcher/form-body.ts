// Form posts of the researcher workspace, read once and safely: a body that cannot be parsed (malformed
// multipart, a broken encoding) is a bad request, never an error page. Sizes are limited before any route
// reads a body, in app.ts.
import type { Context } from 'hono';

export type FormBody = Record<string, string | File>;

/** The posted fields (the last value of a repeated name), or null when the body is not a readable form. */
export async function readFormBody(c: Context): Promise<FormBody | null> {
  try {
    return await c.req.parseBody({ all: false });
  } catch {
    return null;
  }
}

/** A text field's value ('' when absent or a file). */
export const field = (body: FormBody, name: string): string => (typeof body[name] === 'string' ? body[name] : '');

/** Researcher form posts are small. */
export const MAX_FORM_BYTES = 64 * 1024;
/** Files come as multipart: a recording (at most 2 MB, audio.tsx), a transcript or a codebook. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
