// `perspectief serve` as `npm start` runs it: on an empty embedded database it prints the demo account
// once, serves the first page, and the printed credentials log in. A second start prints no password.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withServingHeap } from '../../src/cli/serve.ts';

interface Running {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

async function start(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['bin/perspectief.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, PERSPECTIEF_DATA_DIR: dataDir, DATABASE_URL: '', PERSPECTIEF_DEMO: '0' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output}`)), 90_000);
    child.stdout.on('data', () => {
      const m = /running at (http:\/\/localhost:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

describe('perspectief serve', () => {
  it('gives its worker processes a 64 MB young generation, unless the command line sets one', () => {
    assert.deepEqual(withServingHeap(['--enable-source-maps']), ['--enable-source-maps', '--max-semi-space-size=64']);
    assert.deepEqual(withServingHeap(['--max-semi-space-size=16']), ['--max-semi-space-size=16']);
  });

  const dir = mkdtempSync(join(tmpdir(), 'perspectief-serve-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on an empty embedded database, prints the demo account once, and the account logs in', async () => {
    const first = await start(join(dir, 'data'));
    try {
      const m = /username: (\S+)\n\s+password: (\S+)/.exec(first.output());
      assert.ok(m, first.output());
      assert.equal((await fetch(`${first.url}/`)).status, 200);
      const form = await fetch(`${first.url}/onderzoek/login`);
      const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const login = await fetch(`${first.url}/onderzoek/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrf, username: m[1]!, password: m[2]! }).toString(),
      });
      assert.equal(login.status, 303);
      assert.ok(login.headers.getSetCookie().some((c) => c.startsWith('pp_session=')));
    } finally {
      assert.equal(await first.stop(), 0, 'stops cleanly on SIGTERM');
    }
    const second = await start(join(dir, 'data'));
    try {
      assert.doesNotMatch(second.output(), /password:/);
    } finally {
      await second.stop();
    }
  });
});
