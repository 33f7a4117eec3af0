// The HTTP application: respondent pages at /, the researcher workspace at /onderzoek. Status codes live
// only here; anything unexpected becomes a plain 500 page without internals.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './context.ts';
import { loadFontFiles } from './fonts.ts';
import { audioRoutes } from './audio.ts';
import { maskCodes } from './log-mask.ts';
import { staticRoutes } from './static.ts';
import { isLanguage } from '../questionnaire/types.ts';
import { researcherNotFound } from './researcher/not-found.tsx';
import { respondentRoutes } from './respondent/routes.tsx';
import { researcherRoutes } from './researcher/routes.tsx';
import { messageResponse } from './respondent/views.tsx';

export function createApp(deps: AppDeps, log: (line: string) => void = () => {}): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  // Pages carry answers, resume secrets and group codes: no cache (browser, proxy, back-forward) keeps
  // them. Only files that say otherwise themselves (fonts, the script, recordings) may be cached.
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  const fonts = loadFontFiles();
  app.get('/fonts/:file', (c) => {
    const bytes = fonts.get(c.req.param('file'));
    if (!bytes) return c.notFound();
    c.header('Content-Type', 'font/woff2');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
  app.route('/static', staticRoutes());
  app.route('/audio', audioRoutes(deps));
  app.route('/onderzoek', researcherRoutes(deps));
  app.route('/', respondentRoutes(deps));
  app.notFound((c) => {
    const path = c.req.path;
    if (path === '/onderzoek' || path.startsWith('/onderzoek/')) return researcherNotFound(c, deps.catalog);
    const first = path.split('/')[1];
    return messageResponse(c, deps.catalog, isLanguage(first) ? first : 'nl', 'error.notFound', 404);
  });
  app.onError((error, c) => {
    log(maskCodes(`error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`));
    return c.text(deps.catalog.t('nl', 'error.server'), 500);
  });
  return app;
}
