// The ceiling PostgreSQL itself sets on page saves, measured with pgbench on the bench database (no Node,
// no HTTP): the answers upsert alone; the SQL a save cost before the one-statement save (find the response
// by its hash, load its answers, a transaction with upsert and update); the app's page-save statement
// itself (src/storage/responses.ts, upsert + delete + position and revision in one statement), carrying
// one save and carrying eight (as the app's page saver batches saves that arrive together); and the app's
// page-view query (the response with its answers and recordings). Same machine, same server, same
// durability settings as the app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SAVE_PAGES, STATE_BY_HASH } from '../src/storage/responses.ts';

export interface PgbenchResult {
  readonly script: 'upsert' | 'earlier-sql-per-save' | 'save-statement' | 'save-statement-x8' | 'view-query';
  /** Page saves one transaction carries (0 for the page view). */
  readonly savesPerTransaction: number;
  /** pgbench query mode: simple, or prepared (the app prepares its save and view statements). */
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

/** The app's statement with pgbench variables in place of its parameters. */
const withParams = (text: string, params: readonly string[]): string =>
  `${text.replace(/\$(\d+)/g, (_, n: string) => params[Number(n) - 1]!).replace(/\s*\n\s*/g, ' ')};`;

/** The save statement's parameter for `n` saves of the responses :r, :r + 1, …, built in SQL. */
const savesJson = (n: number): string =>
  `(select jsonb_agg(jsonb_build_object('i', g, 'id', md5((:r + g)::text)::uuid, 'expected', null, 'page', 'herkomst', 'done', false,
     'remove', '["Q2.01_anders"]'::jsonb, 'upserts', '{"Q2.01": 1, "Q2.02": 18}'::jsonb)) from generate_series(0, ${n - 1}) g)::text`;

/** Page saves each script's transaction stands for. */
const SAVES_PER_TRANSACTION: Record<PgbenchResult['script'], number> = {
  upsert: 1,
  'earlier-sql-per-save': 1,
  'save-statement': 1,
  'save-statement-x8': 8,
  'view-query': 0,
};

const SCRIPTS: Record<PgbenchResult['script'], string> = {
  upsert: [`\\set r random(1, ${RESPONSES})`, UPSERT].join('\n'),
  'earlier-sql-per-save': [
    `\\set r random(1, ${RESPONSES})`,
    `select * from responses where access_hash = encode(sha256(convert_to('bench-' || :r, 'UTF8')), 'hex');`,
    `select item_id, value from answers where response_id = ${id};`,
    'begin;',
    UPSERT,
    UPDATE,
    'commit;',
  ].join('\n'),
  'save-statement': [`\\set r random(1, ${RESPONSES})`, withParams(SAVE_PAGES.text, [savesJson(1)])].join('\n'),
  'save-statement-x8': [`\\set r random(1, ${RESPONSES - 7})`, withParams(SAVE_PAGES.text, [savesJson(8)])].join('\n'),
  'view-query': [
    `\\set r random(1, ${RESPONSES})`,
    withParams(STATE_BY_HASH.text, [`encode(sha256(convert_to('bench-' || :r, 'UTF8')), 'hex')`]),
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
      ['earlier-sql-per-save', 'prepared'],
      ['save-statement', 'prepared'],
      ['save-statement-x8', 'prepared'],
      ['view-query', 'prepared'],
    ];
    for (const [name, mode] of runs) {
      const file = join(dir, `${name}.sql`);
      writeFileSync(file, `${SCRIPTS[name]}\n`);
      const run = spawnSync(
        'pgbench',
        [
          '-n',
          '-h',
          target.hostname,
          '-p',
          target.port || '5432',
          '-U',
          decodeURIComponent(target.username || 'postgres'),
          '-M',
          mode,
          '-c',
          String(clients),
          '-j',
          '2',
          '-T',
          String(seconds),
          '-f',
          file,
          target.pathname.slice(1),
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, ...(target.password ? { PGPASSWORD: decodeURIComponent(target.password) } : {}) },
          timeout: (seconds + 60) * 1000,
        },
      );
      const tps = /tps = ([0-9.]+)/.exec(run.stdout);
      const latency = /latency average = ([0-9.]+) ms/.exec(run.stdout);
      if (run.status !== 0 || !tps) throw new Error(`pgbench ${name} failed: ${run.stderr || run.stdout}`);
      results.push({
        script: name,
        mode,
        savesPerTransaction: SAVES_PER_TRANSACTION[name],
        clients,
        seconds,
        tps: Number(tps[1]),
        latencyMs: Number(latency?.[1] ?? Number.NaN),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
