// The lint and format checks can fail: a temporary copy of the project's eslint.config.js, tsconfig.json,
// package.json and .prettierrc.json (node_modules linked) gets one planted violation of each kind beside
// clean files, and `npm run lint` / `npm run format:check` are run there as `npm test` runs them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');

// Each planted file with the findings (rule ids) ESLint must report for it; [] is a clean control.
const FILES: Record<string, { source: string; rules: string[] }> = {
  'src/questionnaire/kinds.ts': {
    source: `export type Kind = 'single' | 'multi' | 'text';

export function label(kind: Kind): string {
  let text = '';
  switch (kind) {
    case 'single':
      text = 'one';
      break;
    case 'multi':
      text = 'many';
      break;
  }
  return text;
}
`,
    rules: ['@typescript-eslint/switch-exhaustiveness-check'],
  },
  'src/questionnaire/kinds-ok.ts': {
    source: `import type { Kind } from './kinds.ts';

export function size(kind: Kind): number {
  switch (kind) {
    case 'single':
      return 1;
    case 'multi':
      return 2;
    case 'text':
      return 0;
  }
}
`,
    rules: [],
  },
  'src/stats/save.ts': {
    source: `export function save(values: readonly number[]): Promise<number> {
  return Promise.resolve(values.length);
}

export function run(): void {
  save([1, 2]);
}

export async function runAwaited(): Promise<number> {
  return await save([1, 2]);
}
`,
    rules: ['@typescript-eslint/no-floating-promises'],
  },
  'src/stats/direction.ts': {
    source: `import { table } from '../storage/db.ts';
import type { Row } from '../storage/db.ts';

export const first = (row: Row): number => row.id + table.length;
`,
    rules: ['boundaries/dependencies', 'boundaries/dependencies'],
  },
  'src/questionnaire/io.ts': {
    source: `import { readFileSync } from 'node:fs';

export const read = (path: string): string => readFileSync(path, 'utf8');
`,
    rules: ['no-restricted-imports'],
  },
  'src/storage/db.ts': {
    source: `import { label } from '../questionnaire/kinds.ts';

export interface Row {
  id: number;
}
export const table: Row[] = [{ id: label('single').length }];
`,
    rules: [],
  },
  'src/report/view.ts': {
    source: `import { table } from '../storage/db.ts';

export const rows = table.length;
`,
    rules: ['boundaries/dependencies'],
  },
  'src/fieldwork/monitor.ts': {
    source: `import { table } from '../storage/db.ts';
import { rows } from '../report/view.ts';

export const seen = table.length + rows;
`,
    rules: ['boundaries/dependencies'],
  },
  // Unformatted (Prettier would write "export const wide = { a: 1, b: [1, 2] };").
  'src/storage/ugly.ts': { source: `export const  wide={a:1,b:[1,2],}\n`, rules: [] },
  // One formatted file for each folder format:check globs, so that no pattern matches nothing.
  'test/ok.ts': { source: `export const ok = 1;\n`, rules: [] },
  'bench/ok.ts': { source: `export const ok = 1;\n`, rules: [] },
  'scripts/ok.ts': { source: `export const ok = 1;\n`, rules: [] },
  'bin/ok.js': { source: `export const ok = process.argv.length;\n`, rules: [] },
  'drizzle.config.ts': { source: `export default {};\n`, rules: [] },
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string; line: number }[];
}

let dir = '';
const npm = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync('npm', ['run', '--silent', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

it('npm test runs the type check, the lint and the format check before the tests, stopping at the first failure', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.deepEqual(scripts['test']?.split(' && '), [
    'tsc --noEmit -p .',
    'npm run lint',
    'npm run format:check',
    'node scripts/run-tests.js',
  ]);
  assert.equal(scripts['lint'], 'eslint --max-warnings 0 .');
});

describe('lint and format checks on planted violations', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'perspectief-lint-'));
    for (const name of ['eslint.config.js', 'tsconfig.json', 'package.json', '.prettierrc.json']) {
      copyFileSync(join(ROOT, name), join(dir, name));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    for (const [path, { source }] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('npm run lint fails with exactly the planted findings, naming both modules for the direction', () => {
    const { status, stdout, stderr } = npm(['lint', '--', '--format', 'json']);
    assert.equal(status, 1, stderr);
    const results = JSON.parse(stdout) as LintResult[];
    const found = Object.fromEntries(
      results.map((r) => [relative(dir, r.filePath), r.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`).sort()]),
    );
    const expected = Object.fromEntries(
      Object.entries(FILES)
        .map(([path, { rules }]): [string, string[]] => [path, [...rules].sort()])
        .concat([['eslint.config.js', []]]),
    );
    assert.deepEqual(found, expected);

    const messages = results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)}:${m.line} ${m.message}`));
    for (const line of [
      'src/stats/direction.ts:1 src/stats/ may not import src/storage/ (DESIGN.md, Modules)',
      'src/stats/direction.ts:2 src/stats/ may not import src/storage/ (DESIGN.md, Modules)',
      'src/report/view.ts:1 src/report/ may not import src/storage/ (DESIGN.md, Modules)',
      'src/fieldwork/monitor.ts:2 src/fieldwork/ may not import src/report/ (DESIGN.md, Modules)',
    ]) {
      assert.ok(messages.includes(line), `${line}\nnot among\n${messages.join('\n')}`);
    }
    assert.ok(messages.some((m) => m.startsWith('src/questionnaire/io.ts:1 ') && m.includes('stay pure')));
  });

  it('npm run format:check fails on the unformatted file only, and npm run format mends it', () => {
    const check = npm(['format:check']);
    assert.equal(check.status, 1, check.stdout + check.stderr);
    assert.doesNotMatch(check.stderr, /No files matching/);
    const named = (check.stdout + check.stderr).match(/\S+\.(?:ts|js)\b/g) ?? [];
    assert.deepEqual(named, ['src/storage/ugly.ts']);

    assert.equal(npm(['format']).status, 0);
    assert.equal(readFileSync(join(dir, 'src/storage/ugly.ts'), 'utf8'), 'export const wide = { a: 1, b: [1, 2] };\n');
    const again = npm(['format:check']);
    assert.equal(again.status, 0, again.stdout + again.stderr);
  });
});
