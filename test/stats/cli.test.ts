// `perspectief stats` as a user meets it: every call goes through the program's entry point
// (src/cli/main.ts `main(argv, io)`), so the command's registration, exit codes and the one-line error
// messages on stderr are what is checked; one call runs bin/perspectief.js as a real process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { COMMANDS, main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/command.ts';
import { fixtureJson, assertClose } from './helpers.ts';

const FIXTURES = new URL('../fixtures/stats/', import.meta.url).pathname;

function capture(cwd = FIXTURES): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {}, cwd };
}

/** Runs `perspectief stats ...args` in-process; its exit code, stdout and stderr. */
async function stats(args: readonly string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
  const io = capture(cwd);
  const code = await main(['stats', ...args], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

async function runJson(args: string[], cwd?: string): Promise<Record<string, unknown>> {
  const { code, out, err } = await stats([...args, '--json'], cwd);
  assert.equal(code, 0, err);
  assert.equal(err, '');
  return JSON.parse(out) as Record<string, unknown>;
}

test('perspectief lists stats among its commands', () => {
  assert.ok(
    COMMANDS.some((c) => c.name === 'stats'),
    'src/cli/main.ts does not register the stats command (statsCommand from src/cli/stats.ts)',
  );
});

test('stats freq --json has groups with n, missing and categories (value, count, percent); weighted by group it matches R', async () => {
  const plain = await runJson(['freq', '--data', 'survey.csv', '--var', 'm1']);
  const groups = plain.groups as {
    group: unknown;
    n: number;
    missing: number;
    categories: { value: unknown; count: number; percent: number }[];
  }[];
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.group, null);
  assert.deepEqual(Object.keys(groups[0]!), ['group', 'n', 'missing', 'categories']);
  assert.deepEqual(
    groups[0]!.categories.map((c) => c.value),
    [1, 2, 3, 4, 5],
  );
  assert.equal(groups[0]!.n + groups[0]!.missing, 600);
  const ref = fixtureJson<{ frequencies: { m1: { groups: string[]; percent: number[][] } } }>('reference.json').frequencies.m1;
  const by = (await runJson(['freq', '--data', 'survey.csv', '--var', 'm1', '--by', 'group', '--weight', 'w'])).groups as typeof groups;
  assert.deepEqual(
    by.map((g) => g.group),
    ref.groups,
  );
  by.forEach((g, i) =>
    assertClose(
      g.categories.map((c) => c.percent),
      ref.percent[i]!,
      1e-12,
      `m1 ${String(g.group)}`,
    ),
  );
});

test('stats alpha --json matches R (alpha, alpha if item deleted) and keys items by name', async () => {
  const r = await runJson(['alpha', '--data', 'survey.csv', '--items', 'b1,b2,b3']);
  assert.deepEqual(Object.keys(r), ['n', 'k', 'alpha', 'alphaIfDeleted', 'itemRestCorrelation']);
  const ref = fixtureJson<{ alpha: { beleid: { alpha: number; alphaIfDeleted: number[] } } }>('reference.json').alpha.beleid;
  assertClose(r.alpha as number, ref.alpha, 1e-12, 'alpha');
  assertClose(Object.values(r.alphaIfDeleted as Record<string, number>), ref.alphaIfDeleted, 1e-12, 'alpha if deleted');
  assert.deepEqual(Object.keys(r.alphaIfDeleted as object), ['b1', 'b2', 'b3']);
});

test("stats ols --json gives R lm's B, SE, t, p, R², adjusted R² and F, and names dummies name=level beside (Constant)", async () => {
  const r = await runJson(['ols', '--data', 'survey.csv', '--y', 'k1', '--x', 'age,education,language']);
  assert.deepEqual(Object.keys(r), ['n', 'coefficients', 'r2', 'adjR2', 'F']);
  const ref = fixtureJson<{
    ols: { k1: { n: number; B: number[]; SE: number[]; t: number[]; p: number[]; r2: number; adjR2: number; F: number } };
  }>('reference.json').ols.k1;
  const coefficients = r.coefficients as { term: string; B: number; SE: number; t: number; p: number }[];
  assert.equal(r.n, ref.n);
  assert.deepEqual(
    coefficients.map((c) => c.term),
    ['(Constant)', 'age', 'education', 'language'],
  );
  for (const key of ['B', 'SE', 't', 'p'] as const)
    assertClose(
      coefficients.map((c) => c[key]),
      ref[key],
      1e-9,
      key,
    );
  assertClose([r.r2 as number, r.adjR2 as number, r.F as number], [ref.r2, ref.adjR2, ref.F], 1e-9, 'fit');
  const dummies = await runJson(['ols', '--data', 'survey.csv', '--y', 'k1', '--x', 'age,route:Z']);
  assert.deepEqual(
    (dummies.coefficients as { term: string }[]).map((c) => c.term),
    ['(Constant)', 'age', 'route=B1', 'route=O'],
  );
  assert.deepEqual(Object.keys((dummies.coefficients as object[])[0]!), ['term', 'B', 'SE', 't', 'p']);
});

test("stats chisq --json gives R's Pearson test without weights and the Rao-Scott F with --weight", async () => {
  const ref = fixtureJson<{
    chisq: { pearson: { statistic: number; df: number; p: number }; raoScott: { statistic: number; df: number; p: number } }[];
  }>('reference.json').chisq[0]!;
  const plain = await runJson(['chisq', '--data', 'survey.csv', '--row', 'm1', '--col', 'group']);
  assert.deepEqual(Object.keys(plain), ['statistic', 'df', 'p']);
  assertClose(
    [plain.statistic as number, plain.df as number, plain.p as number],
    [ref.pearson.statistic, ref.pearson.df, ref.pearson.p],
    1e-12,
    'pearson',
  );
  const weighted = await runJson(['chisq', '--data', 'survey.csv', '--row', 'm1', '--col', 'group', '--weight', 'w']);
  assertClose(
    [weighted.statistic as number, weighted.df as number, weighted.p as number],
    [ref.raoScott.statistic, ref.raoScott.df, ref.raoScott.p],
    1e-9,
    'rao-scott',
  );
});

test('stats rake writes the first column and weight in input order, scaled to the population and matching R', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stats-rake-'));
  const r = await runJson(
    ['rake', '--data', join(FIXTURES, 'survey.csv'), '--margins', join(FIXTURES, 'margins.json'), '--out', 'w.csv'],
    dir,
  );
  assert.deepEqual(Object.keys(r), ['converged', 'iterations', 'designEffect', 'effectiveN']);
  assert.equal(r.converged, true);
  const lines = readFileSync(join(dir, 'w.csv'), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'id,weight');
  assert.equal(lines.length, 601);
  assert.equal(lines[1]!.split(',')[0], '1');
  const weights = lines.slice(1).map((l) => Number(l.split(',')[1]));
  assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 64560) < 1e-6);
  const ref = fixtureJson<{ rake: { weights: number[]; designEffect: number } }>('reference.json').rake;
  assertClose(weights, ref.weights, 1e-9, 'weights');
  assertClose(r.designEffect as number, ref.designEffect, 1e-9, 'deff');
});

test('stats power --json prints the total N that R (pwr) gives for each test (f-r2, t2, chisq)', async () => {
  const ref = fixtureJson<{
    power: {
      f: { u: number; f2: number; alpha: number; power: number; n: number }[];
      t: { d: number; alpha: number; power: number; n: number }[];
      chisq: { w: number; df: number; alpha: number; power: number; n: number }[];
    };
  }>('reference.json').power;
  for (const f of ref.f) {
    const args = ['--f2', String(f.f2), '--alpha', String(f.alpha), '--power', String(f.power), '--predictors', String(f.u)];
    assert.deepEqual(await runJson(['power', '--test', 'f-r2', ...args]), { n: f.n }, args.join(' '));
  }
  for (const t of ref.t) {
    const args = ['--d', String(t.d), '--alpha', String(t.alpha), '--power', String(t.power)];
    assert.deepEqual(await runJson(['power', '--test', 't2', ...args]), { n: t.n }, args.join(' '));
  }
  for (const c of ref.chisq) {
    const args = ['--w', String(c.w), '--df', String(c.df), '--alpha', String(c.alpha), '--power', String(c.power)];
    assert.deepEqual(await runJson(['power', '--test', 'chisq', ...args]), { n: c.n }, args.join(' '));
  }
  assert.deepEqual(await runJson(['power', '--test', 't2', '--d', '0.5']), { n: 128 }, 'alpha 0.05 and power 0.8 by default');
});

test('bad input exits 1 with one stderr line naming file, line and column; bad options exit 2 pointing to --help', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stats-bad-'));
  const lines = ['id,age,y', ...Array.from({ length: 12 }, (_, i) => `${i + 1},${20 + i},${i % 3}`), '13,abc,1'];
  writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'w.csv'), 'id,g,w\n1,a,1\n2,b,-2\n');
  const failures: [args: string[], code: number, stderr: RegExp][] = [
    [
      ['ols', '--data', 'data.csv', '--y', 'y', '--x', 'age'],
      1,
      /^perspectief stats: data\.csv line 14, column "age": "abc" is not a number\n$/,
    ],
    [['freq', '--data', 'data.csv', '--var', 'nope'], 1, /^perspectief stats: data\.csv: no column "nope"/],
    [['freq', '--data', 'missing.csv', '--var', 'x'], 1, /^perspectief stats: cannot read missing\.csv: ENOENT\n$/],
    [
      ['freq', '--data', 'w.csv', '--var', 'g', '--weight', 'w'],
      1,
      /^perspectief stats: w\.csv line 3, column "w": weight "-2" must be a number ≥ 0/,
    ],
    [['freq', '--var', 'x'], 2, /^perspectief stats: --data is required\nRun "perspectief stats --help" for the options\.\n$/],
    [['freq', '--data', 'data.csv', '--var', 'y', '--bogus'], 2, /--bogus[^]*Run "perspectief stats --help"/],
    [['nope'], 2, /^perspectief stats: unknown subcommand "nope" \(one of: freq, alpha, ols, chisq, rake, power\)/],
    [['power', '--test', 'z'], 2, /^perspectief stats: --test must be f-r2, t2 or chisq, got "z"/],
  ];
  for (const [args, code, stderr] of failures) {
    const result = await stats(args, dir);
    assert.equal(result.code, code, `stats ${args.join(' ')}: exit code`);
    assert.match(result.err, stderr, `stats ${args.join(' ')}`);
    assert.doesNotMatch(result.err, /\n\s+at /, `stats ${args.join(' ')}: no stack trace`);
    assert.equal(result.out, '', `stats ${args.join(' ')}: nothing on stdout`);
  }
});

test('perspectief stats and each of its subcommands print their usage for --help', async () => {
  for (const sub of ['freq', 'alpha', 'ols', 'chisq', 'rake', 'power']) {
    const { code, out } = await stats([sub, '--help']);
    assert.equal(code, 0);
    assert.match(out, new RegExp(`perspectief stats ${sub}`));
  }
  const { code, out } = await stats(['--help']);
  assert.equal(code, 0);
  assert.match(out, /Subcommands:/);
});

test('bin/perspectief.js stats power --json prints the total N as a process (exit 0, JSON on stdout)', () => {
  const bin = new URL('../../bin/perspectief.js', import.meta.url).pathname;
  const result = spawnSync(process.execPath, [bin, 'stats', 'power', '--test', 't2', '--d', '0.5', '--json'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { n: 128 });
});
