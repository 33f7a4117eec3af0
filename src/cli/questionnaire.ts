// `perspectief questionnaire list|export|import|validate`: the study's questionnaires as files researchers can
// review, exchange with XLSForm tools and check. Expected failures are CliError/UsageError naming file, row or
// item and field; nothing here prints a stack trace.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatJson } from '../questionnaire/format-json.ts';
import { formatIssues, normalizeQuestionnaire } from '../questionnaire/normalize.ts';
import { itemCount, translationProgress } from '../questionnaire/translation.ts';
import { LANGUAGES, type QuestionnaireDefinition } from '../questionnaire/types.ts';
import { readXlsForm, toXlsForm } from '../questionnaire/xlsform.ts';
import { readXlsFormFile, writeXlsFormFile, XlsFormFileError } from '../study/xlsform-file.ts';
import { DEFAULT_STUDY_DIR, loadStudy, StudyFileError, type StudyDefinition } from '../study/load.ts';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';

const HELP = `Usage: perspectief questionnaire <subcommand> [options]

Subcommands:
  list [--json] [--study DIR]
      Every questionnaire of the study: id, group, version, number of items, and per language how many
      texts are translated and how many reviewed (counted over all texts: title, page titles, items, help
      texts, units and options; the source language counts as reviewed).
  export --id ID --format xlsform --out F.xlsx [--version N] [--study DIR]
      Writes the questionnaire as an XLSForm (survey, choices and settings sheets).
  import F.xlsx [--out F.json]
      Reads an XLSForm, validates it and prints (or writes) it in Perspectief's JSON format. Unsupported
      question types and expressions are reported by sheet row.
  validate [DIR]
      Loads and checks a study folder (default: the shipped study): questionnaires, landing page, scales
      and derived variables.

Options:
  --study DIR   study folder (default: studies/inburgeraars)
  --help        this text
`;

const SUB_HELP: Record<string, string> = {
  list: 'perspectief questionnaire list [--json] [--study DIR]\n  Lists the questionnaires with their translation progress.\n',
  export:
    'perspectief questionnaire export --id ID --format xlsform --out F.xlsx [--version N] [--study DIR]\n  Writes one questionnaire as an XLSForm workbook.\n',
  import:
    'perspectief questionnaire import F.xlsx [--out F.json]\n  Converts an XLSForm workbook to a Perspectief questionnaire file, reporting unsupported rows.\n',
  validate:
    'perspectief questionnaire validate [DIR]\n  Checks every file of a study folder; exit code 1 and one line per problem when something is wrong.\n',
};

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);

function parse(
  args: readonly string[],
  options: ParseArgsConfig['options'],
  positionals: number,
): { values: Values; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument '${parsed.positionals[positionals]}'; see --help`);
  return { values: parsed.values, positionals: parsed.positionals };
}

const studyAt = (dir: string | undefined, io: CliIO): StudyDefinition => {
  try {
    return loadStudy(dir ? resolve(io.cwd, dir) : DEFAULT_STUDY_DIR);
  } catch (error) {
    if (error instanceof StudyFileError) throw new CliError(error.message);
    throw error;
  }
};

const allQuestionnaires = (study: StudyDefinition): QuestionnaireDefinition[] => study.waves.flatMap((w) => w.questionnaires);

/** The rows `list --json` prints. */
export function listRows(study: StudyDefinition) {
  return allQuestionnaires(study).map((q) => {
    const progress = translationProgress(q);
    return {
      id: q.id,
      group: q.group,
      version: q.version,
      items: itemCount(q),
      languages: Object.fromEntries(q.languages.map((l) => [l, progress[l]])),
    };
  });
}

async function list(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' }, study: { type: 'string' } }, 0);
  if (values.help) return (io.stdout(SUB_HELP.list!), 0);
  const rows = listRows(studyAt(str(values.study), io));
  if (values.json) {
    io.stdout(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  const header = ['id', 'group', 'version', 'items', ...LANGUAGES.map((l) => `${l} translated/reviewed`)];
  const lines = rows.map((r) => [
    r.id,
    r.group,
    String(r.version),
    String(r.items),
    ...LANGUAGES.map((l) => (r.languages[l] ? `${r.languages[l].translated}/${r.languages[l].reviewed}` : '-')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines])
    io.stdout(
      `${line
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

async function exportCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parse(
    args,
    { id: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, study: { type: 'string' } },
    0,
  );
  if (values.help) return (io.stdout(SUB_HELP.export!), 0);
  const id = str(values.id);
  const outArg = str(values.out);
  if (!id) throw new UsageError('export needs --id ID; see --help');
  if (values.format !== 'xlsform')
    throw new UsageError(`export needs --format xlsform (got ${values.format === undefined ? 'none' : `'${String(values.format)}'`})`);
  if (!outArg) throw new UsageError('export needs --out F.xlsx; see --help');
  const matches = allQuestionnaires(studyAt(str(values.study), io)).filter((q) => q.id === id);
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !Number.isInteger(version))
    throw new UsageError(`--version must be a whole number (got '${String(values.version)}')`);
  const def = version === undefined ? matches.sort((a, b) => b.version - a.version)[0] : matches.find((q) => q.version === version);
  if (!def) throw new CliError(`no questionnaire '${id}'${version !== undefined ? ` version ${version}` : ''} in the study`);
  const out = resolve(io.cwd, outArg);
  try {
    await writeXlsFormFile(out, toXlsForm(def));
  } catch (error) {
    throw new CliError(`${out}: cannot write the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  io.stdout(`wrote ${def.id} version ${def.version} to ${out}\n`);
  return 0;
}

async function importCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' } }, 1);
  if (values.help) return (io.stdout(SUB_HELP.import!), 0);
  const file = positionals[0];
  if (!file) throw new UsageError('import needs a file: perspectief questionnaire import F.xlsx');
  const path = resolve(io.cwd, file);
  let form;
  try {
    form = await readXlsFormFile(path);
  } catch (error) {
    if (error instanceof XlsFormFileError) throw new CliError(error.message);
    throw error;
  }
  const read = readXlsForm(form);
  if (!read.ok) throw new CliError(formatIssues(file, read.issues));
  const checked = normalizeQuestionnaire(read.value);
  if (!checked.ok) throw new CliError(formatIssues(file, checked.issues));
  const json = formatJson({ $schema: '../../../schema/questionnaire.schema.json', ...read.value });
  const outArg = str(values.out);
  if (outArg) {
    const out = resolve(io.cwd, outArg);
    writeFileSync(out, json);
    io.stdout(`wrote ${checked.value.id} (${itemCount(checked.value)} items) to ${out}\n`);
  } else {
    io.stdout(json);
  }
  return 0;
}

async function validate(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {}, 1);
  if (values.help) return (io.stdout(SUB_HELP.validate!), 0);
  const study = studyAt(positionals[0], io);
  const qs = allQuestionnaires(study);
  io.stdout(
    `ok: study ${study.id}: ${qs.length} questionnaires (${qs.map((q) => `${q.id} v${q.version} ${itemCount(q)} items`).join(', ')}), ` +
      `${study.landing ? `landing with ${study.landing.routes.length} routes, ` : ''}${study.scales?.length ?? 0} scales, ${study.derived?.length ?? 0} derived variables\n`,
  );
  return 0;
}

const SUBCOMMANDS: Record<string, (args: readonly string[], io: CliIO) => Promise<number>> = {
  list,
  export: exportCommand,
  import: importCommand,
  validate,
};

export const questionnaireCommand: Command = {
  help: HELP,
  subcommandHelp: true,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(HELP);
      return sub === undefined ? 2 : 0;
    }
    const run = SUBCOMMANDS[sub];
    if (!run) throw new UsageError(`unknown subcommand '${sub}'; use one of ${Object.keys(SUBCOMMANDS).join(', ')}`);
    return run(rest, io);
  },
};
