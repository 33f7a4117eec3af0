// Checks shared by the data-file writers: the dictionary of an ExportTable (zod, once, before anything is
// written) and the error for a cell that does not fit its variable's type. The writers check cells
// themselves, in their hot loops; this module only says what went wrong, naming row and variable: as data
// (ExportProblem, for the workspace's languages) and in English (the message, for the CLI).
import { z } from 'zod';
import type { ExportVariable } from './export-model.ts';

/** What a cell or row held instead (for the sentence that says so): its kind and the value as text. */
export interface CellShape {
  readonly kind: 'text' | 'number' | 'boolean' | 'bigint' | 'date' | 'invalid-date' | 'nothing' | 'null' | 'array' | 'cells' | 'other';
  /** The text (its first 40 characters), the number, the ISO date, the array's length, the number of cells, or the type. */
  readonly shown: string;
}

/** The rule of an ExportVariable's dictionary a variable breaks (`invalid`: a field of the wrong form). */
export type DictionaryRule =
  | 'value-labels-not-allowed'
  | 'value-label-type'
  | 'value-labels-twice'
  | 'missing-not-numeric'
  | 'string-scale'
  | 'max-bytes-not-string'
  | 'invalid';

/**
 * Why a table cannot be written, as data (a kind and its particulars; rows 1-based, header excluded), so that
 * each reader says it in its own language: the CLI in English (exportProblemMessage), the workspace through
 * its message catalogues.
 */
export type ExportProblem =
  | { readonly kind: 'no-variables' }
  | {
      readonly kind: 'dictionary';
      /** The variable's name, or null when it has none (then `index`, 1-based, names it). */
      readonly variable: string | null;
      readonly index: number;
      readonly field: string | null;
      readonly rule: DictionaryRule;
      /** The rule in English (zod's words for `invalid`). */
      readonly detail: string;
    }
  | {
      readonly kind: 'cell';
      readonly row: number;
      readonly variable: string;
      readonly type: ExportVariable['type'];
      readonly got: CellShape;
    }
  | { readonly kind: 'row-length'; readonly row: number; readonly expected: number; readonly got: CellShape }
  | { readonly kind: 'missing-codes'; readonly variable: string; readonly codes: readonly number[] }
  | { readonly kind: 'rows-once'; readonly variables: readonly string[] }
  | { readonly kind: 'rows-changed'; readonly measured: number; readonly written: number }
  | { readonly kind: 'too-long'; readonly row: number; readonly variable: string; readonly bytes: number; readonly maxBytes: number }
  | { readonly kind: 'time-zone'; readonly zone: string };

const EXPECTED: Record<ExportVariable['type'], string> = {
  numeric: 'a finite number or null',
  string: 'a string or null',
  date: 'a valid Date or null',
  datetime: 'a valid Date or null',
};

const shapeText = (got: CellShape): string => {
  switch (got.kind) {
    case 'text':
      return `the text "${got.shown}"`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${got.kind} ${got.shown}`;
    case 'date':
      return `the date ${got.shown}`;
    case 'invalid-date':
      return 'an invalid date';
    case 'nothing':
    case 'null':
      return got.kind;
    case 'array':
      return `an array of ${got.shown}`;
    case 'cells':
      return `${got.shown} cells`;
    case 'other':
      return `a ${got.shown}`;
  }
};

/** The problem in English: the CLI's words and the error's message. */
export function exportProblemMessage(p: ExportProblem): string {
  switch (p.kind) {
    case 'no-variables':
      return 'an export needs at least one variable';
    case 'dictionary':
      return `variable ${p.variable !== null ? `"${p.variable}"` : `number ${p.index}`}${p.field !== null ? ` (${p.field})` : ''}: ${p.detail}`;
    case 'cell':
      return `row ${p.row}, variable "${p.variable}" (${p.type}): expected ${EXPECTED[p.type]}, got ${shapeText(p.got)}`;
    case 'row-length':
      return `row ${p.row}: expected ${p.expected} cells (one per variable), got ${shapeText(p.got)}`;
    case 'missing-codes':
      return (
        `variable "${p.variable}": SPSS holds at most three user-missing codes, or one range of consecutive whole numbers plus one code; ` +
        `${p.codes.join(', ')} fit neither`
      );
    case 'rows-once':
      return `the rows can be read only once, so string widths cannot be measured: give maxBytes for ${p.variables.map((v) => `"${v}"`).join(', ')}, or pass the rows as an array`;
    case 'rows-changed':
      return `the rows changed while being written (${p.measured} when measured, ${p.written} when written)`;
    case 'too-long':
      return `row ${p.row}, variable "${p.variable}": the text is ${p.bytes} bytes of UTF-8, more than its maxBytes (${p.maxBytes})`;
    case 'time-zone':
      return `unknown time zone "${p.zone}" (use an IANA name such as "Europe/Amsterdam", or "UTC")`;
  }
}

/** A table that cannot be written as given: `problem` says why as data; the message says it in English. */
export class ExportDataError extends Error {
  override readonly name = 'ExportDataError';
  constructor(readonly problem: ExportProblem) {
    super(exportProblemMessage(problem));
  }

  /** The variable at fault, if one is. */
  get variable(): string | undefined {
    const p = this.problem;
    return 'variable' in p ? (p.variable ?? undefined) : undefined;
  }

  /** The row at fault (1-based, header excluded), if one is. */
  get row(): number | undefined {
    return 'row' in this.problem ? this.problem.row : undefined;
  }
}

const valueLabel = z.object({ value: z.union([z.number().finite(), z.string()]), label: z.string() });

const variableSchema = z
  .object({
    name: z.string().min(1, 'a variable needs a name'),
    label: z.string(),
    type: z.enum(['numeric', 'string', 'date', 'datetime']),
    measure: z.enum(['nominal', 'ordinal', 'scale']),
    valueLabels: z.array(valueLabel).optional(),
    missing: z.array(z.number().finite()).optional(),
    decimals: z.number().int().min(0).max(16).optional(),
    width: z.number().int().min(1).max(255).optional(),
    maxBytes: z.number().int().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    const labels = v.valueLabels ?? [];
    const expected = v.type === 'numeric' ? 'number' : v.type === 'string' ? 'string' : undefined;
    if (labels.length > 0 && expected === undefined)
      ctx.addIssue({
        code: 'custom',
        message: `${v.type} variables cannot have value labels`,
        path: ['valueLabels'],
        params: { rule: 'value-labels-not-allowed' },
      });
    labels.forEach((l, i) => {
      if (expected !== undefined && typeof l.value !== expected)
        ctx.addIssue({
          code: 'custom',
          message: `value label ${i + 1} must have a ${expected} value`,
          path: ['valueLabels', i],
          params: { rule: 'value-label-type' },
        });
    });
    const seen = new Set(labels.map((l) => (typeof l.value === 'string' ? l.value.replace(/ +$/, '') : l.value)));
    if (seen.size !== labels.length)
      ctx.addIssue({
        code: 'custom',
        message: 'two value labels for one value',
        path: ['valueLabels'],
        params: { rule: 'value-labels-twice' },
      });
    if ((v.missing?.length ?? 0) > 0 && v.type !== 'numeric')
      ctx.addIssue({
        code: 'custom',
        message: 'user-missing codes are for numeric variables only',
        path: ['missing'],
        params: { rule: 'missing-not-numeric' },
      });
    if (v.type === 'string' && v.measure === 'scale')
      ctx.addIssue({
        code: 'custom',
        message: 'a string variable cannot have measure "scale"',
        path: ['measure'],
        params: { rule: 'string-scale' },
      });
    if (v.maxBytes !== undefined && v.type !== 'string')
      ctx.addIssue({
        code: 'custom',
        message: 'maxBytes is for string variables only',
        path: ['maxBytes'],
        params: { rule: 'max-bytes-not-string' },
      });
  });

const RULES: ReadonlySet<string> = new Set<DictionaryRule>([
  'value-labels-not-allowed',
  'value-label-type',
  'value-labels-twice',
  'missing-not-numeric',
  'string-scale',
  'max-bytes-not-string',
]);

/** Validates every variable's dictionary; throws ExportDataError naming the first variable and field at fault. */
export function checkVariables(variables: readonly unknown[]): void {
  if (variables.length === 0) throw new ExportDataError({ kind: 'no-variables' });
  variables.forEach((v, i) => {
    const result = variableSchema.safeParse(v);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      // Callers' code may pass anything here at run time: the name only if there is one.
      const given = typeof v === 'object' && v !== null && 'name' in v && typeof v.name === 'string' ? v.name : undefined;
      const rule = issue.code === 'custom' ? (issue.params as { rule?: string } | undefined)?.rule : undefined;
      throw new ExportDataError({
        kind: 'dictionary',
        variable: given !== undefined && given !== '' ? given : null,
        index: i + 1,
        field: issue.path.length > 0 ? issue.path.join('.') : null,
        rule: rule !== undefined && RULES.has(rule) ? (rule as DictionaryRule) : 'invalid',
        detail: issue.message,
      });
    }
  });
}

const shapeOf = (value: unknown): CellShape => {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? { kind: 'invalid-date', shown: '' } : { kind: 'date', shown: value.toISOString() };
  if (typeof value === 'string') return { kind: 'text', shown: value.length > 40 ? `${value.slice(0, 40)}…` : value };
  if (value === undefined) return { kind: 'nothing', shown: '' };
  if (typeof value === 'number') return { kind: 'number', shown: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', shown: String(value) };
  if (typeof value === 'bigint') return { kind: 'bigint', shown: String(value) };
  if (value === null) return { kind: 'null', shown: '' };
  if (Array.isArray(value)) return { kind: 'array', shown: String(value.length) };
  return { kind: 'other', shown: typeof value }; // an object, a function, a symbol
};

/** Whether a row is an array (rows reach the writers from callers' code at run time, unchecked). */
export const isCellArray = (row: unknown): row is readonly unknown[] => Array.isArray(row);

/** The error for a cell that does not fit its variable (row is 0-based here, 1-based in the problem). */
export function cellError(variable: ExportVariable, rowIndex: number, value: unknown): ExportDataError {
  return new ExportDataError({ kind: 'cell', row: rowIndex + 1, variable: variable.name, type: variable.type, got: shapeOf(value) });
}

/** The error for a row whose length differs from the number of variables. */
export function rowLengthError(rowIndex: number, row: unknown, expected: number): ExportDataError {
  const got: CellShape = isCellArray(row) ? { kind: 'cells', shown: String(row.length) } : shapeOf(row);
  return new ExportDataError({ kind: 'row-length', row: rowIndex + 1, expected, got });
}
