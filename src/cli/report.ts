// `perspectief report tables|figures|build|validate`: every table of the study's report computed from the data
// in the database, its figures, the whole report rebuilt as HTML and PDF (report-build.ts), and a check of the
// report's specification (report.json) against the study's questionnaires.
import { parseArgs } from 'node:util';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { tablesCommand } from './report-tables.ts';
import { loadStudyOrFail } from './study.ts';

const HELP = `Usage: perspectief report tables [--json] [--wave ID] [--lang nl|en]
       perspectief report figures --json [--wave ID] [--weighted] [--lang nl|en]
       perspectief report build --out DIR [--wave ID] [--weighted] [--lang nl|en]
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

figures   Computes every figure of report.json (100% stacked bars per group, grouped bars of multiple-choice
          items) and prints them as JSON, as report.json of "build" has them:

  {"synthetic":true,"wave":"2024","weighted":false,"lang":"nl",
   "figures":{"4.1":{"kind":"stacked","title":"...","N":1076,"categories":["Heel goed",...],
                     "bars":[{"label":"Wi2021-asiel","N":654,"percent":[25,42,...]},...],
                     "differences":[...],"findings":["Heel goed: Wi2021-asiel 25% tegenover ..."]},...}}

build     Rebuilds the report in DIR: rapport.html (one self-contained file: fonts, styles and figures inline;
          contents, every table and figure at its place in the report's chapters and sections, the qualitative
          Tables 2.7/2.8, boxes and quotes), rapport.pdf (A4, tagged, with an outline, the contents with page
          numbers and page numbers in the footer; printed by Chromium, PERSPECTIEF_CHROMIUM or /usr/bin/chromium:
          without it only the PDF is skipped, and said so), figuren/<number>.svg and report.json (the printed
          numbers of every table and figure, their findings and, with an earlier wave in the database, the
          comparison). Under each table and figure: the differences of 8 points or more between groups. With
          an earlier wave, each item asked in both waves shows the earlier percentages and the change, marked
          when 8 points or more and significant (chi-square; Rao-Scott when weighted). Every build is written
          to the audit log.

validate  Checks report.json against the study's questionnaires and variables and prints what each wave
          can report; errors name the table and the field.

Options:
  --json         print JSON (the default and only format of "tables")
  --wave ID      the wave, e.g. 2024 or 2023 (default: the latest); "build" compares it with the wave before
  --lang nl|en   language of titles and labels (default nl)
  --out DIR      folder "build" writes to (made when absent; files in it are replaced)
  --weighted     rake each group to its population margins (the wave's population file); default unweighted
  --study DIR    study folder to validate (default PERSPECTIEF_STUDY_DIR or the built-in study)
  -h, --help     show this help
`;

export const reportCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        json: { type: 'boolean' },
        wave: { type: 'string' },
        lang: { type: 'string' },
        study: { type: 'string' },
        out: { type: 'string' },
        weighted: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    switch (sub) {
      case 'tables':
        return tablesCommand(io, values.wave, values.lang);
      case 'figures': {
        if (values.json !== true) throw new UsageError('"report figures" prints JSON: add --json');
        // Loaded only for figures and build: it brings the renderer and Chromium's driver (seconds to load).
        const { figuresCommand, reportLanguage } = await import('./report-build.ts');
        return figuresCommand(io, { wave: values.wave, weighted: values.weighted ?? false, lang: reportLanguage(values.lang) });
      }
      case 'build': {
        if (values.out === undefined || values.out === '') throw new UsageError('"report build" needs --out DIR');
        const { buildCommand, reportLanguage } = await import('./report-build.ts');
        return buildCommand(io, {
          out: values.out,
          wave: values.wave,
          weighted: values.weighted ?? false,
          lang: reportLanguage(values.lang),
        });
      }
      case 'validate':
        return validate(io, values.study);
      default:
        throw new UsageError(
          sub === undefined
            ? 'say what to do: "report figures", "report build", "report tables" or "report validate"'
            : `unknown subcommand "${sub}"`,
        );
    }
  },
};

function validate(io: CliIO, dir: string | undefined): number {
  const study = loadStudyOrFail(io, dir);
  if (!study.report) throw new CliError(`the study "${study.id}" has no report specification: add "report": "report.json" to study.json`);
  const { tables, figures, sections } = study.report;
  io.stdout(
    `report.json of study "${study.id}" is valid: ${tables.length} tables, ${figures.length} figures, ${sections.length} sections\n`,
  );
  return 0;
}
