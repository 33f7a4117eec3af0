// `perspectief stats`: the statistics engine for automation. Reads CSV (header row, commas, UTF-8,
// empty cell = missing) and JSON margins, runs src/stats, prints JSON at full precision (--json) or a
// short text summary. Expected failures become CliError/UsageError naming the file, line and column.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { codebookJsonSchema } from '../report/codebook-json.ts';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import {
  StatsError,
  chiSquareTest,
  frequencies,
  ols,
  rake,
  reliability,
  requiredSampleSize,
  withWeights,
  type Dataset,
  type Margin,
  type Predictor,
  type PowerTest,
} from '../stats/index.ts';
import { columnIndex, datasetFromText, numericFromText, type TextTable } from '../stats/records.ts';

type Options = Record<string, string | boolean | undefined>;

interface Sub {
  readonly summary: string;
  readonly usage: string;
  readonly options: Record<string, { type: 'string' | 'boolean' }>;
  readonly run: (o: Options, io: CliIO) => number;
}

const json = { type: 'boolean' } as const;
const str = { type: 'string' } as const;

const SUBCOMMANDS: Record<string, Sub> = {
  freq: {
    summary: 'frequencies (optionally per group, weighted)',
    usage: 'perspectief stats freq --data F.csv --var Q [--by G] [--weight W] [--json]',
    options: { data: str, var: str, by: str, weight: str, missing: str, codebook: str, json },
    run: runFreq,
  },
  alpha: {
    summary: "Cronbach's alpha, alpha if item deleted, item-rest correlations",
    usage: 'perspectief stats alpha --data F.csv --items a,b,c [--json]',
    options: { data: str, items: str, missing: str, codebook: str, json },
    run: runAlpha,
  },
  ols: {
    summary: 'linear regression with dummy-coded categorical predictors',
    usage:
      'perspectief stats ols --data F.csv --y Y --x x1,x2,route:Z [--json]\n  (name:REF makes a categorical predictor with reference category REF)',
    options: { data: str, y: str, x: str, missing: str, codebook: str, json },
    run: runOls,
  },
  chisq: {
    summary: 'chi-square test of independence (Rao-Scott F with --weight)',
    usage: 'perspectief stats chisq --data F.csv --row A --col B [--weight W] [--json]',
    options: { data: str, row: str, col: str, weight: str, missing: str, codebook: str, json },
    run: runChisq,
  },
  rake: {
    summary: 'rake weights to population margins',
    usage:
      'perspectief stats rake --data F.csv --margins M.json --out W.csv [--weight W] [--max-iterations 100]\n' +
      '  [--tolerance 1e-10] [--trim-lower 0.3] [--trim-upper 3] [--json]',
    options: {
      data: str,
      margins: str,
      out: str,
      weight: str,
      'max-iterations': str,
      tolerance: str,
      'trim-lower': str,
      'trim-upper': str,
      json,
    },
    run: runRake,
  },
  power: {
    summary: 'a-priori sample size as G*Power computes it',
    usage:
      'perspectief stats power --test f-r2 --f2 0.15 --predictors 11 [--alpha 0.05] [--power 0.8] [--json]\n' +
      '  perspectief stats power --test t2 --d 0.5 ...    (total N of both groups)\n' +
      '  perspectief stats power --test chisq --w 0.3 --df 2 ...',
    options: { test: str, f2: str, predictors: str, d: str, w: str, df: str, alpha: str, power: str, json },
    run: runPower,
  },
};

const HELP = `Usage: perspectief stats <subcommand> [options]

Subcommands:
${Object.entries(SUBCOMMANDS)
  .map(([name, sub]) => `  ${name.padEnd(7)} ${sub.summary}\n          ${sub.usage.replace(/\n/g, '\n          ')}`)
  .join('\n')}

CSV input: header row, commas, UTF-8; an empty cell is missing. Codes that mean "no answer" are missing too
when named: --missing 98,99 (in every column) or --codebook F.codebook.json (the codebook "perspectief
export" writes beside its CSV: each variable's own missing codes). --json prints full-precision JSON.
Run "perspectief stats <subcommand> --help" for one subcommand.
`;

export const statsCommand: Command = {
  help: HELP,
  subcommandHelp: true,
  async run(args, io) {
    const [name, ...rest] = args;
    if (name === undefined || name === '--help' || name === '-h') {
      io.stdout(HELP);
      return name === undefined ? 2 : 0;
    }
    const sub = SUBCOMMANDS[name];
    if (sub === undefined) throw new UsageError(`unknown subcommand "${name}" (one of: ${Object.keys(SUBCOMMANDS).join(', ')})`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`Usage: ${sub.usage}\n\n${sub.summary}\n`);
      return 0;
    }
    let values: Options;
    try {
      values = parseArgs({ args: [...rest], options: sub.options, strict: true, allowPositionals: false }).values;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    try {
      return sub.run(values, io);
    } catch (error) {
      if (error instanceof StatsError) throw new CliError(error.message);
      throw error;
    }
  },
};

// ---------------------------------------------------------------- input helpers

function required(o: Options, name: string): string {
  const v = o[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function optional(o: Options, name: string): string | undefined {
  const v = o[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function numberOption(o: Options, name: string, fallback?: number): number {
  const text = optional(o, name);
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const v = Number(text);
  if (!Number.isFinite(v)) throw new UsageError(`--${name}: "${text}" is not a number`);
  return v;
}

function list(o: Options, name: string): string[] {
  return required(o, name)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function readText(path: string, io: CliIO): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The missing codes from --missing (every column) and --codebook (per variable). */
function missingCodes(o: Options, io: CliIO): ((column: string) => ReadonlySet<number> | undefined) | undefined {
  const listed = optional(o, 'missing');
  const codebookPath = optional(o, 'codebook');
  if (listed === undefined && codebookPath === undefined) return undefined;
  const everywhere = new Set<number>();
  for (const part of (listed ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const code = Number(part);
    if (!Number.isFinite(code)) throw new UsageError(`--missing: "${part}" is not a number (give codes like 98,99)`);
    everywhere.add(code);
  }
  const perVariable = new Map<string, ReadonlySet<number>>();
  if (codebookPath !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(readText(codebookPath, io));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${codebookPath}: not valid JSON: ${(error as Error).message}`);
    }
    const parsed = codebookJsonSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`${codebookPath}: not a Perspectief codebook: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? ''}`);
    }
    for (const v of parsed.data.variables) perVariable.set(v.name, new Set(v.missing));
  }
  return (column) => {
    const own = perVariable.get(column);
    if (!own || own.size === 0) return everywhere.size > 0 ? everywhere : undefined;
    return everywhere.size === 0 ? own : new Set([...own, ...everywhere]);
  };
}

function readCsv(o: Options, io: CliIO, name = 'data'): TextTable {
  const path = required(o, name);
  const text = readText(path, io);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
  const [head, ...rest] = records;
  if (head === undefined) throw new CliError(`${path} is empty; expected a header row`);
  const missing = missingCodes(o, io);
  return {
    source: path,
    header: head.record.map((h) => h.trim()),
    rows: rest.map((r) => r.record),
    lines: rest.map((r) => r.info.lines),
    ...(missing ? { missing } : {}),
  };
}

/** Adds the weights in column `name` (every row must have a finite weight ≥ 0). */
function weighted(table: TextTable, data: Dataset, name: string | undefined): Dataset {
  if (name === undefined) return data;
  const col = numericFromText(table, name);
  const values = col.kind === 'numeric' ? col.values : new Float64Array();
  values.forEach((w, i) => {
    if (!(Number.isFinite(w) && w >= 0)) {
      const line = table.lines?.[i] ?? i + 2;
      throw new CliError(
        `${table.source} line ${line}, column "${name}": weight "${table.rows[i]?.[columnIndex(table, name)] ?? ''}" must be a number ≥ 0`,
      );
    }
  });
  return withWeights(data, values);
}

function print(io: CliIO, o: Options, result: unknown, text: () => string): number {
  io.stdout(o.json === true ? `${JSON.stringify(result)}\n` : text());
  return 0;
}

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

// ---------------------------------------------------------------- subcommands

function runFreq(o: Options, io: CliIO): number {
  const table = readCsv(o, io);
  const variable = required(o, 'var');
  const by = optional(o, 'by');
  const data = weighted(
    table,
    datasetFromText(table, { categorical: by === undefined ? [variable] : [variable, by] }),
    optional(o, 'weight'),
  );
  const groups = frequencies(data, variable, by);
  return print(io, o, { groups }, () =>
    groups
      .map((g) => {
        const title = g.group === null ? variable : `${variable} | ${by} = ${String(g.group)}`;
        const lines = g.categories.map(
          (c) => `  ${String(c.value).padEnd(16)} ${String(c.count).padStart(7)} ${fmt(c.percent, 1).padStart(7)}%`,
        );
        return `${title} (n = ${g.n}, missing = ${g.missing})\n${lines.join('\n')}\n`;
      })
      .join('\n'),
  );
}

function runAlpha(o: Options, io: CliIO): number {
  const table = readCsv(o, io);
  const items = list(o, 'items');
  const r = reliability(datasetFromText(table, { numeric: items }), items);
  const byItem = (values: number[]): Record<string, number> => Object.fromEntries(items.map((item, i) => [item, values[i] as number]));
  const result = {
    n: r.n,
    k: r.k,
    alpha: r.alpha,
    alphaIfDeleted: byItem(r.alphaIfDeleted),
    itemRestCorrelation: byItem(r.itemRestCorrelation),
  };
  return print(
    io,
    o,
    result,
    () =>
      `Cronbach's alpha = ${fmt(r.alpha)} (k = ${r.k}, n = ${r.n})\n` +
      items
        .map(
          (item, i) =>
            `  ${item.padEnd(16)} item-rest r = ${fmt(r.itemRestCorrelation[i] as number)}  alpha if deleted = ${fmt(r.alphaIfDeleted[i] as number)}`,
        )
        .join('\n') +
      '\n',
  );
}

function runOls(o: Options, io: CliIO): number {
  const table = readCsv(o, io);
  const y = required(o, 'y');
  const predictors: Predictor[] = list(o, 'x').map((spec) => {
    const colon = spec.indexOf(':');
    if (colon < 0) return { kind: 'numeric', name: spec };
    const name = spec.slice(0, colon);
    const reference = spec.slice(colon + 1);
    if (name === '' || reference === '') throw new UsageError(`--x: "${spec}" must be name or name:REFERENCE`);
    return { kind: 'categorical', name, reference };
  });
  const data = datasetFromText(table, {
    numeric: [y, ...predictors.filter((p) => p.kind === 'numeric').map((p) => p.name)],
    categorical: predictors.filter((p) => p.kind === 'categorical').map((p) => p.name),
  });
  const fit = ols(data, { y, predictors });
  const result = {
    n: fit.n,
    coefficients: fit.coefficients.map(({ term, B, SE, t, p }) => ({ term, B, SE, t, p })),
    r2: fit.r2,
    adjR2: fit.adjR2,
    F: fit.F,
  };
  return print(
    io,
    o,
    result,
    () =>
      `OLS of ${y} (n = ${fit.n})\n` +
      fit.coefficients
        .map(
          (c) =>
            `  ${c.term.padEnd(20)} B = ${fmt(c.B).padStart(9)}  SE = ${fmt(c.SE).padStart(7)}  t = ${fmt(c.t, 2).padStart(7)}${c.stars}`,
        )
        .join('\n') +
      `\n  R² = ${fmt(fit.r2)}, adjusted R² = ${fmt(fit.adjR2)}, F(${fit.dfModel}, ${fit.dfResidual}) = ${fmt(fit.F, 2)}\n`,
  );
}

function runChisq(o: Options, io: CliIO): number {
  const table = readCsv(o, io);
  const row = required(o, 'row');
  const col = required(o, 'col');
  const data = weighted(table, datasetFromText(table, { categorical: [row, col] }), optional(o, 'weight'));
  const r = chiSquareTest(data, row, col);
  const result =
    r.method === 'pearson' ? { statistic: r.statistic, df: r.df, p: r.p } : { statistic: r.statistic, df: r.df, ddf: r.ddf, p: r.p };
  return print(io, o, result, () =>
    r.method === 'pearson'
      ? `Pearson chi-square = ${fmt(r.statistic)}, df = ${r.df}, p = ${fmt(r.p, 4)}\n`
      : `Rao-Scott F = ${fmt(r.statistic)}, df = ${fmt(r.df, 2)}, ${fmt(r.ddf, 1)}, p = ${fmt(r.p, 4)}\n`,
  );
}

function readMargins(path: string, io: CliIO): Margin[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path, io));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const margins = (parsed as { margins?: unknown }).margins;
  if (!Array.isArray(margins) || margins.length === 0) throw new CliError(`${path}: expected {"margins":[{"variable":…,"targets":{…}}]}`);
  return margins.map((m: unknown, i) => {
    const { variable, targets } = (m ?? {}) as { variable?: unknown; targets?: unknown };
    if (typeof variable !== 'string') throw new CliError(`${path}: margins[${i}].variable must be a column name`);
    if (typeof targets !== 'object' || targets === null || Array.isArray(targets))
      throw new CliError(`${path}: margins[${i}].targets must be an object of category: population total`);
    for (const [key, value] of Object.entries(targets)) {
      if (typeof value !== 'number' || !(value > 0))
        throw new CliError(`${path}: margins[${i}].targets["${key}"] must be a positive number`);
    }
    return { variable, targets: targets as Record<string, number> };
  });
}

function runRake(o: Options, io: CliIO): number {
  const dataPath = required(o, 'data');
  const table = readCsv(o, io);
  const margins = readMargins(required(o, 'margins'), io);
  const out = required(o, 'out');
  const lower = optional(o, 'trim-lower') === undefined ? undefined : numberOption(o, 'trim-lower');
  const upper = optional(o, 'trim-upper') === undefined ? undefined : numberOption(o, 'trim-upper');
  const data = weighted(table, datasetFromText(table, { categorical: margins.map((m) => m.variable) }), optional(o, 'weight'));
  for (const m of margins) {
    const j = columnIndex(table, m.variable);
    table.rows.forEach((row, i) => {
      if ((row[j] ?? '').trim() === '')
        throw new CliError(
          `${dataPath} line ${table.lines?.[i] ?? i + 2}, column "${m.variable}": empty; every row needs a value to be raked`,
        );
    });
  }
  const result = rake(data, margins, {
    maxIterations: numberOption(o, 'max-iterations', 100),
    tolerance: numberOption(o, 'tolerance', 1e-10),
    ...(lower !== undefined || upper !== undefined
      ? { trim: { ...(lower !== undefined ? { lower } : {}), ...(upper !== undefined ? { upper } : {}) } }
      : {}),
  });
  const first = table.header[0] ?? 'id';
  const csv = stringify([[first, 'weight'], ...table.rows.map((row, i) => [row[0] ?? '', String(result.weights[i])])]);
  try {
    writeFileSync(resolve(io.cwd, out), csv);
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const summary = {
    converged: result.converged,
    iterations: result.iterations,
    designEffect: result.designEffect,
    effectiveN: result.effectiveN,
  };
  return print(
    io,
    o,
    summary,
    () =>
      `${result.converged ? 'Converged' : 'Did NOT converge'} after ${result.iterations} iterations (largest margin error ${result.maxMarginError.toExponential(1)})\n` +
      `Design effect (Kish) = ${fmt(result.designEffect)}, effective N = ${fmt(result.effectiveN, 1)}${result.trimmed > 0 ? `, ${result.trimmed} weights trimmed` : ''}\nWeights written to ${out}\n`,
  );
}

function runPower(o: Options, io: CliIO): number {
  const test = required(o, 'test');
  let spec: PowerTest;
  if (test === 'f-r2') spec = { test, f2: numberOption(o, 'f2'), predictors: numberOption(o, 'predictors') };
  else if (test === 't2') spec = { test, d: numberOption(o, 'd') };
  else if (test === 'chisq') spec = { test, w: numberOption(o, 'w'), df: numberOption(o, 'df') };
  else throw new UsageError(`--test must be f-r2, t2 or chisq, got "${test}"`);
  const result = requiredSampleSize(spec, { alpha: numberOption(o, 'alpha', 0.05), power: numberOption(o, 'power', 0.8) });
  return print(io, o, { n: result.n }, () => `Required total sample size N = ${result.n} (actual power ${fmt(result.actualPower, 4)})\n`);
}
