// `perspectief export`: the responses as a file, through the same dataset as every table.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatasetError } from '../analysis/dataset.ts';
import { findWave, loadDataset } from '../analysis/load.ts';
import { countSynthetic, syntheticNote } from '../analysis/synthetic.ts';
import { codebookJson, codebookPathFor } from '../report/codebook-json.ts';
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
  help: `Usage: perspectief export --format csv --out FILE [--wave ID] [--questionnaire ID] [--all] [--raw]

Writes one row per response and one column per variable (multiple-choice items as one 0/1 column per
option, "Anders, namelijk..." texts in their own column, then the derived variables and scales), and
beside it FILE's codebook (answers.csv -> answers.codebook.json): labels, value labels and the missing
codes ("Dat weet ik niet" = 99, ...) that "perspectief stats --codebook" leaves out. CSV is UTF-8 with a
byte-order mark; codes as answered, an empty cell where nothing was answered; text that a spreadsheet
would run as a formula ("=...", "+...") starts with an apostrophe unless --raw.

When the responses include synthetic demo respondents (channel "demo-..."), it says so on stderr and writes
FILE's read-me next to it (answers.csv -> answers.README.txt) with how many per wave and how to leave them out.

Options:
  --format F          csv
  --out FILE          file to write ("-" for standard output, without the codebook)
  --wave ID           only this wave, e.g. 2024 (default: every wave)
  --questionnaire ID  only this questionnaire
  --all               also unfinished responses (default: completed ones only)
  --raw               text exactly as answered (for R and SPSS; not for spreadsheets)
  -h, --help          show this help
`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        questionnaire: { type: 'string' },
        wave: { type: 'string' },
        all: { type: 'boolean' },
        raw: { type: 'boolean' },
      },
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
      let waves = study.waves;
      try {
        if (values.wave !== undefined) waves = [findWave(study, values.wave)];
      } catch (error) {
        if (error instanceof DatasetError) throw new CliError(error.message);
        throw error;
      }
      const { data: dataset, problems } = await loadDataset(database.db, study, waves, {
        counts: values.all ? 'all' : 'completed',
        questionnaire: values.questionnaire,
      });
      for (const problem of problems) io.stderr(`left out: ${problem}\n`);
      const synthetic = countSynthetic(dataset);
      const csv = datasetToCsv(dataset, { raw: values.raw ?? false });
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
        io.stderr(`wrote ${dataset.rows} responses and ${dataset.variables.length} variables to ${path}\n`);
        const source = `perspectief export of ${waves.map((w) => w.id).join(', ')}${values.questionnaire ? `, questionnaire ${values.questionnaire}` : ''}`;
        write(codebookPathFor(path), `${JSON.stringify(codebookJson(dataset, source), null, 1)}\n`);
        io.stderr(`wrote ${codebookPathFor(path)}: labels, value labels and missing codes of every variable\n`);
        if (synthetic.synthetic > 0) {
          write(readmePathFor(path), syntheticReadme(synthetic, path));
          io.stderr(`wrote ${readmePathFor(path)}: what the synthetic responses are and how to leave them out\n`);
        }
      }
      if (synthetic.synthetic > 0) io.stderr(`${syntheticNote(synthetic, 'this export')}\n`);
      await audit(database.db, {
        userId: null,
        action: 'export',
        detail: {
          format: values.format,
          rows: dataset.rows,
          waves: waves.map((w) => w.id),
          questionnaire: values.questionnaire ?? null,
          completedOnly: !values.all,
          synthetic: synthetic.synthetic,
          via: 'cli',
        },
      });
    } finally {
      await database.close();
    }
    return 0;
  },
};
