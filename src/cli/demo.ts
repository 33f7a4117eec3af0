// `perspectief demo`: the synthetic demo waves (generated from the report's published numbers) in the database.
import { parseArgs } from 'node:util';
import { countDemoResponses, DEFAULT_SEED, DemoDataError, loadDemo, removeDemo } from '../demo/index.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief demo generate [--seed N]
       perspectief demo reset [--seed N]

Synthetic demo data: 5,173 invented respondents of the 2024 wave, generated from the numbers published in
the report "Onderzoek perspectief inburgeraars" (2025), and 4,060 of the 2023 wave, generated from the
earlier figures the report quotes; both answer the real questionnaires of their wave with their routing.
They are stored like real responses, marked by channels starting with "demo-". No real person is in them.

Subcommands:
  generate    add the demo waves (refused when demo responses are already there)
  reset       delete every demo response and generate the demo waves again (real responses stay)

Options:
  --seed N    seed of the generator (default ${DEFAULT_SEED}); the same seed gives the same answers
  -h, --help  show this help
`;

export const demoCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { seed: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const action = positionals[0];
    if ((action !== 'generate' && action !== 'reset') || positionals.length > 1)
      throw new UsageError('say "demo generate" or "demo reset"');
    const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31)
      throw new UsageError(`--seed must be a whole number from 0 to 2147483648 (got "${values.seed}")`);
    const { database, study } = await openSystem(io);
    try {
      const existing = await countDemoResponses(database.db);
      if (action === 'generate' && existing > 0) {
        throw new CliError(`the database already holds ${existing} demo responses; "perspectief demo reset" starts over`);
      }
      if (action === 'reset') io.stderr(`Removed ${await removeDemo(database.db)} demo responses.\n`);
      const started = Date.now();
      const n = await loadDemo(database.db, study, io, seed);
      io.stderr(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
      io.stdout(`${n} synthetic demo respondents loaded (seed ${seed})\n`);
    } catch (error) {
      // A study the demo cannot fill: say which questionnaire, item or table, without a stack trace.
      if (error instanceof DemoDataError) throw new CliError(`cannot generate the demo for this study: ${error.message}`);
      throw error;
    } finally {
      await database.close();
    }
    return 0;
  },
};
