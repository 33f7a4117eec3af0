// Serves uploaded recordings to respondents. URLs carry the recording's hash, so they can be cached for good.
import { Hono } from 'hono';
import { getRecording } from '../storage/audio.ts';
import type { AppDeps } from './context.ts';

export function audioRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/:questionnaire/:lang/:target', async (c) => {
    const recording = await getRecording(deps.db, {
      questionnaireId: c.req.param('questionnaire'),
      language: c.req.param('lang'),
      target: c.req.param('target'),
    });
    if (!recording) return c.notFound();
    c.header('Content-Type', recording.mime);
    c.header('Cache-Control', c.req.query('v') === recording.sha256 ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(recording.bytes as Uint8Array<ArrayBuffer>);
  });
  return app;
}
