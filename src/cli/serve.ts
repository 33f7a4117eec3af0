// `perspectief serve`: the whole system on one port.
import type { ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { format, parseArgs } from 'node:util';
import { fieldworkDeps } from '../fieldwork/deps.ts';
import { createCatalog } from '../i18n/catalog.ts';
import { loadDemoIfEmpty } from '../demo/index.ts';
import { createApp } from '../web/app.ts';
import { startHttpServer } from '../web/http-server.ts';
import { maskCodes } from '../web/log-mask.ts';
import type { Database } from '../storage/db.ts';
import { DEFAULT_STUDY_DIR, type StudyDefinition } from '../study/load.ts';
import { UsageError, type CliIO, type Command } from './command.ts';
import { loadStudyOrFail } from './study.ts';
import { demoPasswordFromEnv, ensureDemoAccount, openDatabaseOrFail, openSystem } from './system.ts';

/** The address `serve` listens on without --host: every IPv4 address of the machine. */
export const DEFAULT_HOST = '0.0.0.0';

export const serveCommand: Command = {
  help: `Usage: perspectief serve [--port N] [--host H] [--workers N]

Starts the respondent pages at / and the researcher workspace at /onderzoek.
On an empty database it creates the demo researcher account and prints its password once.

Options:
  --port N     port to listen on (default: $PORT or 3000)
  --host H     address to listen on (default: ${DEFAULT_HOST}, every IPv4 address of this machine;
               127.0.0.1: this machine only; "::": IPv6 and IPv4)
  --workers N  serving processes on the port (default: $PERSPECTIEF_WORKERS or 1; "auto": one per
               core); more than one needs PostgreSQL (DATABASE_URL)
  -h, --help   show this help

Environment:
  PORT                   port (default 3000)
  DATABASE_URL           PostgreSQL connection string; unset: embedded PostgreSQL (PGlite)
  PERSPECTIEF_DATA_DIR   folder of the embedded database (default ./data)
  PERSPECTIEF_DB_POOL    PostgreSQL connections per process (default 10)
  PERSPECTIEF_WORKERS    serving processes (see --workers)
  PERSPECTIEF_TRUST_PROXY  N reverse proxies in front (each appends to X-Forwarded-For): the client
                         address for the rate limits is the N-th entry from the right (default 0: the
                         socket's peer)
  PERSPECTIEF_BASE_URL   public address, for links (https:// also makes cookies Secure)
  PERSPECTIEF_CONTACT    contact address shown to respondents
  PERSPECTIEF_DEMO       0: do not load the synthetic demo waves into an empty embedded database
  PERSPECTIEF_DEMO_PASSWORD  the demo account's password on an empty database (at least 12
                         characters, not a common password; default: generated and printed once)
`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } },
      strict: true,
    });
    const port = Number(values.port ?? io.env['PORT'] ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port ?? io.env['PORT']}"`);
    const workers = workerCount(values.workers ?? io.env['PERSPECTIEF_WORKERS']);
    if (workers > 1 && !io.env['DATABASE_URL']) {
      throw new UsageError(`--workers ${workers} needs PostgreSQL (DATABASE_URL): the embedded database serves one process`);
    }
    // Malformed settings stop here, before the database is opened.
    proxyHops(io.env['PERSPECTIEF_TRUST_PROXY']);
    demoPasswordFromEnv(io);
    const options = { port, host: values.host ?? DEFAULT_HOST };
    const unmask = maskConsole(io);
    try {
      if (cluster.isWorker) return await serveWorker(io, options);
      if (workers > 1) return await servePrimary(io, options, workers);
      return await serveAlone(io, options);
    } finally {
      unmask();
    }
  },
};

interface ListenOptions {
  readonly port: number;
  readonly host: string;
}

/** PERSPECTIEF_TRUST_PROXY: how many reverse proxies append to X-Forwarded-For (0 when unset). */
export function proxyHops(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d$/.test(value))
    throw new UsageError(`PERSPECTIEF_TRUST_PROXY must be the number of reverse proxies in front, 0 to 9, not "${value}"`);
  return Number(value);
}

/** --workers: a whole number, or "auto" for one per core. */
function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return availableParallelism();
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new UsageError(`--workers must be a whole number from 1 to 999 or "auto", not "${value}"`);
  return Number(value);
}

function appFor(database: Database, study: StudyDefinition, io: CliIO): Hono {
  const baseUrl = io.env['PERSPECTIEF_BASE_URL'] ?? '';
  return createApp(
    {
      db: database.db,
      study,
      catalog: createCatalog(),
      contactEmail: io.env['PERSPECTIEF_CONTACT'] ?? 'perspectief@example.org',
      fieldwork: fieldworkDeps(io.env['PERSPECTIEF_STUDY_DIR'] || DEFAULT_STUDY_DIR, io.env),
      secureCookies: baseUrl.startsWith('https://'),
      proxyHops: proxyHops(io.env['PERSPECTIEF_TRUST_PROXY']),
    },
    (line) => io.stderr(`${maskCodes(line)}\n`),
  );
}

/**
 * Lines that libraries print themselves (the HTTP adapter logs a response it could not write with
 * console.error) go through maskCodes too, so no code reaches the server's log by that way. Returns the undo.
 */
export function maskConsole(io: CliIO): () => void {
  const saved = { error: console.error, warn: console.warn, info: console.info };
  const write = (...args: unknown[]) => io.stderr(`${maskCodes(format(...args))}\n`);
  Object.assign(console, { error: write, warn: write, info: write });
  return () => Object.assign(console, saved);
}

async function listen(
  app: Hono,
  options: ListenOptions,
  onFail: () => Promise<void>,
): Promise<{ server: ServerType; port: number; host: string }> {
  const server = startHttpServer(app.fetch, { port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await onFail();
    throw new UsageError(
      error.code === 'EADDRINUSE' ? `port ${options.port} is already in use; choose another with --port or PORT` : error.message,
    );
  });
  const address = server.address();
  return typeof address === 'object' && address
    ? { server, port: address.port, host: address.address }
    : { server, port: options.port, host: options.host };
}

function announce(io: CliIO, port: number, host: string, database: Database, started: number, extra = ''): void {
  io.stdout(
    `Perspectief is running at http://localhost:${port}/ (listening on ${host.includes(':') ? `[${host}]` : host}:${port}; database: ${database.kind}, ${database.location}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s${extra})\n`,
  );
  io.stdout(`Researcher workspace: http://localhost:${port}/onderzoek\n`);
}

/** Resolves on SIGINT or SIGTERM, after running `stop`. */
function untilSignal(stop: (done: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop(resolve);
      setTimeout(resolve, 3000).unref();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** One process: set-up, the app, and on an empty embedded database the demo wave. */
async function serveAlone(io: CliIO, options: ListenOptions): Promise<number> {
  const started = Date.now();
  const { database, study } = await openSystem(io);
  await ensureDemoAccount(database, io);
  const { server, port, host } = await listen(appFor(database, study, io), options, () => database.close());
  // Commands run on this machine meanwhile (report tables, export, monitor) reach the embedded database
  // through its socket in the data directory instead of being refused.
  const stopLocal = await database
    .serveLocal?.((line) => io.stderr(`${line}\n`))
    .catch((error: Error) => {
      io.stderr(`other commands cannot reach the embedded database while this runs: ${error.message}\n`);
      return undefined;
    });
  announce(io, port, host, database, started);
  // The demo wave loads while the pages are already served (respondent pages do not wait for it).
  const demo = loadDemoIfEmpty(database, study, io).catch((error: Error) => io.stderr(`could not load the demo wave: ${error.message}\n`));
  await untilSignal((done) => server.close(() => done()));
  await demo;
  await stopLocal?.();
  await database.close();
  return 0;
}

/**
 * Several processes on one port (node:cluster): the primary does the set-up once (migrations, study,
 * account), then forks workers that only serve. The web tier keeps no state a request depends on, so any
 * worker can answer any request; a worker that dies is replaced.
 */
async function servePrimary(io: CliIO, options: ListenOptions, workers: number): Promise<number> {
  const started = Date.now();
  const { database } = await openSystem(io);
  try {
    await ensureDemoAccount(database, io);
  } finally {
    await database.close();
  }
  let stopping = false;
  let announced = false;
  let listening = 0;
  cluster.setupPrimary({ execArgv: withServingHeap(process.execArgv) });
  const fork = () => cluster.fork();
  // Node passes null for a worker's address when it listens without a host, and for the signal of a worker
  // that exited by itself; @types/node says string.
  cluster.on('listening', (_worker, address: { port: number; address: string | null }) => {
    listening += 1;
    if (listening === workers && !announced) {
      announced = true;
      announce(io, address.port, address.address ?? options.host, database, started, `; ${workers} worker processes`);
    }
  });
  cluster.on('exit', (worker, code, signal: string | null) => {
    if (stopping) return;
    io.stderr(`worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another\n`);
    fork();
  });
  for (let i = 0; i < workers; i++) fork();
  await untilSignal((done) => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = alive.length;
    if (left === 0) done();
    for (const worker of alive) {
      worker.once('exit', () => --left === 0 && done());
      worker.process.kill('SIGTERM');
    }
  });
  return 0;
}

/**
 * Node options for a serving process: a young generation of 64 MB semi-spaces (V8's default is 16 MB) unless
 * one is given. Every request leaves short-lived garbage; a larger young generation is scavenged a third as
 * often, and each scavenge pauses the event loop (5-15 ms on these machines). Measured at 1,500 saves/s:
 * p99 19.9 → 7.7 ms, server CPU 0.40 → 0.38 ms a save (docs/benchmarks.md).
 */
export function withServingHeap(execArgv: readonly string[]): string[] {
  return execArgv.some((arg) => arg.startsWith('--max-semi-space-size')) ? [...execArgv] : [...execArgv, '--max-semi-space-size=64'];
}

/** A worker forked by servePrimary: opens the database without set-up and serves. */
async function serveWorker(io: CliIO, options: ListenOptions): Promise<number> {
  const study = loadStudyOrFail(io);
  const database = await openDatabaseOrFail(io);
  const { server } = await listen(appFor(database, study, io), options, () => database.close());
  await untilSignal((done) => server.close(() => done()));
  await database.close();
  return 0;
}
