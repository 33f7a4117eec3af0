// `perspectief monitor [--json] [--wave W]`: the live representativeness monitor of a wave, computed from the
// responses in the database through the analysis dataset (fieldwork/monitor.ts), as JSON or as a summary.
import { parseArgs } from 'node:util';
import { DatasetError } from '../analysis/dataset.ts';
import { loadWaveDataset } from '../analysis/load.ts';
import { findWave } from '../analysis/waves.ts';
import { DemoDataError, loadDemoIfEmpty } from '../demo/index.ts';
import { monitorFromStore, monitorVariables, type MonitorResult } from '../fieldwork/monitor.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief monitor [--json] [--wave W]

The fieldwork monitor of a wave (default: the latest), from the responses in the database:

  groups    per group (type inburgeraar) the population and the sample, and by gender, route and age band,
            as the report's Tables 2.9-2.12 count them (completed responses, unless report.json says
            "counts": "all"), each with its share of the group and the gap in points (sample minus
            population); for the DUO route the response rate: completed responses that came by letter
            against the letters sent (the stored invitations where they name the group's questionnaire,
            otherwise the population margins, which are DUO's mailing list)
  alerts    every cell whose share of the sample lies 5 or more points below its share of the population,
            worst first, with the channels that reached that cell best so far (highest share of their
            responses in the cell, at least 3 responses)
  daily     responses started and completed per day (Europe/Amsterdam), and the same per channel and
            per language in "channels" and "languages" (series aligned with "daily")

  {"wave":"2024","groups":[{"group":"Wi2021-asiel","population":34482,"sample":2651,
     "by":{"gender":[{"level":"Mannen","population":20334,"sample":1728,...}],"route":[...],"ageBand":[...]}}],
   "alerts":[{"group":"Wi2021-asiel","variable":"route","level":"Z-route","samplePct":8.5,
              "populationPct":29.5,"gap":-21,"bestChannels":[...]}],"daily":[...],"channels":[...]}

Labels are those the report prints ("Wi2021-asiel", "Z-route", "22-30"). Responses excluded by a data
check do not count. On an empty embedded database the synthetic demo waves are loaded first, and the
output says they are synthetic.

Options:
  --json      print JSON (otherwise a short summary)
  --wave W    the wave, e.g. 2024 (default: the latest)
  -h, --help  show this help
`;

export const monitorCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean', default: false }, wave: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { database, study } = await openSystem(io);
    try {
      await loadDemoIfEmpty(database, study, io);
      const wave = findWave(study, values.wave);
      // Only what the monitor reads (group, gender, route, age band and the response's facts), not every item.
      const { data } = await loadWaveDataset(database.db, study, wave, 'all', monitorVariables(study, wave));
      const result = await monitorFromStore(database.db, study, wave, data);
      if (result.note) io.stderr(`${result.note}\n`);
      io.stdout(values.json ? `${JSON.stringify(result)}\n` : summary(result));
    } catch (error) {
      if (error instanceof DatasetError || error instanceof DemoDataError) throw new CliError(error.message);
      throw error;
    } finally {
      await database.close();
    }
    return 0;
  },
};

const pct = (x: number | null) => (x === null ? '-' : `${x.toFixed(1)}%`);

function summary(m: MonitorResult): string {
  const lines = [`Wave ${m.wave}: ${m.started} responses started, ${m.completed} completed`, ''];
  for (const g of m.groups) {
    const rate = g.responseRate?.rate == null ? '' : `, response rate ${pct(g.responseRate.rate)}`;
    lines.push(
      `${g.group}: sample ${g.sample ?? '-'} (${pct(g.samplePct)}) against population ${g.population ?? '-'} (${pct(g.populationPct)})${rate}`,
    );
  }
  lines.push('', m.alerts.length === 0 ? 'No alerts.' : 'Alerts (5 or more points under the population share):');
  for (const a of m.alerts) {
    const best = a.bestChannels.map((c) => `${c.name ?? c.channel} (${c.count}, ${c.share}%)`).join(', ') || 'none yet';
    lines.push(
      `  ${a.group} ${a.variable} ${a.level}: ${pct(a.samplePct)} against ${pct(a.populationPct)} (${a.gap} points); best channels: ${best}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
