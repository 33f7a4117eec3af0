// The HTTP server around the app. Node keeps a connection that sends its headers or its body slowly for
// 60 s (headers) and 300 s (the whole request) by default, checked every 30 s: a few hundred such
// connections hold the server's sockets for minutes. Here a request must have sent its headers within
// 10 s and all of itself within 30 s (a page post is a few KB; a researcher's 2 MB recording at 1 Mbit/s
// takes 16 s), checked every second; otherwise Node answers 408 and closes the connection.
import { serve, type ServerType } from '@hono/node-server';

export interface ServerTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
  /** How often Node looks for connections past a timeout. */
  readonly checkIntervalMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, checkIntervalMs: 1_000 };

export interface HttpServerOptions {
  readonly port: number;
  readonly hostname: string;
  readonly timeouts?: ServerTimeouts;
}

/** Serves `fetch` (a Hono app's) on a port with the timeouts above; listening once 'listening' fires. */
export function startHttpServer(
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
  options: HttpServerOptions,
): ServerType {
  const t = options.timeouts ?? SERVER_TIMEOUTS;
  return serve({
    fetch,
    port: options.port,
    hostname: options.hostname,
    serverOptions: { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkIntervalMs },
  });
}
