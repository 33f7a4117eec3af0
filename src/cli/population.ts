// `perspectief population import --wave W FILE.csv`: a wave's population margins from a CSV file into the
// study folder (population/<wave>.json), where the report's population tables, the weights and the monitor
// read them. The study folder, not the database: the margins are part of the study's definition, reviewed
// and versioned with its other files, and every reader (report, CLI, server) already loads them from there.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findWave, UnknownWaveError } from '../analysis/waves.ts';
import { OutputFileError, writeFileAtomic } from '../fieldwork/files.ts';
import { importPopulation, PopulationImportError, populationFileText } from '../fieldwork/population-import.ts';
import { loadStudy, StudyFileError } from '../study/load.ts';
import { POPULATION_DIMENSIONS, type PopulationFile } from '../study/population.ts';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { loadStudyOrFail } from './study.ts';

const HELP = `Usage: perspectief population import --wave W FILE.csv [--source TEXT] [--dimensions LIST] [--force]

Reads a wave's population margins (for the report's study: everyone DUO wrote to) from a CSV file and writes
them to the study folder as population/<wave>.json, the file the report's Tables 2.9-2.12, the weights and
the fieldwork monitor read.

The CSV file has a header and the columns group, gender, route, age band and count (Dutch names work too:
groep, geslacht, leerroute, leeftijdsklasse, aantal; comma or semicolon separated). Each row is one cell:
a group's total (only group and count filled), or the group's count at one level of ONE of gender, route or
age band. Labels are written as the report prints them ("Wi2021-asiel", "Mannen", "Z-route", "22-30"), as
the questionnaires word them in any of their languages, or as codes. A group only the population has (e.g.
"Wi2013-onbekend", as report.json lists it) takes a total row only.

  group,gender,route,age band,count
  Wi2021-asiel,,,,34482
  Wi2021-asiel,Mannen,,,20334
  Wi2021-asiel,,Z-route,,10182
  Wi2021-asiel,,,22-30,10933

Every problem names the row and the column; nothing is written unless the whole file is valid. Margins
that do not add up to their group's total are allowed (people with an unknown level) and said on stderr.

Options:
  --wave W          the wave, e.g. 2024 (required)
  --source TEXT     where the counts come from (register, date); default: the file's name
  --dimensions LIST the dataset variable of each column, e.g. group=type_inburgeraar,gender=Q2.01,
                    route=Q2.09,ageBand=leeftijdsklasse (default: those of the study's population files)
  --force           replace an existing population file of the wave
  -h, --help        show this help

Environment: PERSPECTIEF_STUDY_DIR is the study folder (default studies/inburgeraars). A running server
reads the new margins after a restart, like any change to the study folder.
`;

const SCHEMA = fileURLToPath(new URL('../../schema/population.schema.json', import.meta.url));

export const populationCommand: Command = {
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import') throw new UsageError(`expected "import"${sub ? `, not "${sub}"` : ''}`);
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        wave: { type: 'string' },
        source: { type: 'string' },
        dimensions: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const [file, ...extra] = positionals;
    if (values.wave === undefined) throw new UsageError('--wave W is required');
    if (file === undefined || extra.length > 0) throw new UsageError('give one CSV file: population import --wave W FILE.csv');
    return runImport(io, { wave: values.wave, file, source: values.source, dimensions: values.dimensions, force: values.force });
  },
};

function parseDimensions(text: string): PopulationFile['dimensions'] {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [name, variable] = part.split('=').map((s) => s.trim());
    if (!name || !variable || !['group', ...POPULATION_DIMENSIONS].includes(name))
      throw new UsageError(`--dimensions: "${part}" should read NAME=VARIABLE with NAME one of group, ${POPULATION_DIMENSIONS.join(', ')}`);
    out[name] = variable;
  }
  if (!out['group']) throw new UsageError('--dimensions must name the group variable (group=VAR)');
  return out as PopulationFile['dimensions'];
}

/** The `$schema` an existing file points to (kept, so a replaced file differs only in its margins). */
function schemaRefOf(text: string | null): string | null {
  try {
    const ref = text === null ? null : (JSON.parse(text) as { $schema?: unknown }).$schema;
    return typeof ref === 'string' ? ref : null;
  } catch {
    return null;
  }
}

async function runImport(
  io: CliIO,
  options: { wave: string; file: string; source: string | undefined; dimensions: string | undefined; force: boolean },
): Promise<number> {
  const study = loadStudyOrFail(io);
  let wave;
  try {
    wave = findWave(study, options.wave);
  } catch (error) {
    if (error instanceof UnknownWaveError) throw new UsageError(error.message);
    throw error;
  }
  const path = resolve(io.cwd, options.file);
  const shown = relative(io.cwd, path) || options.file;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let result;
  try {
    result = importPopulation(study, wave, text, shown, {
      source: options.source ?? `imported from ${basename(options.file)} (perspectief population import)`,
      ...(options.dimensions !== undefined ? { dimensions: parseDimensions(options.dimensions) } : {}),
    });
  } catch (error) {
    if (error instanceof PopulationImportError) throw new CliError(`the population file is not imported:\n${error.message}`);
    throw error;
  }
  for (const warning of result.warnings) io.stderr(`note: ${warning}\n`);
  const target = join(study.dir, 'population', `${wave.key}.json`);
  const before = existsSync(target) ? readFileSync(target, 'utf8') : null;
  const content = populationFileText(result.file, schemaRefOf(before) ?? relative(join(study.dir, 'population'), SCHEMA));
  if (before !== null) {
    if (before === content) {
      io.stdout(`${target} already holds these ${result.file.cells.length} cells; nothing changed\n`);
      return 0;
    }
    if (!options.force) throw new CliError(`${target} already exists; add --force to replace it with the imported margins`);
  }
  try {
    writeFileAtomic(target, content);
  } catch (error) {
    if (error instanceof OutputFileError) throw new CliError(error.message);
    throw error;
  }
  try {
    // The written file must load with the study as every reader will load it (report.json checked against it).
    loadStudy(study.dir);
  } catch (error) {
    // Put back what was there: a file the study cannot load with must not stay.
    if (before === null) rmSync(target, { force: true });
    else writeFileAtomic(target, before);
    if (error instanceof StudyFileError)
      throw new CliError(`the imported margins do not fit the study; ${target} is left as it was:\n${error.message}`);
    throw error;
  }
  const groups = result.file.cells.filter((c) => c.gender === undefined && c.route === undefined && c.ageBand === undefined).length;
  io.stdout(`wrote ${target}: ${result.file.cells.length} cells (${groups} group totals) for wave ${wave.key}\n`);
  return 0;
}
