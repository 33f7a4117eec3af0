// The HTTP application: respondent pages at /, the researcher workspace at /onderzoek. Status codes live
// only here; anything unexpected becomes a plain 500 page without internals.
import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BlankEnv } from 'hono/types';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './context.ts';
import { compression } from './compress.ts';
import {
  cachedSlices,
  firstSliceDataUrls,
  FONT_COOKIE,
  FONT_COOKIE_MAX_AGE_S,
  fontCookieAfter,
  inlineUncachedFonts,
  loadFontFiles,
} from './fonts.ts';
import { audioRoutes } from './audio.ts';
import { maskCodes } from './log-mask.ts';
import { staticRoutes } from './static.ts';
import { isLanguage } from '../questionnaire/types.ts';
import { MAX_FORM_BYTES, MAX_UPLOAD_BYTES } from './researcher/form-body.ts';
import { researcherNotFound } from './researcher/not-found.tsx';
import { respondentRoutes } from './respondent/routes.tsx';
import { researcherRoutes } from './researcher/routes.tsx';
import { messageResponse } from './respondent/views.tsx';

export function createApp(deps: AppDeps, log: (line: string) => void = () => {}): Hono {
  const app = new Hono();
  const fonts = loadFontFiles();
  const fontDataUrls = firstSliceDataUrls(fonts);
  // Outermost: text answers compressed as the client accepts, and a page's first font slice carried
  // inside it when the browser does not have the file yet (fonts.ts).
  app.use(
    '*',
    compression((html, c) => inlineUncachedFonts(html, cachedSlices(getCookie(c, FONT_COOKIE)), fontDataUrls), deps.compression ?? true),
  );
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
  // The researcher workspace reads its posts through the Fetch API (parseBody): a body over the limit is
  // refused by its Content-Length before anything is read, or cut off while it is read. Form posts are
  // small; only multipart posts carry files. (The respondent routes limit their own posts: respondent/routes.tsx.)
  const tooLarge = (c: Context) => c.text(deps.catalog.t('nl', 'error.badRequest'), 413);
  const formLimit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: tooLarge });
  const researcherBodyLimit = (c: Context<BlankEnv, string>, next: Next) =>
    (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data') ? uploadLimit(c, next) : formLimit(c, next);
  app.use('/onderzoek', researcherBodyLimit);
  app.use('/onderzoek/*', researcherBodyLimit);
  app.get('/fonts/:file', (c) => {
    const file = c.req.param('file');
    const bytes = fonts.get(file);
    if (!bytes) return c.notFound();
    c.header('Content-Type', 'font/woff2');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    // The browser has this first slice now: later pages refer to the file instead of carrying it.
    const cookie = fontCookieAfter(file, getCookie(c, FONT_COOKIE));
    if (cookie !== null) {
      setCookie(c, FONT_COOKIE, cookie, {
        path: '/',
        maxAge: FONT_COOKIE_MAX_AGE_S,
        sameSite: 'Lax',
        httpOnly: true,
        secure: deps.secureCookies,
      });
    }
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
    // A body that is no readable form (malformed multipart) is the client's mistake, whichever route read it.
    if (error instanceof TypeError && /^Failed to parse body/.test(error.message))
      return c.text(deps.catalog.t('nl', 'error.badRequest'), 400);
    log(maskCodes(`error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`));
    return c.text(deps.catalog.t('nl', 'error.server'), 500);
  });
  return app;
}
