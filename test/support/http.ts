// Drives the web app in-process (app.request, no socket) like a browser without JavaScript would:
// form posts, 303 redirects and cookies.
import type { Hono } from 'hono';
import { createCatalog } from '../../src/i18n/catalog.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppDeps } from '../../src/web/context.ts';
import type { TestDatabase } from './db.ts';

/** The app on the test database; `overrides` set other deps (a clock, proxy hops, secure cookies). */
export function testApp(t: TestDatabase, overrides: Partial<AppDeps> = {}, log?: (line: string) => void): Hono {
  return createApp(
    { db: t.db, study: t.study, catalog: createCatalog(), contactEmail: 'test@example.org', secureCookies: false, ...overrides },
    log,
  );
}

export class Browser {
  readonly cookies = new Map<string, string>();
  /** `headers` go with every request (an X-Forwarded-For, say, for an app with proxyHops). */
  constructor(
    private readonly app: Hono,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  async request(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string | string[]>;
      body?: string;
      contentType?: string;
      multipart?: FormData;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params.toString();
    }
    if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/x-www-form-urlencoded';
    const payload = init.multipart ?? body;
    const response = await this.app.request(path, {
      method: init.method ?? (payload !== undefined ? 'POST' : 'GET'),
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return response;
  }

  /** Posts and follows the 303 like a browser; returns the final page and its URL path. */
  async submit(path: string, form: Record<string, string | string[]>): Promise<{ status: number; path: string; html: string }> {
    const first = await this.request(path, { form });
    if (first.status !== 303) return { status: first.status, path, html: await first.text() };
    const next = new URL(first.headers.get('location')!, 'http://localhost').pathname;
    const second = await this.request(next);
    return { status: second.status, path: next, html: await second.text() };
  }
}

/** The value of a hidden input in a page. */
export const hiddenValue = (html: string, name: string): string => {
  const m = new RegExp(`name="${name.replace('.', '\\.')}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no field ${name} in page`);
  return m[1]!;
};
