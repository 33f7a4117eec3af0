// The HTTP server's own limits: a connection that sends its headers, or its body, too slowly is answered
// 408 and closed instead of being held for Node's defaults (60 s for headers, 300 s for a request).
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import type { ServerType } from '@hono/node-server';
import { SERVER_TIMEOUTS, startHttpServer } from '../../src/web/http-server.ts';

/** Sends `parts` to the server (the last one never completes the request) and collects what comes back until it closes. */
function slowClient(port: number, parts: readonly string[]): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closed: false });
    }, 8_000);
    socket.on('connect', () => parts.forEach((p) => socket.write(p)));
    socket.on('data', (d) => (reply += String(d)));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closed: true });
    });
  });
}

describe('HTTP server timeouts', () => {
  let server: ServerType;
  let port: number;
  before(async () => {
    const app = new Hono();
    app.get('*', (c) => c.text('ok'));
    app.post('*', async (c) => c.text(`read ${(await c.req.text()).length} bytes`)); // a page post reads its body
    // The same code as `serve`, with timeouts short enough for a test.
    server = startHttpServer(app.fetch, {
      port: 0,
      hostname: '127.0.0.1',
      timeouts: { headersMs: 300, requestMs: 600, checkIntervalMs: 50 },
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves a request as usual', async () => {
    const { reply } = await slowClient(port, ['GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    assert.match(reply, /^HTTP\/1\.1 200/);
  });

  it('answers 408 and closes a connection whose headers never end', async () => {
    const { reply, closed } = await slowClient(port, ['GET / HTTP/1.1\r\nHost: x\r\n']);
    assert.ok(closed, 'the server closed the connection');
    assert.match(reply, /^HTTP\/1\.1 408/);
  });

  it('answers 408 and closes a connection whose body never arrives', async () => {
    const { reply, closed } = await slowClient(port, [
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n',
      'a=1',
    ]);
    assert.ok(closed, 'the server closed the connection');
    assert.match(reply, /^HTTP\/1\.1 408/);
  });

  it('gives real requests 10 s for their headers and 30 s in all, checked every second', () => {
    assert.deepEqual(SERVER_TIMEOUTS, { headersMs: 10_000, requestMs: 30_000, checkIntervalMs: 1_000 });
  });
});
