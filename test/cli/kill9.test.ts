// "Never lose an answer": respondents save pages while the server is killed with SIGKILL mid-stream.
// Every save the server acknowledged (its 303 after storing) must be in the database afterwards. On
// PostgreSQL the server runs as production would, with two worker processes (`serve --workers 2`), and the
// primary is the one killed: its workers stop with it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../src/storage/db.ts';
import { findResponseBySecret, loadAnswers } from '../../src/storage/responses.ts';
import { backendName, KORT_STUDY_DIR } from '../support/db.ts';

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const workers = env['DATABASE_URL'] ? ['--workers', '2'] : [];
  const child = spawn(process.execPath, ['bin/perspectief.js', 'serve', '--port', '0', '--host', '127.0.0.1', ...workers], { env });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output}`)), 90_000);
    const onData = (d: Buffer) => {
      output += String(d);
      const m = /running at (http:\/\/localhost:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Respondents posting pages at once, and the acknowledged save at which the server is killed. */
const RESPONDENTS = 8;
const KILL_AFTER = 120;

describe(`kill -9 during saves on ${backendName()}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged page when killed with SIGKILL at the ${KILL_AFTER}th acknowledged save, with requests in flight`, async () => {
    const env = {
      ...process.env,
      PERSPECTIEF_DATA_DIR: join(dir, 'data'),
      PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR,
      PERSPECTIEF_DEMO_PASSWORD: 'kill nine test password',
      PERSPECTIEF_DEMO: '0',
    };
    const { child, url } = await startServer(env);
    const acknowledged: { code: string; age: number }[] = [];
    // Requests sent and not yet answered; every respondent still going is always inside one.
    let inFlight = 0;
    const post = async (path: string, fields: Record<string, string>) => {
      inFlight++;
      try {
        return await fetch(`${url}${path}`, form(fields)).catch(() => null);
      } finally {
        inFlight--;
      }
    };
    // The kill comes at the KILL_AFTER-th acknowledged save, however fast the machine is, while the other
    // respondents' requests are on their way.
    let stop = false;
    let killedWith: number | undefined;
    const exited = new Promise((r) => child.once('exit', r));
    const kill = () => {
      killedWith = inFlight;
      child.kill('SIGKILL');
      stop = true;
    };
    // Read afresh after every await: kill() runs in another respondent's task.
    const stopped = (): boolean => stop;
    const respondent = async (n: number) => {
      while (!stopped()) {
        const started = await post('/nl/start', { questionnaire: 'kort' });
        if (!started || started.status !== 303) return;
        const path = started.headers.get('location')!;
        for (let age = 18 + n; !stopped() && age <= 76; age += 7) {
          const saved = await post(path, { _page: 'over_u', _action: 'back', 'Q2.01': '1', 'Q2.02': String(age) });
          if (!saved) return;
          // A 303 that arrives after the kill was sent was still given by the server: it counts too.
          assert.equal(saved.status, 303);
          acknowledged.push({ code: path.slice(3), age });
          if (acknowledged.length === KILL_AFTER) kill();
        }
      }
    };
    await Promise.all(Array.from({ length: RESPONDENTS }, (_, n) => respondent(n)));
    if (killedWith === undefined) kill(); // the respondents stopped early: the assertion below says so
    await exited;
    assert.ok(acknowledged.length >= KILL_AFTER, `the server stopped answering after ${acknowledged.length} saves, before the kill`);
    assert.ok(killedWith! > 0, 'requests were in flight when the server was killed');

    const latest = new Map<string, number>();
    for (const a of acknowledged) latest.set(a.code, a.age);
    const database = await openDatabase({ url: process.env['DATABASE_URL'] || undefined, dataDir: join(dir, 'data') });
    try {
      for (const [code, age] of latest) {
        const response = await findResponseBySecret(database.db, code);
        assert.ok(response, `response ${code} survived`);
        const answers = await loadAnswers(database.db, response.id);
        const stored = answers.get('Q2.02' as never) as number;
        // a save that was in flight at the kill may also have landed, so the stored age is the last
        // acknowledged one or a later one of the same respondent
        assert.ok(stored >= age, `response ${code}: acknowledged age ${age}, stored ${stored}`);
      }
    } finally {
      await database.close();
    }
  });
});
