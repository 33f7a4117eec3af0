// One fresh process for report-million.ts, so its memory figures are the analysis's own: loads the wave from
// PostgreSQL (DATABASE_URL) into its dataset (timed), computes every table of the report twice (timed), writes
// every number to a file for the comparison with R, and prints one JSON line of figures.
// Run: DATABASE_URL=... node --import tsx bench/report-million-probe.ts WAVE CELLS.json
import { writeFileSync } from 'node:fs';
import { computeReport } from '../src/analysis/compute.ts';
import { loadWaveDataset } from '../src/analysis/load.ts';
import { findWave } from '../src/analysis/waves.ts';
import { openDatabase } from '../src/storage/db.ts';
import { loadStudy } from '../src/study/load.ts';
import { reportCells } from './report-cells.ts';
import { since } from './report-common.ts';

const [waveName, cellsFile] = process.argv.slice(2);
const url = process.env['DATABASE_URL'];
if (!url || !waveName || !cellsFile) throw new Error('usage: DATABASE_URL=... report-million-probe.ts WAVE CELLS.json');
const MB = 2 ** 20;

const study = loadStudy();
const wave = findWave(study, waveName);
const database = await openDatabase({ url });
try {
  let start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const { data } = await loadWaveDataset(database.db, study, wave, study.report?.counts ?? 'completed');
  const loadSeconds = since(start);
  const cpu1 = process.cpuUsage(cpu0);
  const afterLoad = process.memoryUsage();
  const rssAfterLoadMB = process.resourceUsage().maxRSS / 1024;
  start = process.hrtime.bigint();
  const cpu2 = process.cpuUsage();
  const report = computeReport(study, wave, data);
  const computeSeconds = since(start);
  const cpu3 = process.cpuUsage(cpu2);
  start = process.hrtime.bigint();
  computeReport(study, wave, data);
  const computeAgainSeconds = since(start);
  const memory = process.memoryUsage();
  writeFileSync(cellsFile, JSON.stringify([...reportCells(report)]));
  console.log(
    JSON.stringify({
      rows: data.rows,
      tables: report.tables.size,
      loadSeconds,
      loadCpuSeconds: (cpu1.user + cpu1.system) / 1e6,
      computeSeconds,
      computeCpuSeconds: (cpu3.user + cpu3.system) / 1e6,
      computeAgainSeconds,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      rssAfterLoadPeakMB: rssAfterLoadMB,
      heapAfterLoadMB: afterLoad.heapUsed / MB,
      arrayBuffersAfterLoadMB: afterLoad.arrayBuffers / MB,
      heapMB: memory.heapUsed / MB,
      arrayBuffersMB: memory.arrayBuffers / MB,
    }),
  );
} finally {
  await database.close();
}
