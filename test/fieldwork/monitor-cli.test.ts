// `perspectief monitor --json` and `perspectief checks --json` on the demo wave, as a user runs them on an empty
// embedded database (the demo is loaded first). The monitor's sample and population numbers are those the
// published report prints in Tables 2.9-2.12 (src/demo/published-tables.json, extracted from the report's text),
// the Z-route alert fires for Wi2021-asiel; the control check finds the report's own 229 and 13 permit-type
// mismatches (appendix B.1); an exclusion takes a response out of the monitor and taking it back restores it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import type { ChecksResult } from '../../src/fieldwork/checks.ts';
import type { MonitorResult } from '../../src/fieldwork/monitor.ts';

interface PublishedRow {
  readonly label: string;
  readonly group?: string;
  readonly values: readonly (number | string)[];
}
const published = JSON.parse(readFileSync(new URL('../../src/demo/published-tables.json', import.meta.url), 'utf8')) as {
  tables: { id: string; rows: PublishedRow[] }[];
};
const table = (id: string) => published.tables.find((t) => t.id === id)!.rows;

describe('monitor and checks on the demo wave', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-monitor-'));
  const env = { PERSPECTIEF_DATA_DIR: dir };
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd: process.cwd() };
    const code = await main(argv, io);
    return { code, stdout, stderr };
  };
  let monitor: MonitorResult;
  before(async () => {
    const result = await run('monitor', '--json', '--wave', '2024');
    assert.equal(result.code, 0, result.stderr);
    monitor = JSON.parse(result.stdout) as MonitorResult;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const group = (label: string) => {
    // Table 2.10-2.12 print "Wi2021-gezin/overig" where 2.9 prints "Wi2021-gezin".
    const found = monitor.groups.find((g) => g.group === label || g.group === label.replace('Wi2021-gezin/overig', 'Wi2021-gezin'));
    assert.ok(found, `group ${label} in ${monitor.groups.map((g) => g.group).join(', ')}`);
    return found;
  };

  it('reproduces the group sizes of Table 2.9: population and sample counts, shares within a point', () => {
    assert.equal(monitor.wave, '2024');
    assert.equal(monitor.synthetic, true);
    for (const row of table('2.9').filter((r) => r.label !== 'Totaal')) {
      const g = group(row.label);
      assert.equal(g.population, row.values[0], `${row.label} population`);
      if (typeof row.values[2] === 'number') {
        assert.equal(g.sample, row.values[2], `${row.label} sample`);
        assert.ok(Math.abs((g.samplePct ?? NaN) - (row.values[3] as number)) <= 0.5, `${row.label} sample % ${g.samplePct}`);
      } else assert.equal(g.sample, null, `${row.label} has no sample`);
    }
  });

  for (const [id, dimension] of [
    ['2.10', 'gender'],
    ['2.11', 'route'],
    ['2.12', 'ageBand'],
  ] as const) {
    it(`reproduces Table ${id} (${dimension}): every group's population and sample counts per level, shares within a point`, () => {
      for (const row of table(id)) {
        const cell = group(row.group!).by[dimension]?.find((c) => c.level === row.label);
        assert.ok(cell, `${row.group} ${row.label}`);
        assert.equal(cell.population, row.values[0], `${row.group} ${row.label} population`);
        assert.equal(cell.sample, row.values[2], `${row.group} ${row.label} sample`);
        if (typeof row.values[3] === 'number')
          assert.ok(Math.abs((cell.samplePct ?? NaN) - row.values[3]) <= 0.5, `${row.group} ${row.label} sample %`);
        if (typeof row.values[1] === 'number')
          assert.ok(Math.abs((cell.populationPct ?? NaN) - row.values[1]) <= 0.5, `${row.group} ${row.label} population %`);
      }
    });
  }

  it('fires the Z-route alert for Wi2021-asiel (9% of the sample against 30% of the population), with channels', () => {
    const alert = monitor.alerts.find((a) => a.group === 'Wi2021-asiel' && a.variable === 'route' && a.level === 'Z-route');
    assert.ok(alert, JSON.stringify(monitor.alerts.map((a) => [a.group, a.level, a.gap])));
    assert.ok(
      Math.abs(alert.samplePct - 9) <= 0.5 && Math.abs(alert.populationPct - 30) <= 0.5,
      `${alert.samplePct} vs ${alert.populationPct}`,
    );
    assert.ok(alert.gap <= -5);
    assert.ok(alert.bestChannels.length > 0);
    for (const c of alert.bestChannels) assert.ok(c.count >= 3 && c.share > 0 && c.share <= 100, JSON.stringify(c));
    // Every alert is 5 or more points under; none is raised for a cell above its population share.
    for (const a of monitor.alerts) assert.ok(a.gap <= -4.95, JSON.stringify(a));
  });

  it('counts responses per day that add up to the wave, per channel and language alike', () => {
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    assert.equal(sum(monitor.daily.map((d) => d.started)), monitor.started);
    assert.equal(sum(monitor.daily.map((d) => d.completed)), monitor.completed);
    assert.equal(monitor.started, 5173);
    assert.equal(sum(monitor.channels.map((c) => c.completed)), monitor.completed);
    assert.equal(sum(monitor.languages.map((l) => l.started)), monitor.started);
    for (const c of monitor.channels) assert.equal(sum(c.completedPerDay), c.completed, c.channel);
    assert.deepEqual(monitor.languages.map((l) => l.language).sort(), ['ar', 'en', 'nl', 'ti', 'tr']);
  });

  it("finds the report's permit-type mismatches (B.1: 229 of Wi2021-asiel, 13 of Wi2021-gezin), and every check with its findings", async () => {
    const result = await run('checks', '--json', '--wave', '2024');
    assert.equal(result.code, 0, result.stderr);
    const checks = JSON.parse(result.stdout) as ChecksResult;
    const control = checks.checks.find((c) => c.kind === 'control');
    assert.ok(control?.kind === 'control');
    assert.equal(control.groups.find((g) => g.group === 'Wi2021-asiel')?.flagged, 229);
    assert.equal(control.groups.find((g) => g.group === 'Wi2021-gezin')?.flagged, 13);
    assert.equal(control.findings.length, 242);
    assert.deepEqual(
      checks.checks.map((c) => c.kind),
      ['missing', 'routing', 'control', 'duplicates', 'speeders', 'straightlining'],
    );
    const missing = checks.checks.find((c) => c.kind === 'missing');
    assert.ok(missing?.kind === 'missing' && missing.items.some((i) => i.item === 'Q2.12' && i.shown === 5173));
  });

  it('takes an excluded response out of the monitor and puts it back when the exclusion is revoked, logging both', async () => {
    const checks = JSON.parse((await run('checks', '--json')).stdout) as ChecksResult;
    const speeder = checks.checks.find((c) => c.kind === 'speeders')?.findings[0];
    assert.ok(speeder, 'the demo wave has speeders for the check to find');
    const total = (m: MonitorResult) => m.groups.reduce((n, g) => n + (g.sample ?? 0), 0);
    const before = total(monitor);
    const excluded = await run('checks', 'exclude', speeder.responseId, '--check', 'speeders', '--reason', 'finished far too fast');
    assert.equal(excluded.code, 0, excluded.stderr);
    const after = JSON.parse((await run('monitor', '--json')).stdout) as MonitorResult;
    assert.equal(after.completed, monitor.completed - 1);
    assert.ok(total(after) === before - 1 || total(after) === before, 'the response leaves its group (or had none)');
    const withExclusion = JSON.parse((await run('checks', '--json')).stdout) as ChecksResult;
    const exclusion = withExclusion.exclusions.find((e) => e.responseId === speeder.responseId);
    assert.equal(exclusion?.reason, 'finished far too fast');
    const revoked = await run('checks', 'revoke', String(exclusion.id), '--reason', 'checked the timestamps: fine');
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((JSON.parse((await run('monitor', '--json')).stdout) as MonitorResult).completed, monitor.completed);
    const log = JSON.parse((await run('checks', 'log')).stdout) as { revokeReason: string | null }[];
    assert.equal(log[0]?.revokeReason, 'checked the timestamps: fine');
  });

  it('refuses a decision without a reason, for a response of no wave, or on an unknown check, storing nothing', async () => {
    const logged = (JSON.parse((await run('checks', 'log')).stdout) as unknown[]).length;
    const noReason = await run('checks', 'exclude', '00000000-0000-4000-8000-000000000000', '--check', 'speeders');
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /--reason TEXT is required/);
    const unknown = await run('checks', 'exclude', '00000000-0000-4000-8000-000000000000', '--check', 'speeders', '--reason', 'x');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /not responses of wave 2024: 00000000-0000-4000-8000-000000000000; nothing recorded/);
    const badCheck = await run('checks', 'keep', '00000000-0000-4000-8000-000000000000', '--check', 'nonsense', '--reason', 'x');
    assert.equal(badCheck.code, 2);
    assert.match(badCheck.stderr, /--check must be one of missing, routing, control-vergunning/);
    const log = JSON.parse((await run('checks', 'log')).stdout) as unknown[];
    assert.equal(log.length, logged);
  });
});
