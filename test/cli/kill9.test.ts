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
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe(`kill -9 during saves on ${backendName()}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged page after SIGKILL', async () => {
    const env = {
      ...process.env,
      PERSPECTIEF_DATA_DIR: join(dir, 'data'),
      PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR,
      PERSPECTIEF_DEMO_PASSWORD: 'x',
      PERSPECTIEF_DEMO: '0',
    };
    const { child, url } = await startServer(env);
    const acknowledged: { code: string; age: number }[] = [];
    let stop = false;
    const respondent = async (n: number) => {
      while (!stop) {
        const started = await fetch(`${url}/nl/start`, form({ questionnaire: 'kort' })).catch(() => null);
        if (!started || started.status !== 303) return;
        const path = started.headers.get('location')!;
        for (let age = 18 + n; !stop && age <= 76; age += 7) {
          const saved = await fetch(`${url}${path}`, form({ _page: 'over_u', _action: 'back', 'Q2.01': '1', 'Q2.02': String(age) })).catch(
            () => null,
          );
          if (!saved) return;
          assert.equal(saved.status, 303);
          acknowledged.push({ code: path.slice(3), age });
        }
      }
    };
    const running = Array.from({ length: 8 }, (_, n) => respondent(n));
    await new Promise((r) => setTimeout(r, 2500));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(running);
    await exited;
    assert.ok(acknowledged.length > 20, `only ${acknowledged.length} saves before the kill`);

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
