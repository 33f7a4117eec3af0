// The respondent side of the app: how people arrive (start.tsx) and their response page by page (response.tsx).
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../context.ts';
import { isLanguage, type Language } from '../../questionnaire/types.ts';
import { MAX_BODY_BYTES, PostTooLarge } from './common.ts';
import { codeGuessGuard } from './guard.ts';
import { responseRoutes } from './response.tsx';
import { startRoutes } from './start.tsx';
import { messageResponse } from './views.tsx';

export function respondentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  // A post that announces more than any page can produce is refused before it is read; one without a
  // length is cut off by readForm while reading. (hono's bodyLimit turns every request, GETs included,
  // into a Fetch API Request, which costs more CPU than the rest of a page save.)
  const tooLarge = (c: Context) => messageResponse(c, deps.catalog, 'nl', 'error.badRequest', 413);
  app.use('*', async (c, next) => (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES ? tooLarge(c) : next()));
  app.onError((error, c) => {
    if (error instanceof PostTooLarge) return tooLarge(c);
    throw error;
  });
  const langOfPath = (path: string): Language => {
    const first = path.split('/')[1];
    return isLanguage(first) ? first : 'nl';
  };
  app.use(
    '*',
    codeGuessGuard({
      trustProxy: deps.trustProxy ?? false,
      refuse: (c) => messageResponse(c, deps.catalog, langOfPath(c.req.path), 'error.tooManyCodes', 429),
    }),
  );
  app.route('/', startRoutes(deps));
  app.route('/', responseRoutes(deps));
  return app;
}
