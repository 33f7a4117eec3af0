// Compression of the app's text responses (pages, the script, JSON, CSV), negotiated from the client's
// Accept-Encoding: brotli when it takes it (quality 5, the usual setting for compressing on the fly), else
// gzip (level 6), else none. Small pages are compressed synchronously (a few hundred microseconds for a
// page); large bodies (an export) on the thread pool. Redirects and empty bodies pass untouched, so a page
// save costs nothing more.
import type { Context, MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this, headers outweigh what compression saves. */
const MIN_BYTES = 512;
/** Above this, compress off the event loop. */
const SYNC_MAX_BYTES = 64 * 1024;
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml)|image\/svg\+xml)/i;

const brotliOptions = (size: number) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to answer with for an Accept-Encoding header (RFC 9110, 12.5.3): brotli before gzip, each
 * only when its q-value (or that of `*`) is above 0; null for none.
 */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: Encoding) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

/** The body compressed with `encoding`. */
export async function compressBody(body: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
  if (body.length <= SYNC_MAX_BYTES)
    return encoding === 'br' ? brotliCompressSync(body, brotliOptions(body.length)) : gzipSync(body, { level: 6 });
  return encoding === 'br' ? brotliAsync(body, brotliOptions(body.length)) : gzipAsync(body, { level: 6 });
}

/**
 * Compresses text responses for clients that accept it (unless `compress` is false: the benchmark's
 * anchor). `rewrite`, when given, may change an HTML page's text first (font inlining, fonts.ts), as this
 * is where the page's text is read anyway.
 */
export function compression(rewrite?: (html: string, c: Context) => string, compress = true): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (!res.body || res.headers.has('content-encoding') || !COMPRESSIBLE.test(type) || c.req.method === 'HEAD') return;
    const encoding = compress ? negotiateEncoding(c.req.header('accept-encoding')) : null;
    const isHtml = type.startsWith('text/html');
    if (!encoding && !(isHtml && rewrite)) {
      res.headers.append('Vary', 'Accept-Encoding');
      return;
    }
    let body: Uint8Array = new Uint8Array(await res.arrayBuffer());
    if (isHtml && rewrite) body = new TextEncoder().encode(rewrite(new TextDecoder().decode(body), c));
    const headers = new Headers(res.headers);
    headers.append('Vary', 'Accept-Encoding');
    headers.delete('content-length');
    if (encoding && body.length >= MIN_BYTES) {
      body = await compressBody(body, encoding);
      headers.set('Content-Encoding', encoding);
      // The bytes differ from the uncompressed ones: a strong validator would claim they are the same.
      const etag = headers.get('etag');
      if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    }
    (c as { res: Response | undefined }).res = undefined; // replace the response whole: hono would merge the old one's headers
    c.res = new Response(body as Uint8Array<ArrayBuffer>, { status: res.status, statusText: res.statusText, headers });
  };
}
