// What PSPP and R haven see in a .sav file, parsed for the tests: PSPP's dictionary, statistics and values
// (pspp, pspp-convert), and haven's variables, labels, missing codes and cells (test/report/read-sav.R).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { requireRPackage, requireTool, run } from '../support/reference-tools.ts';

/** PSPP's output tables (CSV output driver) by title: "Variables", "Value Labels", "Statistics", ... */
export type PsppTables = Map<string, string[][]>;

function tables(csv: string): PsppTables {
  const rows = parse(csv, { relax_column_count: true, skip_empty_lines: true });
  const out: PsppTables = new Map();
  let current: string[][] | undefined;
  for (const row of rows) {
    const title = row.length === 1 ? /^Table: (.*)$/.exec(row[0]!)?.[1] : undefined;
    if (title !== undefined) {
      current = [];
      out.set(title, current);
    } else current?.push(row);
  }
  return out;
}

/** Runs PSPP on the file: DISPLAY DICTIONARY, DISPLAY DOCUMENTS, file label, N and FREQUENCIES statistics of `numeric`. */
export function psppDescribe(savPath: string, numeric: readonly string[]): PsppTables {
  requireTool('pspp', 'pspp');
  const dir = dirname(savPath);
  const syntax = join(dir, 'describe.sps');
  const output = join(dir, 'describe.csv');
  writeFileSync(
    syntax,
    [
      `SET LOCALE='UTF-8'.`,
      `SET TVARS=NAMES.`,
      `GET FILE='${savPath}'.`,
      `DISPLAY DICTIONARY.`,
      `DISPLAY DOCUMENTS.`,
      `DISPLAY FILE LABEL.`,
      `FREQUENCIES /VARIABLES=${numeric.join(' ')} /FORMAT=NOTABLE /STATISTICS=MINIMUM MAXIMUM.`,
      '',
    ].join('\n'),
  );
  run('pspp', [syntax, '-O', 'format=csv', '-o', output]);
  return tables(readFileSync(output, 'utf8'));
}

/** The cases as pspp-convert writes them to CSV: header row, then one row per case. */
export function psppValues(savPath: string): string[][] {
  requireTool('pspp-convert', 'pspp');
  const output = `${savPath}.csv`;
  run('pspp-convert', [savPath, output]);
  return parse(readFileSync(output, 'utf8'));
}

export interface HavenVariable {
  readonly name: string;
  readonly label: string | undefined;
  readonly format: string;
  readonly displayWidth: string;
  readonly rClass: string;
  readonly valueLabels: { value: string; label: string }[];
  naValues?: string;
  naRange?: string;
  readonly cells: { value: string; missing: boolean }[];
}

export interface HavenView {
  readonly fileLabel: string | undefined;
  readonly notes: string[];
  readonly rows: number;
  readonly variables: Map<string, HavenVariable>;
}

const unhex = (hex: string): string | undefined => (hex === 'NA' ? undefined : Buffer.from(hex, 'hex').toString('utf8'));

/** Reads the file with R haven (read_sav, user_na = TRUE) through test/report/read-sav.R. */
export function havenRead(savPath: string): HavenView {
  requireRPackage('haven', 'r-cran-haven');
  const script = join(dirname(fileURLToPath(import.meta.url)), 'read-sav.R');
  const view: HavenView = { fileLabel: undefined, notes: [], rows: 0, variables: new Map() };
  let fileLabel: string | undefined;
  let rows = 0;
  for (const line of run('Rscript', [script, savPath]).split('\n')) {
    if (line === '') continue;
    const [kind, ...f] = line.split('\t') as [string, ...string[]];
    const variable = (name: string): HavenVariable => view.variables.get(name)!;
    switch (kind) {
      case 'file_label':
        fileLabel = unhex(f[0]!);
        break;
      case 'note':
        view.notes.push(unhex(f[0]!) ?? '');
        break;
      case 'rows':
        rows = Number(f[0]);
        break;
      case 'variable':
        view.variables.set(f[0]!, {
          name: f[0]!,
          label: unhex(f[1]!),
          format: f[2]!,
          displayWidth: f[3]!,
          rClass: f[4]!,
          valueLabels: [],
          cells: [],
        });
        break;
      case 'value_label':
        variable(f[0]!).valueLabels.push({ value: unhex(f[1]!) ?? 'NA', label: unhex(f[2]!) ?? '' });
        break;
      case 'na_values':
        variable(f[0]!).naValues = f[1]!;
        break;
      case 'na_range':
        variable(f[0]!).naRange = f[1]!;
        break;
      case 'cell':
        variable(f[0]!).cells.push({ value: f[2]!, missing: f[3] === 'missing' });
        break;
      default:
        throw new Error(`read-sav.R printed an unknown line: ${line}`);
    }
  }
  return { ...view, fileLabel, rows };
}

/** A haven string cell (hex) as text; undefined for NA. */
export const havenText = unhex;
