// The respondent side of the app: how people arrive (start.tsx) and their response page by page (response.tsx).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { responseRoutes } from './response.tsx';
import { startRoutes } from './start.tsx';
import { MessagePage } from './views.tsx';

/** Larger posts than any page can produce are refused before they are read. */
export const MAX_BODY_BYTES = 256 * 1024;

export function respondentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: async (c) =>
        c.html(await page(<MessagePage lang="nl" catalog={deps.catalog} title={deps.catalog.t('nl', 'error.badRequest')} text={deps.catalog.t('nl', 'error.badRequest')} />), 413),
    }),
  );
  app.route('/', startRoutes(deps));
  app.route('/', responseRoutes(deps));
  return app;
}
