// One database, the app on a loopback port and Chromium, set up before a suite's tests and torn down after.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';
import { startServer } from './server.ts';

export interface BrowserEnv {
  t: TestDatabase;
  server: Awaited<ReturnType<typeof startServer>>;
  browser: Browser;
}

/** Call inside describe(); the returned object is filled before the first test runs. */
export function useBrowserEnv(studyDir?: string): BrowserEnv {
  const env: Partial<BrowserEnv> = {};
  before(async () => {
    env.t = await openTestDatabase(studyDir);
    env.server = await startServer(env.t);
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    await env.t?.close();
  });
  return env as BrowserEnv; // filled by before(), which node:test runs ahead of the suite's tests
}
