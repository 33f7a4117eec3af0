// `perspectief codebook --lang nl --out F.html`: the study's codebook in one language.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isLanguage, LANGUAGES } from '../questionnaire/types.ts';
import { renderCodebook } from '../report/codebook.ts';
import { DEFAULT_STUDY_DIR, loadStudy, StudyFileError } from '../study/load.ts';
import { CliError, UsageError, type Command } from './command.ts';

const HELP = `Usage: perspectief codebook --lang LANG --out F.html [--study DIR] [--questionnaire ID]...

Writes the codebook of the study's latest wave as one HTML page: every variable with its label, values,
routing condition per questionnaire, the report tables it feeds and what was reconstructed; then the landing
filter questions, the composite scales and the derived variables.

Options:
  --lang LANG          ${LANGUAGES.join(', ')} (labels in this language)
  --out F.html         file to write
  --study DIR          study folder (default: studies/inburgeraars)
  --questionnaire ID   only these questionnaires (repeatable; default: all of the latest wave)
  --help               this text
`;

export const codebookCommand: Command = {
  help: HELP,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args],
        options: {
          lang: { type: 'string' },
          out: { type: 'string' },
          study: { type: 'string' },
          questionnaire: { type: 'string', multiple: true },
          help: { type: 'boolean' },
        },
        strict: true,
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}; see --help`);
    }
    const { values } = parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (!isLanguage(values.lang))
      throw new UsageError(
        `--lang must be one of ${LANGUAGES.join(', ')} (got ${values.lang === undefined ? 'none' : `'${values.lang}'`})`,
      );
    if (!values.out) throw new UsageError('codebook needs --out F.html; see --help');
    let study;
    try {
      study = loadStudy(values.study ? resolve(io.cwd, values.study) : DEFAULT_STUDY_DIR);
    } catch (error) {
      if (error instanceof StudyFileError) throw new CliError(error.message);
      throw error;
    }
    const latest = [...study.waves].sort((a, b) => b.number - a.number)[0];
    const wanted = values.questionnaire;
    const questionnaires = (latest?.questionnaires ?? []).filter((q) => !wanted || wanted.includes(q.id));
    for (const id of wanted ?? [])
      if (!questionnaires.some((q) => q.id === id)) throw new CliError(`no questionnaire '${id}' in wave ${latest?.id ?? '?'}`);
    const html = renderCodebook(
      { title: study.title, questionnaires, landing: study.landing, scales: study.scales, derived: study.derived },
      values.lang,
    );
    const out = resolve(io.cwd, values.out);
    try {
      writeFileSync(out, html);
    } catch (error) {
      throw new CliError(`${out}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    io.stdout(`wrote the ${values.lang} codebook (${questionnaires.length} questionnaires) to ${out}\n`);
    return 0;
  },
};
