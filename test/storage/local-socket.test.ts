// The embedded database's local socket (storage/local-socket.ts): another process's client speaks the
// PostgreSQL protocol to the serving process's PGlite through <dataDir>/.s.PGSQL.5432. Its transactions run
// alone (the server's own queries wait), what it leaves behind is rolled back and its prepared statements
// dropped, and a client that holds a transaction open in silence is disconnected.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lastStatus, localSocketPath, LOCAL_SOCKET_PORT, serveLocalSocket } from '../../src/storage/local-socket.ts';

describe('the embedded database served on a local socket', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-socket-'));
  let db: PGlite;
  let stop: () => Promise<void>;
  const logged: string[] = [];
  const client = async (): Promise<pg.Client> => {
    const c = new pg.Client({ host: dir, port: LOCAL_SOCKET_PORT, user: 'postgres', database: 'postgres' });
    await c.connect();
    return c;
  };

  before(async () => {
    db = await PGlite.create();
    await db.exec('create table t (id int primary key, note text)');
    stop = await serveLocalSocket(db, dir, (line) => logged.push(line), { idleMs: 300 });
  });
  after(async () => {
    await stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a socket only its owner can open (mode 0600)', () => {
    assert.equal(statSync(localSocketPath(dir)).mode & 0o777, 0o600);
  });

  it('answers simple and parameterised queries, with types parsed as PostgreSQL sends them', async () => {
    const c = await client();
    try {
      await c.query('insert into t values ($1, $2), ($3, $4)', [1, 'één', 2, 'ሰላም']);
      const { rows } = await c.query<{ id: number; note: string; n: string }>('select id, note, count(*) over () as n from t order by id');
      assert.deepEqual(rows, [
        { id: 1, note: 'één', n: '2' },
        { id: 2, note: 'ሰላም', n: '2' },
      ]);
    } finally {
      await c.end();
    }
  });

  it("keeps the server's own queries out of a client's open transaction until it commits", async () => {
    const c = await client();
    try {
      await c.query('begin');
      await c.query("insert into t values (10, 'in transaction')");
      // The server's query must wait for the client's commit, so it sees the row, never a half state.
      const own = db.query<{ n: number }>('select count(*)::int as n from t where id = 10');
      let answered = false;
      void own.then(() => (answered = true));
      await c.query('select 1');
      assert.equal(answered, false, "the server's query ran inside the client's transaction");
      await c.query('commit');
      assert.equal((await own).rows[0]?.n, 1);
    } finally {
      await c.end();
    }
  });

  it('rolls back what a client leaves open when it disconnects, and drops its prepared statements', async () => {
    const c = await client();
    c.on('error', () => {});
    await c.query({ name: 'count-t', text: 'select count(*)::int as n from t' });
    await c.query('begin');
    await c.query("insert into t values (20, 'never committed')");
    const closed = new Promise((resolve) => c.once('end', resolve));
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await closed;
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from t where id = 20');
    assert.equal(rows[0]?.n, 0);
    // The same statement name prepares again on a new connection: the old one was deallocated.
    const d = await client();
    try {
      const again = await d.query<{ n: number }>({ name: 'count-t', text: 'select count(*)::int as n from t where id > 1' });
      assert.ok(again.rows[0]!.n >= 1);
    } finally {
      await d.end();
    }
  });

  it('disconnects a client that holds a transaction open without a word, rolls it back and says so', async () => {
    const c = await client();
    c.on('error', () => {});
    await c.query('begin');
    await c.query("insert into t values (30, 'idle')");
    const ended = new Promise((resolve) => c.once('end', resolve));
    await ended;
    // The server is free again: its own query answers, and the idle client's row is gone.
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from t where id = 30');
    assert.equal(rows[0]?.n, 0);
    assert.ok(
      logged.some((line) => line.includes('held a transaction open')),
      logged.join('\n'),
    );
  });

  it('reads the transaction status from the last ReadyForQuery of a reply', () => {
    const ready = (s: string) => Buffer.from([0x5a, 0, 0, 0, 5, s.charCodeAt(0)]);
    const complete = Buffer.concat([Buffer.from([0x43, 0, 0, 0, 13]), Buffer.from('SELECT 1\0', 'latin1')]);
    assert.equal(lastStatus(new Uint8Array(Buffer.concat([complete, ready('T')]))), 'T');
    assert.equal(lastStatus(new Uint8Array(Buffer.concat([ready('T'), complete, ready('I')]))), 'I');
    assert.equal(lastStatus(new Uint8Array(complete)), null);
  });
});
