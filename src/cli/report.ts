// `perspectief report tables --json`: every table of the report computed from the data in the database.
import { parseArgs } from 'node:util';
import { reportTables, UnknownWaveError } from '../analysis/report.ts';
import { ReportSpecError } from '../analysis/report-spec.ts';
import { PopulationFileError } from '../study/population.ts';
import { DemoDataError, loadDemoIfEmpty } from '../demo/index.ts';
import { DEFAULT_STUDY_DIR } from '../study/load.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: "compute the report's tables from the data",
  help: `Usage: perspectief report tables --json [--wave ID]

Computes every table of the report (frequency tables, population tables, regression models) from the
responses in the database, under the report's own numbering, titles and labels, and prints them as JSON:

  {"synthetic":false,"wave":"inburgeraars:2024",
   "tables":{"3.1":{"title":"...","N":2782,"columns":[{"label":"Wi2021-asiel","N":1594},...],
                    "rows":[{"label":"Helemaal eens","values":[30,21,28,16]},...]},
             "B.2.7":{"title":"...","N":1034,"rows":[{"label":"Leeftijd","B":0.01,"SE":0.004,"t":2.5,"stars":"*"},...],
                      "adjR2":0.2}, ...}}

Percentages are whole numbers as the report prints them ("<1" below one half; single-answer columns add
up to 100). When the wave's responses include synthetic demo respondents, "synthetic" is true, "note"
says so in words, and stderr repeats it. Tables whose item the wave did not ask (the exams in 2023, say)
are left out and listed under "omitted". On an empty embedded database the synthetic demo waves are
loaded first (said on stderr).

Options:
  --json       print JSON (the only format so far)
  --wave ID    the wave, e.g. 2024 or 2023 (default: the latest)
  -h, --help   show this help
`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, wave: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals[0] !== 'tables' || positionals.length > 1) throw new UsageError('say what to report: "report tables --json"');
    if (!values.json) throw new UsageError('--json is required (the only output format so far)');
    const studyDir = io.env['PERSPECTIEF_STUDY_DIR'] ?? DEFAULT_STUDY_DIR;
    const { database, study } = await openSystem(io);
    try {
      await loadDemoIfEmpty(database, study, io);
      const result = await reportTables(database.db, study, { wave: values.wave, studyDir });
      if (result.note) io.stderr(`${result.note}\n`);
      io.stdout(`${JSON.stringify(result)}\n`);
    } catch (error) {
      if (
        error instanceof UnknownWaveError ||
        error instanceof PopulationFileError ||
        error instanceof ReportSpecError ||
        error instanceof DemoDataError
      )
        throw new CliError(error.message);
      throw error;
    } finally {
      await database.close();
    }
    return 0;
  },
};
