// One path from an answer to every number (issue 12, done-when 2): for each demo wave separately, ten items'
// tables agree wherever a researcher meets them: `report tables --json`, the researcher's frequency table on
// /onderzoek, and the CSV that `perspectief export` writes, counted by `perspectief stats freq` with the
// codebook written beside it (so its missing codes are left out as the specification says). The N of every
// column is the same number everywhere; the counts of the researcher's table are those of stats; every printed
// percentage lies within one point of the unrounded one of stats (the report rounds so that a column adds up to
// 100), and "<1" stands for a share between 0 and 1.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import type { Item } from '../../src/questionnaire/types.ts';
import type { PrintedFrequency, PrintedReport } from '../../src/report/tables-json.ts';
import { openDatabase, type Database } from '../../src/storage/db.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR, loadStudy, type StudyDefinition } from '../../src/study/load.ts';
import { tablesForWave } from '../../src/study/validate-report.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

interface StatsFreq {
  readonly groups: readonly { group: number; n: number; categories: { value: number; count: number; percent: number }[] }[];
}

const ITEMS_PER_WAVE = 10;

describe('the same N and percentages in report tables, the researcher table and stats on the exported CSV', { timeout: 900_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-agree-'));
  const env = { PERSPECTIEF_DATA_DIR: join(dir, 'data'), PERSPECTIEF_STUDY_DIR: DEFAULT_STUDY_DIR };
  const study: StudyDefinition = loadStudy(DEFAULT_STUDY_DIR);
  const run = async (...args: string[]): Promise<string> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, cwd: dir };
    const code = await main(args, io);
    assert.equal(code, 0, `perspectief ${args.join(' ')}: ${err.join('')}`);
    return out.join('');
  };

  before(async () => {
    await run('demo', 'generate');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const waveName of ['2023', '2024']) {
    it(`agrees on ten items of wave ${waveName}`, async () => {
      const wave = study.waves.find((w) => w.id.endsWith(`:${waveName}`))!;
      const report = JSON.parse(await run('report', 'tables', '--json', '--wave', waveName)) as PrintedReport;
      const csv = join(dir, `${waveName}.csv`);
      await run('export', '--format', 'csv', '--wave', waveName, '--out', csv);
      const codebook = csv.replace(/\.csv$/, '.codebook.json');
      assert.ok(JSON.parse(readFileSync(codebook, 'utf8')));

      // Ten frequency tables by type inburgeraar over every completed response, rows as the item lists them.
      const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
      const specs = tablesForWave(
        study.report!,
        { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
        wave.id,
      )
        .tables.filter(
          (t): t is Extract<typeof t, { kind: 'frequency' }> =>
            t.kind === 'frequency' &&
            t.breakdown.id === 'type' &&
            !t.where &&
            (t.rows ?? []).every((r) => validCodes(study, wave.id, t.item).includes(r.code)),
        )
        .slice(0, ITEMS_PER_WAVE);
      assert.equal(specs.length, ITEMS_PER_WAVE);

      const database: Database = await openDatabase({ dataDir: env.PERSPECTIEF_DATA_DIR });
      try {
        const app = testApp({ ...database, study });
        await createUser(database.db, {
          username: `agree-${waveName}`,
          passwordHash: await hashPassword('agreement test password'),
          role: 'researcher',
        });
        const browser = new Browser(app);
        const form = await (await browser.request('/onderzoek/login')).text();
        await browser.request('/onderzoek/login', {
          form: { _csrf: hiddenValue(form, '_csrf'), username: `agree-${waveName}`, password: 'agreement test password' },
        });
        let researcherColumns = 0;
        for (const spec of specs) {
          const item = spec.item;
          // The table's rows in its own order (as the report prints them); the researcher's in the question's.
          const rows = (spec.rows ?? []).map((r) => r.code);
          const table = report.tables[spec.id] as PrintedFrequency;
          const stats = JSON.parse(
            await run('stats', 'freq', '--data', csv, '--var', item, '--by', 'type_inburgeraar', '--codebook', codebook, '--json'),
          ) as StatsFreq;
          table.columns.forEach((column, c) => {
            const group = stats.groups.find((g) => g.group === c + 1);
            assert.equal(group?.n ?? 0, column.N, `${spec.id} ${item} ${column.label}: N`);
          });
          for (const [c, column] of table.columns.entries()) {
            const group = stats.groups.find((g) => g.group === c + 1);
            if (!group || column.N === 0) continue;
            rows.forEach((code, r) => {
              const raw = group.categories.find((k) => k.value === code)?.percent ?? 0;
              const printed = table.rows[r]?.values[c];
              const where = `${spec.id} ${item} ${column.label} code ${code}`;
              if (printed === '<1') assert.ok(raw > 0 && raw < 1, `${where}: "<1" printed, ${raw} counted`);
              else assert.ok(typeof printed === 'number' && Math.abs(printed - raw) < 1, `${where}: ${printed} printed, ${raw} counted`);
            });
          }
          // The researcher's table of each questionnaire that asks the item, against stats by questionnaire.
          const byQuestionnaire = JSON.parse(
            await run('stats', 'freq', '--data', csv, '--var', item, '--by', 'questionnaire', '--codebook', codebook, '--json'),
          ) as { groups: { group: string; n: number; categories: { value: number; count: number }[] }[] };
          const codes = validCodes(study, wave.id, item);
          for (const questionnaire of wave.questionnaires) {
            if (!questionnaire.pages.some((p) => p.items.some((i) => i.id === item))) continue;
            const group = byQuestionnaire.groups.find((g) => g.group === questionnaire.id);
            const path = `/onderzoek?vraag=${encodeURIComponent(`${questionnaire.id}@${questionnaire.version}:${item}`)}`;
            const shown = researcherTable(await (await browser.request(path)).text());
            assert.equal(shown.n, group?.n ?? 0, `${where(spec.id, item, questionnaire.id)}: N on /onderzoek`);
            assert.deepEqual(
              shown.counts,
              codes.map((code) => group?.categories.find((k) => k.value === code)?.count ?? 0),
              `${where(spec.id, item, questionnaire.id)}: counts on /onderzoek`,
            );
            researcherColumns++;
          }
        }
        assert.ok(researcherColumns >= ITEMS_PER_WAVE, `only ${researcherColumns} researcher tables compared`);
      } finally {
        await database.close();
      }
    });
  }
});

const where = (id: string, item: string, label: string): string => `${id} ${item} ${label}`;

/** The item's answer codes that are not missing codes, in the order the questionnaire lists them. */
function validCodes(study: StudyDefinition, waveId: string, itemId: string): number[] {
  const item = study.waves
    .find((w) => w.id === waveId)!
    .questionnaires.flatMap((q) => q.pages.flatMap((p) => p.items))
    .find((i): i is Extract<Item, { kind: 'single' | 'scale' }> => i.id === itemId && (i.kind === 'single' || i.kind === 'scale'));
  assert.ok(item, `${itemId} is a single-choice or scale item of ${waveId}`);
  return item.options.filter((o) => o.missing !== true).map((o) => o.code);
}

/** The N and per-row counts of the frequency table on /onderzoek (Dutch number format). */
function researcherTable(html: string): { n: number; counts: number[] } {
  const section = /<section aria-labelledby="freq-title">([\s\S]*?)<\/section>/.exec(html)?.[1];
  assert.ok(section, 'the page shows a frequency table');
  const number = (text: string) => Number(text.replace(/\./g, ''));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  const counts = [...body.matchAll(/<tr>\s*<td>[\s\S]*?<\/td>\s*<td class="num">([\d.]+)<\/td>/g)].map((m) => number(m[1]!));
  const n = number(/\(N = ([\d.]+)\)/.exec(section)?.[1] ?? 'NaN');
  return { n, counts };
}
