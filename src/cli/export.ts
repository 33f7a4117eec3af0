// `perspectief export`: the responses as a CSV, XLSX or SPSS .sav file, through the same dataset as every
// table, with the codebook JSON and the read-me beside it and an entry in the audit log.
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { computeReport } from '../analysis/compute.ts';
import { DatasetError } from '../analysis/dataset.ts';
import { loadDataset, loadWaveDataset } from '../analysis/load.ts';
import { findWave } from '../analysis/waves.ts';
import { syntheticNote } from '../analysis/synthetic.ts';
import { DemoDataError, loadDemoIfEmpty } from '../demo/index.ts';
import { codebookPathFor } from '../report/codebook-json.ts';
import { writeDataExport, type DataTarget } from '../report/data-export.ts';
import { ExportDataError } from '../report/export-cells.ts';
import { exportReadmePath } from '../report/export-readme.ts';
import { exportMask } from '../report/export-filter.ts';
import { tableSheet } from '../report/table-sheets.ts';
import { printTable } from '../report/tables-json.ts';
import type { ReportTableModel } from '../report/xlsx.ts';
import { audit } from '../storage/users.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

const FORMATS = ['csv', 'xlsx', 'sav'] as const;
type Format = (typeof FORMATS)[number];

export const exportCommand: Command = {
  help: `Usage: perspectief export --format csv|xlsx|sav --out FILE [--wave ID] [--questionnaire ID] [--channel NAME]
                          [--all] [--labels] [--missing-codes] [--raw] [--tables] [--lang nl|en]

Writes one row per response and one column per variable (multiple-choice items as one 0/1 column per
option, "Anders, namelijk..." texts in their own column, then the derived variables and scales), and
beside FILE its codebook (answers.csv -> answers.codebook.json: labels, value labels and the missing codes
that "perspectief stats --codebook" leaves out) and its read-me (answers.README.txt: source, waves,
filters, how values are written, synthetic data). Every export is written to the audit log.

  csv   UTF-8 with a byte-order mark; codes (or --labels); missing codes ("Dat weet ik niet" = 99) as empty
        cells unless --missing-codes; text that a spreadsheet would run as a formula ("=...", "+...")
        starts with an apostrophe unless --raw
  xlsx  a data sheet of typed cells (an answer "=1+1" stays text), a variables sheet (name, label, type,
        values, missing codes, the read-me); --tables adds one sheet per report table of the wave
  sav   SPSS system file: variable and value labels, missing codes declared user-missing, measurement
        levels, UTF-8 (Arabic and Tigrinya answers of any length), dates as SPSS dates

Options:
  --format F          csv, xlsx or sav
  --out FILE          file to write ("-": a CSV on standard output, without codebook and read-me)
  --wave ID           only this wave, e.g. 2024 (default: every wave)
  --questionnaire ID  only this questionnaire
  --channel NAME      only responses that came through this channel (e.g. demo-duo-brief)
  --all               also unfinished responses (default: completed ones only)
  --labels            csv, xlsx: value labels instead of codes
  --missing-codes     csv, xlsx: write missing codes as codes instead of empty cells
  --raw               csv: text exactly as answered (for R and SPSS; not for spreadsheets)
  --tables            xlsx: add the report's tables of the wave (needs --wave)
  --lang L            language of labels: nl (default) or en
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
        channel: { type: 'string' },
        all: { type: 'boolean' },
        raw: { type: 'boolean' },
        labels: { type: 'boolean' },
        'missing-codes': { type: 'boolean' },
        tables: { type: 'boolean' },
        lang: { type: 'string' },
      },
      strict: true,
    });
    if (!values.format || !(FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of: ${FORMATS.join(', ')}${values.format ? ` (got "${values.format}")` : ''}`);
    }
    const format = values.format as Format;
    if (!values.out) throw new UsageError('--out FILE is required');
    if (values.out === '-' && format !== 'csv')
      throw new UsageError(`--out - (standard output) is for csv only; give a file for ${format}`);
    if (format === 'sav' && (values.labels || values['missing-codes']))
      throw new UsageError(
        '--labels and --missing-codes are for csv and xlsx: a .sav file carries value labels and user-missing codes itself',
      );
    if (values.raw && format !== 'csv') throw new UsageError('--raw is for csv: xlsx and sav cells are typed, so text is never a formula');
    if (values.tables && format !== 'xlsx') throw new UsageError('--tables is for xlsx');
    if (values.tables && values.wave === undefined) throw new UsageError('--tables needs --wave: the report tables are of one wave');
    const lang = values.lang ?? 'nl';
    if (lang !== 'nl' && lang !== 'en') throw new UsageError(`--lang must be nl or en (got "${lang}")`);

    const { database, study } = await openSystem(io);
    try {
      await loadDemoIfEmpty(database, study, io).catch((error: unknown) => {
        throw error instanceof DemoDataError ? new CliError(`cannot load the demo: ${error.message}`) : error;
      });
      const known: string[] = [...new Set(study.waves.flatMap((w) => w.questionnaires.map((q) => q.id as string)))];
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
      const counts = values.all ? 'all' : 'completed';
      const { data, problems } = await loadDataset(database.db, study, waves, { counts });
      for (const problem of problems) io.stderr(`left out: ${problem}\n`);
      const filters = {
        waves: waves.map((w) => w.id),
        questionnaire: values.questionnaire ?? null,
        channel: values.channel ?? null,
        completedOnly: !values.all,
      };
      const mask = exportMask(data, filters);

      let tables: ReportTableModel[] | undefined;
      if (values.tables) {
        const wave = waves[0]!;
        const whole = values.questionnaire || values.channel ? (await loadWaveDataset(database.db, study, wave, counts)).data : data;
        const report = computeReport(study, wave, whole);
        tables = [...report.tables].map(([id, result]) => tableSheet(id, printTable(result, lang)));
        if (whole !== data) io.stderr('the report tables count the whole wave, not only the rows of --questionnaire or --channel\n');
      }

      const toStdout = values.out === '-';
      const path = toStdout ? 'standard output' : resolve(io.cwd, values.out);
      const codebookPath = codebookPathFor(path);
      const readmePath = exportReadmePath(path);
      let user = 'unknown';
      try {
        user = userInfo().username;
      } catch {
        // No user name on this system (a container without an entry in /etc/passwd): "unknown" says so.
      }
      const file = toStdout ? stdoutFile(io.stdout) : await partialFile(path);
      let result;
      try {
        result = await writeDataExport(
          data,
          {
            format,
            values: values.labels ? 'labels' : 'codes',
            missing: values['missing-codes'] ? 'codes' : 'empty',
            raw: values.raw ?? false,
            lang,
            rows: mask,
            filters,
            study: study.id,
            dataFile: toStdout ? 'standard output' : basename(path),
            codebookFile: basename(codebookPath),
            madeBy: `perspectief export (command line, user ${user})`,
            madeAt: new Date(),
            ...(tables ? { tables } : {}),
          },
          file.target,
        );
        await file.commit();
      } catch (error) {
        await file.discard();
        if (error instanceof ExportDataError) throw new CliError(`cannot write the export: ${error.message}`);
        throw error;
      }

      if (!toStdout) {
        io.stderr(`wrote ${result.rows} responses and ${result.variables} variables to ${path}\n`);
        await writeAtomically(codebookPath, result.codebook);
        io.stderr(`wrote ${codebookPath}: labels, value labels and missing codes of every variable\n`);
        await writeAtomically(readmePath, result.readme);
        io.stderr(
          result.synthetic.synthetic > 0
            ? `wrote ${readmePath}: what the synthetic responses are and how to leave them out\n`
            : `wrote ${readmePath}: source, filters and how values are written\n`,
        );
        for (const notice of result.notices) io.stderr(`note: ${notice}\n`);
      }
      if (result.synthetic.synthetic > 0) io.stderr(`${syntheticNote(result.synthetic, 'this export')}\n`);
      await audit(database.db, {
        userId: null,
        action: 'export',
        detail: {
          format,
          rows: result.rows,
          waves: filters.waves,
          questionnaire: filters.questionnaire,
          channel: filters.channel,
          completedOnly: filters.completedOnly,
          values: values.labels ? 'labels' : 'codes',
          missingCodes: format === 'sav' || (values['missing-codes'] ?? false),
          raw: values.raw ?? false,
          synthetic: result.synthetic.synthetic,
          via: 'cli',
          osUser: user,
        },
      });
    } finally {
      await database.close();
    }
    return 0;
  },
};

/** The data file as it is written: committed at the end, or discarded on a failure. */
interface OutputFile {
  readonly target: DataTarget;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * The data file written chunk by chunk into a temporary file beside `path`, renamed at the end: a million rows
 * take bounded memory, and a failed export leaves an earlier file as it was.
 */
async function partialFile(path: string): Promise<OutputFile> {
  const partial = `${path}.${process.pid}.partial`;
  const failed = (error: unknown): CliError =>
    new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  const handle = await open(partial, 'w').catch((error: unknown) => {
    throw failed(error);
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) await handle.close();
    closed = true;
  };
  return {
    target: {
      write: async (chunk) => {
        await handle.write(chunk).catch((error: unknown) => {
          throw failed(error);
        });
      },
      patch: async (offset, bytes) => {
        await handle.write(bytes, 0, bytes.length, offset);
      },
    },
    commit: async () => {
      try {
        await close();
        await rename(partial, path);
      } catch (error) {
        throw failed(error);
      }
    },
    discard: async () => {
      await close().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
}

/** CSV on standard output (the only format allowed there: text, written in order, never patched). */
function stdoutFile(stdout: (text: string) => void): OutputFile {
  const decoder = new TextDecoder();
  return {
    target: {
      write: (chunk) => {
        stdout(decoder.decode(chunk, { stream: true }));
        return Promise.resolve();
      },
      patch: () => Promise.reject(new Error('standard output cannot be patched')),
    },
    commit: () => Promise.resolve(),
    discard: () => Promise.resolve(),
  };
}

/** Writes by way of a temporary file renamed at the end: a failed export leaves an earlier file as it was. */
async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, content);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
