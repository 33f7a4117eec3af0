// What an embedded database held when its owner last closed it, kept beside it in the data directory
// (perspectief.state): how many responses and questionnaire versions, and the latest change to a response.
// Removed when a process opens the database directly and written again when it closes, so the file exists only
// while nobody holds the database and nothing has changed since. A command can then tell, without starting
// PGlite (seconds), whether a dataset it saved earlier (analysis/snapshot.ts) is still the database's state.
// PGlite runs one transaction at a time, so no change can commit behind a newer one.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { lockHolder } from './lock.ts';

/** The database's state as far as a dataset depends on it. */
export interface DataState {
  readonly responses: number;
  readonly questionnaires: number;
  /** Latest updated_at of a response, ms since 1970 (0: none). */
  readonly lastUpdate: number;
}

const STATE_FILE = 'perspectief.state';

export const DATA_STATE_SQL = `select (select count(*)::int from responses) as responses,
  (select count(*)::int from questionnaires) as questionnaires,
  coalesce((select (extract(epoch from max(updated_at)) * 1000)::float8 from responses), 0) as "lastUpdate"`;

export const sameState = (a: DataState, b: DataState): boolean =>
  a.responses === b.responses && a.questionnaires === b.questionnaires && a.lastUpdate === b.lastUpdate;

/** The state written at the last close, or null while a process holds the database or after one that died. */
export function readDataState(dataDir: string): DataState | null {
  const path = join(dataDir, STATE_FILE);
  if (!existsSync(path) || lockHolder(dataDir) !== null) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DataState>;
    const { responses, questionnaires, lastUpdate } = parsed;
    if (typeof responses !== 'number' || typeof questionnaires !== 'number' || typeof lastUpdate !== 'number') return null;
    return { responses, questionnaires, lastUpdate };
  } catch {
    // A torn or foreign file says nothing about the database: the caller opens it instead.
    return null;
  }
}

/** Forgets the state: called by a process that has just taken the database. */
export function clearDataState(dataDir: string): void {
  rmSync(join(dataDir, STATE_FILE), { force: true });
}

/** Records the state (before the owner closes the database); a database without the tables records nothing. */
export async function recordDataState(client: PGlite, dataDir: string): Promise<void> {
  let state: DataState | undefined;
  try {
    state = (await client.query<DataState>(DATA_STATE_SQL)).rows[0];
  } catch {
    // Not migrated yet (no responses table): there is no dataset to vouch for.
    return;
  }
  if (!state) return;
  const path = join(dataDir, STATE_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(state));
  renameSync(`${path}.tmp`, path);
}
