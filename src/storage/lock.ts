// One process at a time may open an embedded data directory (PGlite is single-process): a second one would
// corrupt it. The lock file names the holder's pid; a lock left by a dead process is taken over.
import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseError } from './errors.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid of the live process that holds the data directory, or null when none does. */
export function lockHolder(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'perspectief.lock'), 'utf8');
  } catch {
    return null;
  }
  const holder = Number(text.trim());
  return Number.isInteger(holder) && holder > 0 && alive(holder) ? holder : null;
}

/** The data directory is locked by a live process (`holder`, its pid). */
export class DataDirInUse extends DatabaseError {
  constructor(
    readonly dataDir: string,
    readonly holder: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by process ${holder}; stop that process first, or set DATABASE_URL to use PostgreSQL`,
    );
  }
}

/** Takes the lock or throws DataDirInUse naming the process that holds it. Returns the release function. */
export function acquireDataDirLock(dataDir: string): () => Promise<void> {
  const path = join(dataDir, 'perspectief.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return async () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new DataDirInUse(dataDir, holder);
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseError(`cannot lock the embedded database in ${dataDir}`);
}
