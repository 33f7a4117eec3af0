// `perspectief export`: the responses as a file, through the same dataset as every table.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset } from '../analysis/load.ts';
import { countSynthetic, syntheticNote } from '../analysis/synthetic.ts';
import { DemoDataError, loadDemoIfEmpty } from '../demo/index.ts';
import { datasetToCsv } from '../report/csv.ts';
import { readmePathFor, syntheticReadme } from '../report/synthetic-readme.ts';
import { audit } from '../storage/users.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

const FORMATS = ['csv'] as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write all responses to a file',
  help: `Usage: perspectief export --format csv --out FILE [--questionnaire ID]

Writes one row per response and one column per variable (multiple-choice items as one 0/1 column per
option, "Anders, namelijk..." texts in their own column). CSV is UTF-8 with a byte-order mark.

When the responses include synthetic demo respondents (channel "demo-..."), it says so on stderr and writes
FILE's read-me next to it (answers.csv -> answers.README.txt) with how many per wave and how to leave them out.

Options:
  --format F          csv
  --out FILE          file to write ("-" for standard output)
  --questionnaire ID  only this questionnaire
  -h, --help          show this help
`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { format: { type: 'string' }, out: { type: 'string' }, questionnaire: { type: 'string' } },
      strict: true,
    });
    if (!values.format || !(FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of: ${FORMATS.join(', ')}${values.format ? ` (got "${values.format}")` : ''}`);
    }
    if (!values.out) throw new UsageError('--out FILE is required');
    const { database, study } = await openSystem(io);
    try {
      await loadDemoIfEmpty(database, study, io).catch((error: unknown) => {
        throw error instanceof DemoDataError ? new CliError(`cannot load the demo: ${error.message}`) : error;
      });
      const known: string[] = study.waves.flatMap((w) => w.questionnaires.map((q) => q.id as string));
      if (values.questionnaire && !known.includes(values.questionnaire)) {
        throw new CliError(`unknown questionnaire "${values.questionnaire}"; known: ${known.join(', ')}`);
      }
      const dataset = await loadDataset(database.db, { questionnaire: values.questionnaire });
      const synthetic = countSynthetic(dataset);
      const csv = datasetToCsv(dataset);
      const write = (path: string, text: string): void => {
        try {
          writeFileSync(path, text);
        } catch (error) {
          throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
      };
      if (values.out === '-') io.stdout(csv);
      else {
        const path = resolve(io.cwd, values.out);
        write(path, csv);
        io.stderr(`wrote ${dataset.rows.length} responses and ${dataset.variables.length} variables to ${path}\n`);
        if (synthetic.synthetic > 0) {
          write(readmePathFor(path), syntheticReadme(synthetic, path));
          io.stderr(`wrote ${readmePathFor(path)}: what the synthetic responses are and how to leave them out\n`);
        }
      }
      if (synthetic.synthetic > 0) io.stderr(`${syntheticNote(synthetic, 'this export')}\n`);
      await audit(database.db, {
        userId: null,
        action: 'export',
        detail: { format: values.format, rows: dataset.rows.length, synthetic: synthetic.synthetic, via: 'cli' },
      });
    } finally {
      await database.close();
    }
    return 0;
  },
};
