// `perspectief report tables|validate`: every table of the study's report computed from the data in the
// database, and a check of the report's specification (report.json) against the study's questionnaires.
import { parseArgs } from 'node:util';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { tablesCommand } from './report-tables.ts';
import { loadStudyOrFail } from './study.ts';

const HELP = `Usage: perspectief report tables [--json] [--wave ID] [--lang nl|en]
       perspectief report validate [--study DIR]

tables    Computes every table of the study's report specification (studies/<id>/report.json: frequency,
          multiple-choice, top-box, population and regression tables) from the responses in the database,
          under the report's numbering, titles and labels, and prints them as JSON:

  {"synthetic":false,"wave":"inburgeraars:2024","counts":"completed","N":5173,"weighted":false,
   "tables":{"3.1":{"kind":"frequency","title":"...","filter":null,"N":2782,
                    "columns":[{"label":"Wi2021-asiel","N":1594,"filter":"type_inburgeraar = 1"},...],
                    "rows":[{"label":"Helemaal eens","values":[30,21,28,16]},...],"differences":[...]},
             "B.2.7":{"kind":"regression","N":1034,"rows":[{"label":"Leeftijd","B":0.01,"SE":0.004,"t":2.5,"stars":"*"},...],
                      "adjR2":0.2}, ...},
   "reliability":[{"scale":"maatschappelijk_doel","alpha":0.81,"N":2120},...]}

          Percentages are whole numbers as the report prints them ("<1" below one half; single-answer
          columns add up to 100). Only completed responses of the wave count, unless report.json says
          "counts": "all". Answers with a missing code ("Dat weet ik niet", 98/99) are left out of a column's
          N unless the table lists them as a row; their counts are under the column's "missing". Tables
          whose item the wave did not ask are listed under "omitted". When the wave's responses include
          synthetic demo respondents, "synthetic" is true, "note" says so, and stderr repeats it. On an
          empty embedded database the synthetic demo waves are loaded first (said on stderr).

validate  Checks report.json against the study's questionnaires and variables and prints what each wave
          can report; errors name the table and the field.

Options:
  --json         print JSON (the default and only format of "tables")
  --wave ID      the wave, e.g. 2024 or 2023 (default: the latest)
  --lang nl|en   language of titles and labels (default nl)
  --study DIR    study folder to validate (default PERSPECTIEF_STUDY_DIR or the built-in study)
  -h, --help     show this help
`;

export const reportCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, wave: { type: 'string' }, lang: { type: 'string' }, study: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    switch (sub) {
      case 'tables':
        return tablesCommand(io, values.wave, values.lang);
      case 'validate':
        return validate(io, values.study);
      default:
        throw new UsageError(sub === undefined ? 'say what to do: "report tables" or "report validate"' : `unknown subcommand "${sub}"`);
    }
  },
};


function validate(io: CliIO, dir: string | undefined): number {
  const study = loadStudyOrFail(io, dir);
  if (!study.report) throw new CliError(`the study "${study.id}" has no report specification: add "report": "report.json" to study.json`);
  const { tables } = study.report;
  io.stdout(`report.json of study "${study.id}" is valid: ${tables.length} tables\n`);
  return 0;
}
