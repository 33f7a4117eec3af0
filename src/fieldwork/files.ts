// Writing output files safely: plain invitation codes exist only in the files a command writes (the database
// keeps hashes), so a file is never overwritten unless asked, and never left half-written.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class OutputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFileError';
  }
}

/** Refuses an existing file unless `force`: an earlier run's codes are lost for good if it is overwritten. */
export function assertWritable(path: string, force: boolean): void {
  if (!force && existsSync(path)) throw new OutputFileError(`${path} already exists; choose another name or add --force to replace it`);
}

const errorText = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** A file written in full beside its target (mode 0600: it may hold plain codes), to be renamed into place or discarded. */
export interface PreparedFile {
  readonly temporary: string;
  /** Renames the file over the target: a reader or a crash sees the old file or the whole new one. */
  commit(): void;
  discard(): void;
}

export function prepareFile(path: string, data: string | Uint8Array): PreparedFile {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new OutputFileError(`cannot write ${path}: ${errorText(error)}`);
  }
  return {
    temporary,
    commit() {
      try {
        renameSync(temporary, path);
      } catch (error) {
        throw new OutputFileError(`cannot rename ${temporary} to ${path}: ${errorText(error)}`);
      }
    },
    discard: () => rmSync(temporary, { force: true }),
  };
}

/** Writes a file atomically (see prepareFile). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  prepareFile(path, data).commit();
}
