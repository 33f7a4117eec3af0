// `serve` without --host listens where its help says it does, and says so when it starts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { DEFAULT_HOST } from '../../src/cli/serve.ts';

const dir = mkdtempSync(join(tmpdir(), 'perspectief-host-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('listens on the default host its help names, and announces the address it listens on', async () => {
  let help = '';
  await main(['serve', '--help'], { stdout: (s) => (help += s), stderr: () => {}, env: {}, cwd: process.cwd() });
  const named = /--host H\s+address to listen on \(default: ([^,)]+)/.exec(help)?.[1];
  assert.equal(named, DEFAULT_HOST);

  const child = spawn(process.execPath, ['bin/perspectief.js', 'serve', '--port', '0'], {
    env: { ...process.env, PERSPECTIEF_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', PERSPECTIEF_DEMO: '0' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  try {
    const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output}`)), 90_000);
      child.stdout.on('data', () => {
        const m = /listening on (\S+):(\d+);/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    assert.equal(listening[1], named, output);
    assert.equal((await fetch(`http://127.0.0.1:${listening[2]}/`)).status, 200);
  } finally {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
});
