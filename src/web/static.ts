// Static files of the app itself (the enhancement script), read once and served with an ETag.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const FILES: Record<string, string> = { 'enhance.js': 'text/javascript; charset=utf-8' };

export function staticRoutes(): Hono {
  const app = new Hono();
  const loaded = new Map(
    Object.entries(FILES).map(([name, type]) => {
      const body = readFileSync(new URL(`./static/${name}`, import.meta.url));
      return [name, { body, type, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` }] as const;
    }),
  );
  app.get('/:file', (c) => {
    const file = loaded.get(c.req.param('file'));
    if (!file) return c.notFound();
    c.header('ETag', file.etag);
    c.header('Cache-Control', 'public, max-age=3600');
    // Compressed answers carry the weak form of the ETag (compress.ts); either form matches.
    if (c.req.header('if-none-match')?.replace(/^W\//, '') === file.etag) return c.body(null, 304);
    c.header('Content-Type', file.type);
    return c.body(new Uint8Array(file.body));
  });
  return app;
}
