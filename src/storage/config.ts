// The database settings a process runs with, read from its environment. Kept apart from db.ts so a command
// can decide where the data are without loading the database drivers.
import { resolve } from 'node:path';
import { DatabaseError } from './errors.ts';

export interface DatabaseConfig {
  readonly url?: string | undefined;
  /** Data directory of the embedded database; default ./data. `memory://` keeps it in memory (tests). */
  readonly dataDir?: string | undefined;
  /** Connections in the PostgreSQL pool (default 10). */
  readonly poolSize?: number | undefined;
}

export const DEFAULT_POOL_SIZE = 10;

/** The database settings from the environment; a malformed PERSPECTIEF_DB_POOL is an error naming it. */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>, cwd: string): DatabaseConfig {
  const pool = env['PERSPECTIEF_DB_POOL'];
  if (pool !== undefined && pool !== '' && !/^[1-9]\d{0,2}$/.test(pool)) {
    throw new DatabaseError(`PERSPECTIEF_DB_POOL must be a whole number of connections from 1 to 999, not "${pool}"`);
  }
  return {
    url: env['DATABASE_URL'] || undefined,
    dataDir: env['PERSPECTIEF_DATA_DIR'] || resolve(cwd, 'data'),
    poolSize: pool ? Number(pool) : undefined,
  };
}
