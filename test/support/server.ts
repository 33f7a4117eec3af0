// The web app on a real loopback socket (port 0) for browser tests.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { TestDatabase } from './db.ts';
import { testApp } from './http.ts';

export async function startServer(t: TestDatabase): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch: testApp(t).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
