// `perspectief serve`: the whole system on one port.
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createCatalog } from '../i18n/catalog.ts';
import { loadDemoIfEmpty } from '../demo/index.ts';
import { createApp } from '../web/app.ts';
import type { Database } from '../storage/db.ts';
import type { StudyDefinition } from '../study/load.ts';
import { UsageError, type CliIO, type Command } from './command.ts';
import { ensureDemoAccount, loadStudyOrFail, openDatabaseOrFail, openSystem } from './system.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the web application (respondent pages and researcher workspace)',
  help: `Usage: perspectief serve [--port N] [--host H] [--workers N]

Starts the respondent pages at / and the researcher workspace at /onderzoek.
On an empty database it creates the demo researcher account and prints its password once.

Options:
  --port N     port to listen on (default: $PORT or 3000)
  --host H     address to listen on (default: 0.0.0.0)
  --workers N  serving processes on the port (default: $PERSPECTIEF_WORKERS or 1; "auto": one per
               core); more than one needs PostgreSQL (DATABASE_URL)
  -h, --help   show this help

Environment:
  PORT                   port (default 3000)
  DATABASE_URL           PostgreSQL connection string; unset: embedded PostgreSQL (PGlite)
  PERSPECTIEF_DATA_DIR   folder of the embedded database (default ./data)
  PERSPECTIEF_DB_POOL    PostgreSQL connections per process (default 10)
  PERSPECTIEF_WORKERS    serving processes (see --workers)
  PERSPECTIEF_TRUST_PROXY  1: behind a reverse proxy, take client addresses from X-Forwarded-For
  PERSPECTIEF_BASE_URL   public address, for links (https:// also makes cookies Secure)
  PERSPECTIEF_CONTACT    contact address shown to respondents
  PERSPECTIEF_DEMO       0: do not load the synthetic demo waves into an empty embedded database
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
    const options = { port, host: values.host ?? '0.0.0.0' };
    if (cluster.isWorker) return serveWorker(io, options);
    if (workers > 1) return servePrimary(io, options, workers);
    return serveAlone(io, options);
  },
};

interface ListenOptions {
  readonly port: number;
  readonly host: string;
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
      secureCookies: baseUrl.startsWith('https://'),
      trustProxy: io.env['PERSPECTIEF_TRUST_PROXY'] === '1',
    },
    (line) => io.stderr(`${line}\n`),
  );
}

async function listen(app: Hono, options: ListenOptions, onFail: () => Promise<void>): Promise<{ server: ServerType; port: number }> {
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
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
  return { server, port: typeof address === 'object' && address ? address.port : options.port };
}

function announce(io: CliIO, port: number, database: Database, started: number, extra = ''): void {
  io.stdout(
    `Perspectief is running at http://localhost:${port}/ (database: ${database.kind}, ${database.location}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s${extra})\n`,
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
  const { server, port } = await listen(appFor(database, study, io), options, () => database.close());
  announce(io, port, database, started);
  // The demo wave loads while the pages are already served (respondent pages do not wait for it).
  const demo = loadDemoIfEmpty(database, study, io).catch((error: Error) => io.stderr(`could not load the demo wave: ${error.message}\n`));
  await untilSignal((done) => server.close(() => done()));
  await demo;
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
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers && !announced) {
      announced = true;
      announce(io, address.port, database, started, `; ${workers} worker processes`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
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
