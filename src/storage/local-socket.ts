// While `perspectief serve` holds the embedded database (PGlite is one process, one session), other local
// processes (the CLI during fieldwork) reach it over the PostgreSQL protocol on a Unix socket in the data
// directory, <dataDir>/.s.PGSQL.5432, as `pg` connects to a socket folder. Each client's transaction runs
// alone: the handler takes PGlite's transaction lock from a client's first message until the database is
// idle again (ReadyForQuery "I"), so the server's own queries wait in between and never run inside a
// client's transaction. The client's startup is answered here, never passed on, so no client setting reaches
// the shared session; a client that leaves mid-transaction is rolled back and its prepared statements
// dropped, and one that holds a transaction open without a word for `idleMs` (30 s) is disconnected, as
// PostgreSQL's idle_in_transaction_session_timeout would, so respondents' saves never wait on it for long.
// Reachable only through the file system (mode 0600), like the data directory itself.
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export const LOCAL_SOCKET_PORT = 5432;
export const localSocketPath = (dataDir: string): string => join(dataDir, `.s.PGSQL.${LOCAL_SOCKET_PORT}`);

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** A backend message: type byte, then length (including itself) and body. */
const message = (type: string, body: Buffer = Buffer.alloc(0)): Buffer => {
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
};
const parameter = (name: string, value: string): Buffer => message('S', Buffer.from(`${name}\0${value}\0`));
const query = (sql: string): Uint8Array => new Uint8Array(message('Q', Buffer.from(`${sql}\0`)));

const HANDSHAKE = Buffer.concat([
  message('R', Buffer.from([0, 0, 0, 0])),
  parameter('server_version', '17.4 (PGlite, served by perspectief)'),
  parameter('server_encoding', 'UTF8'),
  parameter('client_encoding', 'UTF8'),
  parameter('DateStyle', 'ISO, MDY'),
  parameter('integer_datetimes', 'on'),
  parameter('standard_conforming_strings', 'on'),
  parameter('TimeZone', 'UTC'),
  message('K', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])),
  message('Z', Buffer.from('I')),
]);

/** The transaction status of the last ReadyForQuery in a backend reply, or null when it has none. */
export function lastStatus(reply: Uint8Array): 'I' | 'T' | 'E' | null {
  const b = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: 'I' | 'T' | 'E' | null = null;
  for (let i = 0; i + 5 <= b.length;) {
    const length = b.readInt32BE(i + 1);
    if (b[i] === 0x5a && length === 5) status = String.fromCharCode(b[i + 5] ?? 0x49) as 'I' | 'T' | 'E';
    i += 1 + length;
  }
  return status;
}

interface Exclusive {
  /** Runs `fn` while no other transaction (the server's own included) uses the database. */
  hold(): Promise<() => void>;
}

/** PGlite's transaction lock as a hold/release pair (its query, exec and transaction all take it). */
function exclusiveOf(db: PGlite): Exclusive {
  const run = (db as unknown as { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> })._runExclusiveTransaction.bind(db);
  return {
    hold: () =>
      new Promise((taken) => {
        void run(() => new Promise<void>((release) => taken(release)));
      }),
  };
}

export interface LocalSocketOptions {
  /** How long a client may hold a transaction open without sending anything (default 30 s). */
  readonly idleMs?: number;
}

/** Serves the embedded database on its data directory's socket; returns a function that stops serving. */
export async function serveLocalSocket(
  db: PGlite,
  dataDir: string,
  log: (line: string) => void = () => {},
  options: LocalSocketOptions = {},
): Promise<() => Promise<void>> {
  const idleMs = options.idleMs ?? 30_000;
  const path = localSocketPath(dataDir);
  // A socket left by a process that died (the data directory's lock was already taken over).
  if (existsSync(path)) rmSync(path, { force: true });
  const exclusive = exclusiveOf(db);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    let started = false;
    let release: (() => void) | null = null;
    let status: 'I' | 'T' | 'E' = 'I';
    let busy = Promise.resolve();
    let idle: NodeJS.Timeout | undefined;
    const watchIdle = (): void => {
      clearTimeout(idle);
      idle = release
        ? setTimeout(() => {
            log(`a local database client held a transaction open for ${idleMs / 1000} s without a word; disconnected and rolled back`);
            socket.destroy();
          }, idleMs)
        : undefined;
    };
    const finish = async (): Promise<void> => {
      // Whatever the client left behind must not reach the server's own queries.
      if (!release) release = await exclusive.hold();
      try {
        if (status !== 'I') await db.execProtocolRaw(query('ROLLBACK'));
        await db.execProtocolRaw(query('DEALLOCATE ALL'));
      } finally {
        release();
        release = null;
      }
    };
    const forward = async (messages: Buffer): Promise<void> => {
      if (!release) release = await exclusive.hold();
      const reply = await db.execProtocolRaw(new Uint8Array(messages));
      if (!socket.destroyed) socket.write(reply);
      const last = lastStatus(reply);
      if (last !== null) status = last;
      if (last === 'I') {
        release(); // held: forward and finish run one at a time on `busy`
        release = null;
      }
      watchIdle();
    };
    const take = async (): Promise<void> => {
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N');
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          started = true;
          socket.write(HANDSHAKE);
          continue;
        }
        // Every complete message; a Terminate ends the connection and never reaches the shared session.
        let end = 0;
        let terminate = false;
        while (end + 5 <= buffer.length) {
          const length = buffer.readInt32BE(end + 1);
          if (end + 1 + length > buffer.length) break;
          if (buffer[end] === 0x58) {
            terminate = true;
            break;
          }
          end += 1 + length;
        }
        if (end > 0) {
          const batch = buffer.subarray(0, end);
          buffer = buffer.subarray(end);
          await forward(Buffer.from(batch));
        }
        if (terminate) {
          socket.end();
        }
        return;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      clearTimeout(idle);
      buffer = Buffer.concat([buffer, chunk]);
      busy = busy.then(take).catch((error: unknown) => {
        log(`local database connection failed: ${(error as Error).message}`);
        socket.destroy();
      });
    });
    socket.on('close', () => {
      clearTimeout(idle);
      sockets.delete(socket);
      busy = busy.then(finish).catch((error: unknown) => log(`local database clean-up failed: ${(error as Error).message}`));
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(path, { force: true });
  };
}
