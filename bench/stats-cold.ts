// One fresh-process probe for bench/stats.ts: loads the engine (timed apart: tsx transpiling and module
// loading, which the workload figure leaves out), builds the synthetic wave (not timed), then times the
// first run of the workload, with cold JIT, as the bench's "first run" does. Prints one JSON line.
// Run: node --import tsx bench/stats-cold.ts 5173
import { generateWave } from '../scripts/fixtures/synthetic.ts';

const rows = Number(process.argv[2] ?? 5173);
const importStart = performance.now();
const { runWorkload, waveDataset } = await import('./stats-workload.ts');
const importSeconds = (performance.now() - importStart) / 1000;
const data = waveDataset(generateWave(rows, 5173));
const cpu = process.cpuUsage();
const start = performance.now();
const summary = runWorkload(data);
const seconds = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ rows, seconds, cpuSeconds: (used.user + used.system) / 1e6, importSeconds, checksum: summary.checksum }));
