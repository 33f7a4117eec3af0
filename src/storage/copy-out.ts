// `COPY (query) TO STDOUT` on both drivers, the fastest way out of PostgreSQL for many small rows: no per-row
// aggregation or sorting on the server, and the rows arrive as text the reader parses itself (copy-text.ts).
// On PostgreSQL (pg) the rows stream through a pg "submittable" as the server writes them, so memory stays
// bounded by what the reader keeps; on PGlite the output comes whole (COPY TO '/dev/blob'), which an embedded
// database's size allows. COPY takes no bind parameters: callers quote their values with `literal`.
import type { Connection, Submittable } from 'pg';
import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';

/** Runs `COPY (query) TO ...` and hands the output on in chunks, in order. */
export type CopyRunner = (query: string, onChunk: (chunk: Buffer) => void) => Promise<void>;

/** A string as an SQL literal (standard_conforming_strings is on in both databases: only quotes are doubled). */
export const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The pg side: a query object the client drives through the COPY OUT messages. */
class CopyOutQuery implements Submittable {
  private failure: Error | null = null;

  constructor(
    private readonly text: string,
    private readonly onChunk: (chunk: Buffer) => void,
    private readonly done: (error: Error | null) => void,
  ) {}

  submit(connection: Connection): void {
    (connection as unknown as { query(text: string): void }).query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.failure) return;
    try {
      this.onChunk(message.chunk);
    } catch (error) {
      // Read the rest of the output (the protocol goes on), then report the reader's error.
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  handleCopyInResponse(connection: Connection): void {
    (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail('COPY FROM is not expected here');
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  handleError(error: Error): void {
    this.done(error);
  }

  handleReadyForQuery(): void {
    this.done(this.failure);
  }
}

/** COPY on a pg client (a connection taken from the pool for the whole snapshot). */
export function pgCopyRunner(client: { query(query: Submittable): unknown }): CopyRunner {
  return (query, onChunk) =>
    new Promise<void>((resolve, reject) => {
      client.query(new CopyOutQuery(`copy (${query}) to stdout`, onChunk, (error) => (error ? reject(error) : resolve())));
    });
}

/** COPY in a PGlite transaction (drizzle passes PGlite's result through, with its blob). */
export function pgliteCopyRunner(tx: Db): CopyRunner {
  return async (query, onChunk) => {
    const output: unknown = await tx.execute(sql.raw(`copy (${query}) to '/dev/blob'`));
    const result = output as { blob?: Blob; affectedRows?: number };
    // PGlite makes no blob when COPY wrote nothing (affectedRows 0: a wave without answers).
    if (!result.blob) {
      if (result.affectedRows === 0) return;
      throw new Error('PGlite returned no COPY output');
    }
    onChunk(Buffer.from(await result.blob.arrayBuffer()));
  };
}
