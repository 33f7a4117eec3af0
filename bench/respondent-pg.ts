// The ceiling PostgreSQL itself sets on page saves, measured with pgbench on the bench database (no Node,
// no HTTP): the answers upsert alone, the page-save transaction the app runs (upsert + response update),
// and all SQL the app runs per save today (find the response by its hash, load its answers, the
// transaction), and the two statements a save could need instead (the response with its answers in one
// query; upsert, delete and position update in one statement, which is atomic by itself). Same machine, same server, same durability settings as the app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgbenchResult {
  readonly script: 'upsert' | 'save-transaction' | 'app-sql-per-save' | 'proposed-sql-per-save';
  /** pgbench query mode: simple (like the app, which does not prepare) or prepared. */
  readonly mode: 'simple' | 'prepared';
  readonly clients: number;
  readonly seconds: number;
  readonly tps: number;
  readonly latencyMs: number;
}

const RESPONSES = 5000;

/** Rows for pgbench to update: responses whose id is md5(n)::uuid and whose access hash is sha256 of 'bench-n'. */
export async function seedResponses(url: string, waveId: string, questionnaire: { id: string; version: number }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `insert into responses (id, access_hash, questionnaire_id, questionnaire_version, wave_id, language, channel)
       select md5(g::text)::uuid, encode(sha256(convert_to('bench-' || g, 'UTF8')), 'hex'), $1, $2, $3, 'nl', 'pgbench'
       from generate_series(1, ${RESPONSES}) g on conflict do nothing`,
      [questionnaire.id, questionnaire.version, waveId],
    );
  } finally {
    await client.end();
  }
}

const id = `md5(:r::text)::uuid`;
const UPSERT = `insert into answers (response_id, item_id, value, updated_at) values (${id}, 'Q2.01', '1', now()), (${id}, 'Q2.02', '18', now()) on conflict (response_id, item_id) do update set value = excluded.value, updated_at = excluded.updated_at;`;
const UPDATE = `update responses set current_page = 'herkomst', updated_at = now() where id = ${id};`;

const SCRIPTS: Record<PgbenchResult['script'], string> = {
  upsert: [`\\set r random(1, ${RESPONSES})`, UPSERT].join('\n'),
  'save-transaction': [`\\set r random(1, ${RESPONSES})`, 'begin;', UPSERT, UPDATE, 'commit;'].join('\n'),
  'app-sql-per-save': [
    `\\set r random(1, ${RESPONSES})`,
    `select * from responses where access_hash = encode(sha256(convert_to('bench-' || :r, 'UTF8')), 'hex');`,
    `select item_id, value from answers where response_id = ${id};`,
    'begin;',
    UPSERT,
    UPDATE,
    'commit;',
  ].join('\n'),
  'proposed-sql-per-save': [
    `\\set r random(1, ${RESPONSES})`,
    `select r.*, coalesce((select json_agg(json_build_array(a.item_id, a.value)) from answers a where a.response_id = r.id), '[]') as answers from responses r where r.access_hash = encode(sha256(convert_to('bench-' || :r, 'UTF8')), 'hex');`,
    `with up as (${UPSERT.replace(/;$/, '')} returning 1), del as (delete from answers where response_id = ${id} and item_id = any(array['Q2.01_anders']) returning 1), upd as (${UPDATE.replace(/;$/, '')} returning 1) select (select count(*) from up), (select count(*) from del), (select count(*) from upd);`,
  ].join('\n'),
};

export function pgbenchAvailable(): boolean {
  return spawnSync('pgbench', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs each script for `seconds` with `clients` connections (the app's pool holds 10). */
export function runPgbench(url: string, seconds: number, clients: number): PgbenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'pp-pgbench-'));
  const results: PgbenchResult[] = [];
  const target = new URL(url);
  try {
    const runs: [PgbenchResult['script'], PgbenchResult['mode']][] = [
      ...(Object.keys(SCRIPTS) as PgbenchResult['script'][]).map((n): [PgbenchResult['script'], PgbenchResult['mode']] => [n, 'simple']),
      ['app-sql-per-save', 'prepared'],
      ['proposed-sql-per-save', 'prepared'],
    ];
    for (const [name, mode] of runs) {
      const file = join(dir, `${name}.sql`);
      writeFileSync(file, `${SCRIPTS[name]}\n`);
      const run = spawnSync(
        'pgbench',
        ['-n', '-h', target.hostname, '-p', target.port || '5432', '-U', decodeURIComponent(target.username || 'postgres'), '-M', mode, '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, target.pathname.slice(1)],
        { encoding: 'utf8', env: { ...process.env, ...(target.password ? { PGPASSWORD: decodeURIComponent(target.password) } : {}) }, timeout: (seconds + 60) * 1000 },
      );
      const tps = /tps = ([0-9.]+)/.exec(run.stdout);
      const latency = /latency average = ([0-9.]+) ms/.exec(run.stdout);
      if (run.status !== 0 || !tps) throw new Error(`pgbench ${name} failed: ${run.stderr || run.stdout}`);
      results.push({ script: name, mode, clients, seconds, tps: Number(tps[1]), latencyMs: Number(latency?.[1] ?? Number.NaN) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
