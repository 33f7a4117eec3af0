// The demo waves reproduce the published report: generated into a fresh database through the bulk path,
// read back through loadDataset and `report tables`, and compared with the report's printed tables and its
// figures' Ns and quoted percentages (wave 2, 2024) and with the earlier figures it quotes (wave 1, 2023).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnalysisDataset } from '../../src/analysis/dataset.ts';
import { loadWaveDataset } from '../../src/analysis/load.ts';
import { findWave } from '../../src/analysis/waves.ts';
import { reportTables } from '../../src/analysis/report.ts';
import { computeFigures } from '../../src/analysis/figures.ts';
import { engineDataset, numericView } from '../../src/analysis/views.ts';
import { describe as describe_ } from '../../src/stats/index.ts';
import {
  printFigure,
  printReport,
  type PrintedFrequency,
  type PrintedPopulation,
  type PrintedReport,
} from '../../src/report/tables-json.ts';
import { compareWithReport, percent, summarize, type MatchReport } from '../../src/demo/compare.ts';
import { EARLIER_FIGURES, earlierFigureValue } from '../../src/demo/earlier.ts';
import { DEFAULT_SEED, demoWaves, loadDemo, WAVE_2023 } from '../../src/demo/index.ts';
import { resolveRoute } from '../../src/questionnaire/routing.ts';
import { listResponsesWithAnswers } from '../../src/storage/responses.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { CONTRADICTED_N, figureNMisses, PUBLISHED_FIGURE_COUNT, quoteAgreement } from '../support/figure-quotes.ts';

describe('demo waves', { timeout: 300_000 }, () => {
  let t: TestDatabase;
  let loadSeconds = 0;
  let stderr = '';
  let report: PrintedReport;
  let tables: PrintedReport['tables'];
  let match: MatchReport;

  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    const started = Date.now();
    await loadDemo(t.db, t.study, { stderr: (s) => (stderr += s) }, DEFAULT_SEED);
    loadSeconds = (Date.now() - started) / 1000;
    report = await printed();
    tables = report.tables;
    match = compareWithReport(tables);
    console.log(`demo waves 2023 and 2024 generated and stored in ${loadSeconds.toFixed(1)} s\n${summarize(match)}`);
  });
  after(async () => {
    await t.close();
  });
  const printed = async (wave?: string): Promise<PrintedReport> => {
    const result = await reportTables(t.db, t.study, { wave });
    return printReport(result.report, { synthetic: result.synthetic });
  };

  it('stores 4,060 + 5,173 synthetic respondents, every answer one that routing shows, and says they are synthetic', async () => {
    assert.match(stderr, /SYNTHETIC/);
    const totals: number[] = [];
    for (const { wave } of demoWaves(t.study)) {
      let total = 0;
      for (const q of wave.questionnaires) {
        const responses = await listResponsesWithAnswers(t.db, q.id, q.version);
        total += responses.length;
        for (const r of responses) {
          assert.equal(r.waveId, wave.id);
          assert.ok(r.channel.startsWith('demo-'), r.channel);
          // Every stored answer is one routing shows, given the other answers.
          assert.equal(resolveRoute(q, r.answers).answers.size, r.answers.size, `${q.id} ${r.id}`);
        }
      }
      totals.push(total);
    }
    assert.deepEqual(totals, [4060, 5173]);
  });

  it('labels the tables as synthetic', () => {
    assert.equal(report.synthetic, true);
    assert.match(report.note ?? '', /^SYNTHETIC DATA: 5173 of the 5173 responses in wave inburgeraars:2024/);
  });

  it('has the group sizes of Tabel 2.9', () => {
    const sizes = (tables['2.9'] as PrintedPopulation).rows.map((row) => [row.label, row.values[2]]);
    assert.deepEqual(sizes.slice(0, 4), [
      ['Wi2021-asiel', 2651],
      ['Wi2021-gezin', 1768],
      ['Wi2013-asiel', 416],
      ['Wi2013-gezin/overig', 271],
    ]);
  });

  it('prints at least 98% of the frequency-table cells within 1 point of the report', () => {
    assert.ok(percent(match.cellsWithin1, match.cells) >= 98, summarize(match));
  });

  it('has every column N equal to the report', () => {
    assert.deepEqual(
      match.misses.filter((m) => / N \d+ \(report \d+\)$/.test(m)),
      [],
    );
    assert.equal(match.columnsNEqual, match.columns);
  });

  it('counts 1.521 Wi2021-asiel answers in Tabel 4.3: the statement is shown to every Wi2021-asiel respondent', () => {
    assert.deepEqual(
      (tables['4.3'] as PrintedFrequency).columns.map((c) => c.N),
      [1521, 592, 156, 56],
    );
  });

  it('recovers at least 90% of the regression coefficients within 2 published SE', () => {
    assert.ok(percent(match.coefficientsWithin2SE, match.coefficients) >= 90, summarize(match));
  });

  it('recovers every adjusted R² within .03', () => {
    assert.equal(match.modelsR2Within, match.models, match.misses.filter((m) => m.includes('adjusted R²')).join('\n'));
  });

  const datasets = new Map<string, Promise<AnalysisDataset>>();
  const dataset = (wave: string): Promise<AnalysisDataset> => {
    const known = datasets.get(wave) ?? loadWaveDataset(t.db, t.study, findWave(t.study, wave)).then((l) => l.data);
    datasets.set(wave, known);
    return known;
  };

  it("gives the figures the published report's N (all but the 9 that contradict the tables or the routing) and 95% of the percentages its text quotes within 1 point", async () => {
    const wave = findWave(t.study, 'inburgeraars:2024');
    const computed = computeFigures(t.study, wave, await dataset(wave.id));
    const figures = Object.fromEntries([...computed.figures].map(([id, f]) => [id, printFigure(f)]));
    const wrong = figureNMisses(figures);
    const quotes = quoteAgreement(figures);
    console.log(
      `figures with the published N: ${PUBLISHED_FIGURE_COUNT - wrong.length}/${PUBLISHED_FIGURE_COUNT}; ` +
        `quoted percentages within 1 point: ${quotes.within}/${quotes.total}`,
    );
    assert.deepEqual(
      wrong.map((m) => m.slice(0, m.indexOf(':'))),
      Object.keys(CONTRADICTED_N),
      wrong.join('\n'),
    );
    assert.ok(quotes.within >= 0.95 * quotes.total, quotes.misses.join('\n'));
  });

  it('has ages from 18 to 76 with a mean of 36 (L417)', async () => {
    const age = describe_(engineDataset([numericView(await dataset('inburgeraars:2024'), 'Q2.02')]), 'Q2.02');
    assert.deepEqual([age.min, age.max, Math.round(age.mean)], [18, 76, 36]);
  });

  describe('wave 1 (2023)', () => {
    it('reproduces every earlier figure the report quotes: percentages within 1 point, the mean age in whole years', async () => {
      const data = await dataset('inburgeraars:2023');
      const lines: string[] = [];
      let within = 0;
      for (const figure of EARLIER_FIGURES) {
        const value = earlierFigureValue(data, figure);
        const ok = value !== null && Math.abs(value - figure.value) <= (figure.kind === 'mean' ? 0.5 : 1);
        if (ok) within++;
        lines.push(
          `${ok ? 'ok  ' : 'MISS'} ${figure.source} ${figure.label}: ${value === null ? '-' : value.toFixed(1)} (report ${figure.value})`,
        );
      }
      console.log(`wave 1 figures reproduced: ${within}/${EARLIER_FIGURES.length}`);
      assert.equal(within, EARLIER_FIGURES.length, lines.filter((l) => l.startsWith('MISS')).join('\n'));
    });

    it('has relatively more Wi2013 respondents than 2024 (L3343), and a smaller Z-route share among Wi2021-asiel and Wi2021-gezin (L800)', async () => {
      const older = (await printed('2023')).tables['2.9'] as PrintedPopulation;
      const share = (table: PrintedPopulation) => {
        const n = table.rows.slice(0, 4).map((r) => r.values[2] as number);
        return (n[2]! + n[3]!) / n.reduce((a, b) => a + b, 0);
      };
      assert.ok(share(older) > share(tables['2.9'] as PrintedPopulation) + 0.05);
      assert.deepEqual(
        older.rows.slice(0, 4).map((r) => r.values[2]),
        [WAVE_2023.sizes[1], WAVE_2023.sizes[2], WAVE_2023.sizes[3], WAVE_2023.sizes[4]],
      );
      // "in deze meting wel meer mensen in de Z-route weten te bereiken dan in de vorige meting, zowel onder asiel- als gezinsmigranten"
      const zShare = (table: PrintedPopulation, group: string): number => {
        const row = table.rows.find((r) => r.group === group && r.label === 'Z-route');
        assert.ok(row, `${group} has a Z-route row`);
        return row.values[3] as number;
      };
      const routes2023 = (await printed('2023')).tables['2.11'] as PrintedPopulation;
      const routes2024 = tables['2.11'] as PrintedPopulation;
      for (const group of ['Wi2021-asiel', 'Wi2021-gezin/overig']) {
        assert.ok(
          zShare(routes2023, group) < zShare(routes2024, group),
          `${group}: Z-route ${zShare(routes2023, group)}% in 2023, ${zShare(routes2024, group)}% in 2024`,
        );
      }
    });

    it('relates to 2024 as the report says where it gives no number (L1246, L1268)', async () => {
      const figure = async (wave: string, item: string, code: number) =>
        earlierFigureValue(await dataset(wave), { source: '', label: '', item, type: 1, kind: 'option', codes: [code], value: 0 });
      // Paid work in the azc "bijna verdubbeld ten opzichte van de eerste meting".
      const paid = [await figure('inburgeraars:2023', 'Q4.01', 6), await figure('inburgeraars:2024', 'Q4.01', 6)] as [number, number];
      assert.ok(paid[1] / paid[0] > 1.5 && paid[1] / paid[0] < 2, `paid work in the azc ${paid.join(' → ')}`);
      // The first measurement named no offer from the municipality most, then the wait for a course place.
      assert.ok((await figure('inburgeraars:2023', 'Q4.07', 2))! > (await figure('inburgeraars:2023', 'Q4.07', 1))!);
      assert.ok((await figure('inburgeraars:2024', 'Q4.07', 1))! > (await figure('inburgeraars:2024', 'Q4.07', 2))!);
    });

    it('computes the report for wave 2023, leaving out what 2023 did not ask', async () => {
      const older = await printed('2023');
      assert.equal(older.wave, 'inburgeraars:2023');
      assert.equal(older.synthetic, true);
      assert.match(older.note ?? '', /4060 of the 4060 responses in wave inburgeraars:2023/);
      // New in 2024: the work question in its 2024 form, municipal guidance to work, the MAP, the exams.
      for (const id of ['4.1', '4.4', '4.5', 'B.3.1', '8.1', '8.6']) assert.ok(older.omitted?.[id], id);
      assert.equal(older.tables['8.1'], undefined);
      // Tabel 4.3 in 2023: (zeer) eens 63 / 59 / 66 / 61 % (L1585).
      const combined = (older.tables['4.3'] as PrintedFrequency).rows
        .slice(0, 2)
        .reduce((sum, row) => sum.map((s, c) => s + (row.values[c] as number)), [0, 0, 0, 0]);
      combined.forEach((value, c) => assert.ok(Math.abs(value - [63, 59, 66, 61][c]!) <= 1, `4.3 column ${c}: ${value}`));
    });
  });
});
