// `perspectief stats` leaves missing codes out when told which they are: --missing for every column, or the
// codebook JSON that `perspectief export` writes beside its CSV (each variable's own codes). Without either,
// 98 and 99 are values like any other, as in any CSV reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'pp-stats-missing-'));
writeFileSync(join(dir, 'a.csv'), 'gender,benefit\n1,1\n2,99\n98,1\n1,2\n2,99\n');
const codebook = {
  format: 'perspectief-codebook/1',
  source: 'test',
  variables: [
    { name: 'gender', label: { nl: 'Geslacht' }, kind: 'single', storage: 'number', measure: 'nominal', values: [], missing: [98] },
    { name: 'benefit', label: { nl: 'Uitkering' }, kind: 'single', storage: 'number', measure: 'nominal', values: [], missing: [99] },
  ],
};
writeFileSync(join(dir, 'a.codebook.json'), JSON.stringify(codebook));
writeFileSync(join(dir, 'broken.codebook.json'), JSON.stringify({ format: 'something else' }));

async function freq(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['stats', 'freq', '--data', 'a.csv', ...args, '--json'], {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env: {},
    cwd: dir,
  });
  return { code, out: out.join(''), err: err.join('') };
}

const categories = (text: string) =>
  (JSON.parse(text) as { groups: { n: number; missing: number; categories: { value: number; count: number }[] }[] }).groups[0]!;

test('without missing codes, 99 is counted as a value', async () => {
  const r = await freq(['--var', 'benefit']);
  assert.equal(r.code, 0, r.err);
  const g = categories(r.out);
  assert.deepEqual([g.n, g.missing, g.categories.map((c) => c.value)], [5, 0, [1, 2, 99]]);
});

test('--missing 98,99 leaves both codes out of every column', async () => {
  const g = categories((await freq(['--var', 'benefit', '--missing', '98,99'])).out);
  assert.deepEqual(
    [g.n, g.missing, g.categories.map((c) => [c.value, c.count])],
    [
      3,
      2,
      [
        [1, 2],
        [2, 1],
      ],
    ],
  );
});

test("--codebook leaves out each variable's own missing codes", async () => {
  const benefit = categories((await freq(['--var', 'benefit', '--codebook', 'a.codebook.json'])).out);
  assert.deepEqual([benefit.n, benefit.missing], [3, 2]);
  const gender = categories((await freq(['--var', 'gender', '--codebook', 'a.codebook.json'])).out);
  assert.deepEqual([gender.n, gender.missing, gender.categories.map((c) => c.value)], [4, 1, [1, 2]]);
});

test('a file that is not a codebook, or a code that is not a number, is one clear error', async () => {
  const broken = await freq(['--var', 'gender', '--codebook', 'broken.codebook.json']);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /broken\.codebook\.json: not a Perspectief codebook: format/);
  const bad = await freq(['--var', 'gender', '--missing', '98,x']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--missing: "x" is not a number/);
});
