// Hot statements: the few SQL statements a respondent's page view and page save run, thousands of times a
// second under load. They are written once as SQL, prepared by name on PostgreSQL (parse and plan once per
// connection), and run unchanged on PGlite. Everything else goes through the query builder.
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from './db.ts';

export interface Statement {
  /** Unique per statement text: PostgreSQL keeps a prepared statement per connection under this name. */
  readonly name: string;
  /** SQL with $1, $2, ... placeholders; pass every parameter as text, number, boolean or null and cast in SQL. */
  readonly text: string;
}

/** Runs a statement on the database (pool or embedded). Inside a transaction it goes through Drizzle. */
export async function runStatement<T>(db: Db, statement: Statement, values: readonly (string | number | boolean | null)[]): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    return (await client.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values: [...values] })).rows;
  }
  if (client instanceof PGlite) return (await client.query<T>(statement.text, [...values])).rows;
  const result = await db.execute(toSql(statement, values));
  return (result as { rows: T[] }).rows;
}

function toSql(statement: Statement, values: readonly unknown[]): SQL {
  // "…$2…" → sql.raw("…"), param(values[1]), sql.raw("…")
  const parts = statement.text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`)),
    sql.raw(''),
  );
}
