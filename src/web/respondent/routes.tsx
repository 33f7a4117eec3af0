// The respondent side of the app: how people arrive (start.tsx) and their response page by page (response.tsx).
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../context.ts';
import { isLanguage, type Language } from '../../questionnaire/types.ts';
import { clientAddress, keyer, limiter } from '../limits.ts';
import { MAX_BODY_BYTES, PostTooLarge } from './common.ts';
import { codeGuessGuard, type RespondentEnv } from './guard.ts';
import { responseRoutes } from './response.tsx';
import { startRoutes } from './start.tsx';
import { messageResponse } from './views.tsx';

const TEN_MINUTES = 10 * 60_000;

/** Misses per address and window before code lookups are refused (a class on one school network mistypes too). */
export const CODE_MISSES = { scope: 'code-miss', max: 60, windowMs: TEN_MINUTES } as const;
/** New responses per address and window: a language school's whole group behind one address fits easily. */
export const NEW_RESPONSES = { scope: 'new-response', max: 100, windowMs: TEN_MINUTES } as const;

export function respondentRoutes(deps: AppDeps): Hono<RespondentEnv> {
  const app = new Hono<RespondentEnv>();
  // A post that announces more than any page can produce is refused before it is read; one without a
  // length is cut off by readForm while reading. (hono's bodyLimit turns every request, GETs included,
  // into a Fetch API Request, which costs more CPU than the rest of a page save.)
  const tooLarge = (c: Pick<Context, 'html'>) => messageResponse(c, deps.catalog, 'nl', 'error.badRequest', 413);
  app.use('*', async (c, next) => (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES ? tooLarge(c) : next()));
  app.onError((error, c) => {
    if (error instanceof PostTooLarge) return tooLarge(c);
    throw error;
  });
  const langOfPath = (path: string): Language => {
    const first = path.split('/')[1];
    return isLanguage(first) ? first : 'nl';
  };
  const hash = keyer(deps.db);
  const keyOf = (c: Context) => hash(`address:${clientAddress(c, deps.proxyHops ?? 0)}`);
  app.use(
    '*',
    codeGuessGuard({
      limiter: limiter(deps.db, CODE_MISSES, deps.clock),
      keyOf,
      // The same page whether the code exists or not; on a page save it also says that the page was kept,
      // which is true for every response that exists and says nothing about one that does not.
      refuse: (c) =>
        messageResponse(
          c,
          deps.catalog,
          langOfPath(c.req.path),
          c.req.method === 'POST' && /^\/[si]\/[^/]+$/.test(c.req.path) ? 'error.tooManyCodesSaved' : 'error.tooManyCodes',
          429,
        ),
    }),
  );
  const starts = limiter(deps.db, NEW_RESPONSES, deps.clock);
  const mayStart = async (c: Context): Promise<boolean> => (await starts.attempt(await keyOf(c))) <= starts.max;
  app.route('/', startRoutes(deps, mayStart));
  app.route('/', responseRoutes(deps));
  return app;
}
