// Opens the system of record: PostgreSQL when DATABASE_URL is set, otherwise embedded PostgreSQL (PGlite)
// with its files in the data directory. Both get the same schema, migrations and queries. No singleton:
// callers own the returned handle and must close it (a PGlite process does not exit while one is open).
// While `serve` holds the embedded database, other processes reach it through the server's local socket
// (local-socket.ts) instead of being refused.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DEFAULT_POOL_SIZE, type DatabaseConfig } from './config.ts';
import { DatabaseError } from './errors.ts';
import { clearDataState, recordDataState } from './data-state.ts';
import { localSocketPath, LOCAL_SOCKET_PORT, serveLocalSocket } from './local-socket.ts';
import { acquireDataDirLock, DataDirInUse } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The database or a transaction on it; repositories take this as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly db: Db;
  readonly kind: 'postgres' | 'pglite';
  /** Where the data lives, for messages: the data directory or the URL without its password. */
  readonly location: string;
  /**
   * The process that owns the embedded database when this handle reaches it through that process's local
   * socket (`serve` is running); undefined when this process owns the database or it is PostgreSQL.
   */
  readonly ownedBy?: number | undefined;
  /**
   * Embedded database in a data directory only: lets other local processes in through the directory's
   * socket until the returned function is called (local-socket.ts).
   */
  serveLocal?(log: (line: string) => void): Promise<() => Promise<void>>;
  /** Applies the committed migrations that have not run yet (forward only). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export { DatabaseError };

/** A close that may be called again (a second call waits for the first and does nothing more). */
const once = (close: () => Promise<void>): (() => Promise<void>) => {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
};

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.url ? openPostgres(config.url, config.poolSize ?? DEFAULT_POOL_SIZE) : openPglite(config.dataDir ?? resolve('data'));
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseError(`cannot connect to PostgreSQL at ${location}: ${(error as Error).message}`);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    location,
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder }),
    close: once(() => pool.end()),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let release = async (): Promise<void> => {};
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    try {
      release = acquireDataDirLock(dataDir);
    } catch (error) {
      if (!(error instanceof DataDirInUse) || !existsSync(localSocketPath(dataDir))) throw error;
      return openThroughOwner(dataDir, error.holder);
    }
    clearDataState(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? {} : { dataDir });
  } catch (error) {
    await release();
    throw new DatabaseError(`cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  const orm = drizzlePglite(client, { schema });
  return {
    db: orm as unknown as Db,
    kind: 'pglite',
    location: inMemory ? 'memory' : dataDir,
    migrate: () => migratePglite(orm, { migrationsFolder }),
    ...(inMemory ? {} : { serveLocal: (log: (line: string) => void) => serveLocalSocket(client, dataDir, log) }),
    close: async () => {
      if (!inMemory) await recordDataState(client, dataDir);
      await client.close();
      await release();
    },
  };
}

/** The embedded database of a running `serve` (process `owner`), through its socket in the data directory. */
async function openThroughOwner(dataDir: string, owner: number): Promise<Database> {
  // One connection: the owner runs each client's transactions alone anyway.
  const pool = new pg.Pool({ host: dataDir, port: LOCAL_SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1 });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseError(
      `the embedded database in ${dataDir} is in use by process ${owner}, and its socket does not answer (${(error as Error).message}); stop that process first, or set DATABASE_URL to use PostgreSQL`,
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: `${dataDir} (through process ${owner})`,
    ownedBy: owner,
    // The owner applied the migrations when it opened the database.
    migrate: async () => {},
    close: once(() => pool.end()),
  };
}
