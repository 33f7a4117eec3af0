// The respondent side of the app: how people arrive (start.tsx) and their response page by page (response.tsx).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../context.ts';
import { responseRoutes } from './response.tsx';
import { startRoutes } from './start.tsx';
import { messageResponse } from './views.tsx';

/** Larger posts than any page can produce are refused before they are read. */
export const MAX_BODY_BYTES = 256 * 1024;

export function respondentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => messageResponse(c, deps.catalog, 'nl', 'error.badRequest', 413),
    }),
  );
  app.route('/', startRoutes(deps));
  app.route('/', responseRoutes(deps));
  return app;
}
