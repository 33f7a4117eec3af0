// One fresh process for report-million.ts's monitor figures: the monitor as `perspectief monitor` computes it
// (the wave's dataset of only the monitor's variables, analysis/selection.ts, then fieldwork/monitor.ts), timed
// apart, with peak memory; then the whole dataset's load for comparison is left to report-million-probe.ts.
// Run: DATABASE_URL=... node --import tsx bench/monitor-million-probe.ts WAVE
import { loadWaveDataset } from '../src/analysis/load.ts';
import { findWave } from '../src/analysis/waves.ts';
import { computeMonitor, monitorFromStore, monitorVariables } from '../src/fieldwork/monitor.ts';
import { openDatabase } from '../src/storage/db.ts';
import { loadStudy } from '../src/study/load.ts';
import { since } from './report-common.ts';

const [waveName] = process.argv.slice(2);
const url = process.env['DATABASE_URL'];
if (!url || !waveName) throw new Error('usage: DATABASE_URL=... monitor-million-probe.ts WAVE');

const study = loadStudy();
const wave = findWave(study, waveName);
const database = await openDatabase({ url });
try {
  let start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const { data } = await loadWaveDataset(database.db, study, wave, 'all', monitorVariables(study, wave));
  const loadSeconds = since(start);
  start = process.hrtime.bigint();
  const result = await monitorFromStore(database.db, study, wave, data);
  const computeSeconds = since(start);
  start = process.hrtime.bigint();
  computeMonitor({ study, wave, data, channels: [], letters: [] });
  const computeAgainSeconds = since(start);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      rows: data.rows,
      variables: data.variables.length,
      started: result.started,
      alerts: result.alerts.length,
      loadSeconds,
      computeSeconds,
      computeAgainSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await database.close();
}
