// The compiled command (scripts/build.js, run by `npm install`): it answers as the TypeScript sources do,
// finds the files its modules read beside themselves (study folder, migrations, fonts, the page script), and
// bin/perspectief.js uses a build only while every source it was made from is unchanged.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compiledEntry, ENTRY, MANIFEST } from '../../bin/compiled.js';

// Inside the checkout, as dist/ is: the packages left out of the bundle are found in its node_modules.
mkdirSync('.test-data', { recursive: true });
const work = resolve(mkdtempSync(join('.test-data', 'build-')));
const out = join(work, 'dist');
// Runs the compiled entry as bin/perspectief.js does (cluster workers of `serve` re-run this file too).
const runner = join(work, 'run.mjs');

const fromBuild = (args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const fromSource = (args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ['bin/perspectief.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, PERSPECTIEF_FROM_SOURCE: '1' },
  });

describe('the compiled command', () => {
  before(() => {
    const built = spawnSync(process.execPath, ['scripts/build.js', '--out', out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stdout, /compiled \d+ source files/);
    writeFileSync(
      runner,
      `const { main } = await import(${JSON.stringify(join(out, ENTRY))});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('lists in its manifest the sources it was built from, the command and the statistics engine among them', () => {
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as { sources: string[] };
    assert.ok(manifest.sources.includes('src/cli/main.ts'));
    assert.ok(manifest.sources.includes('src/stats/index.ts') || manifest.sources.some((s) => s.startsWith('src/stats/')));
    assert.ok(manifest.sources.includes('src/i18n/messages/ti.json'), 'catalogues are part of the build');
    assert.ok(manifest.sources.every((s) => s.startsWith('src/')));
  });

  it('prints the same help and the same statistics as the sources', () => {
    for (const args of [
      ['--help'],
      ['report', '--help'],
      ['stats', 'power', '--test', 'f-r2', '--f2', '0.15', '--predictors', '11', '--json'],
    ]) {
      const built = fromBuild(args);
      const source = fromSource(args);
      assert.equal(built.status, source.status, `${args.join(' ')}: ${built.stderr}`);
      assert.equal(built.stdout, source.stdout, args.join(' '));
    }
  });

  it("validates the study's report.json read from the study folder beside the sources", () => {
    const built = fromBuild(['report', 'validate']);
    const source = fromSource(['report', 'validate']);
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stdout, source.stdout);
  });

  it('serves the Arabic first page, its font slice and the page script on a new embedded database (migrations applied)', async () => {
    const child = spawn(process.execPath, [runner, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, PERSPECTIEF_DATA_DIR: join(work, 'data'), DATABASE_URL: '', PERSPECTIEF_DEMO: '0' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    try {
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
      const page = await (await fetch(`${url}/ar`)).text();
      assert.match(page, /dir="rtl"/);
      const font = /url\((\/fonts\/[^)]+\.woff2)\)/.exec(page)?.[1];
      assert.ok(font, 'the Arabic page names its font');
      const js = await fetch(`${url}/static/enhance.js`);
      assert.equal(js.status, 200);
      assert.equal(await js.text(), readFileSync('src/web/static/enhance.js', 'utf8'));
      const woff = await fetch(`${url}${font}`);
      assert.equal(woff.status, 200);
      assert.equal(
        Buffer.from(await woff.arrayBuffer())
          .subarray(0, 4)
          .toString('latin1'),
        'wOF2',
      );
    } finally {
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      assert.equal(code, 0, output);
    }
  });
});

describe('choosing between the build and the sources', () => {
  const tree = mkdtempSync(join(tmpdir(), 'perspectief-choice-'));
  after(() => rmSync(tree, { recursive: true, force: true }));
  const dist = join(tree, 'dist');
  const source = join(tree, 'src', 'a.ts');
  const builtAt = Date.parse('2026-12-01T12:00:00Z');
  const writeManifest = (sources: string[]): void =>
    writeFileSync(join(dist, MANIFEST), JSON.stringify({ builtAt, node: '20', root: '..', sources }));
  const setChanged = (iso: string): void => utimesSync(source, new Date(iso), new Date(iso));

  before(() => {
    mkdirSync(dist, { recursive: true });
    mkdirSync(join(tree, 'src'));
    writeFileSync(source, 'export {};\n');
  });

  it('uses the build while its sources are older than it', () => {
    writeManifest(['src/a.ts']);
    setChanged('2026-12-01T11:59:59Z');
    assert.deepEqual(compiledEntry(dist), { entry: join(dist, ENTRY) });
  });

  it('runs the sources when one of them changed after the build, naming it', () => {
    writeManifest(['src/a.ts']);
    setChanged('2026-12-01T12:00:01Z');
    assert.deepEqual(compiledEntry(dist), { reason: 'src/a.ts changed after the build' });
  });

  it('runs the sources when one of them is gone, when there is no build, or when the manifest is not one', () => {
    setChanged('2026-12-01T11:00:00Z');
    writeManifest(['src/a.ts', 'src/b.ts']);
    assert.deepEqual(compiledEntry(dist), { reason: 'src/b.ts is gone since the build' });
    assert.deepEqual(compiledEntry(join(tree, 'nowhere')), { reason: `no build in ${join(tree, 'nowhere')}` });
    writeFileSync(join(dist, MANIFEST), '{"sources": 3}');
    assert.deepEqual(compiledEntry(dist), { reason: `${join(dist, MANIFEST)} is not a build manifest` });
  });
});
