// Checks shared by the data-file writers: the dictionary of an ExportTable (zod, once, before anything is
// written) and the message for a cell that does not fit its variable's type. The writers check cells
// themselves, in their hot loops; this module only says what went wrong, naming row and variable.
import { z } from 'zod';
import type { ExportVariable } from './export-model.ts';

/** A table that cannot be written as given: names the variable, and the row (1-based, header excluded) if any. */
export class ExportDataError extends Error {
  override readonly name = 'ExportDataError';
  constructor(
    message: string,
    readonly variable?: string,
    readonly row?: number,
  ) {
    super(message);
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
      ctx.addIssue({ code: 'custom', message: `${v.type} variables cannot have value labels`, path: ['valueLabels'] });
    labels.forEach((l, i) => {
      if (expected !== undefined && typeof l.value !== expected)
        ctx.addIssue({ code: 'custom', message: `value label ${i + 1} must have a ${expected} value`, path: ['valueLabels', i] });
    });
    const seen = new Set(labels.map((l) => (typeof l.value === 'string' ? l.value.replace(/ +$/, '') : l.value)));
    if (seen.size !== labels.length) ctx.addIssue({ code: 'custom', message: 'two value labels for one value', path: ['valueLabels'] });
    if ((v.missing?.length ?? 0) > 0 && v.type !== 'numeric')
      ctx.addIssue({ code: 'custom', message: 'user-missing codes are for numeric variables only', path: ['missing'] });
    if (v.type === 'string' && v.measure === 'scale')
      ctx.addIssue({ code: 'custom', message: 'a string variable cannot have measure "scale"', path: ['measure'] });
    if (v.maxBytes !== undefined && v.type !== 'string')
      ctx.addIssue({ code: 'custom', message: 'maxBytes is for string variables only', path: ['maxBytes'] });
  });

/** Validates every variable's dictionary; throws ExportDataError naming the first variable and field at fault. */
export function checkVariables(variables: readonly unknown[]): void {
  if (variables.length === 0) throw new ExportDataError('an export needs at least one variable');
  variables.forEach((v, i) => {
    const result = variableSchema.safeParse(v);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      // Callers' code may pass anything here at run time: the name only if there is one.
      const given = typeof v === 'object' && v !== null && 'name' in v && typeof v.name === 'string' ? v.name : undefined;
      const name = given !== undefined && given !== '' ? `"${given}"` : `number ${i + 1}`;
      const field = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      throw new ExportDataError(`variable ${name}${field}: ${issue.message}`, given);
    }
  });
}

const show = (value: unknown): string => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : `the date ${value.toISOString()}`;
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`; // an object, a function, a symbol
};

/** Whether a row is an array (rows reach the writers from callers' code at run time, unchecked). */
export const isCellArray = (row: unknown): row is readonly unknown[] => Array.isArray(row);

const EXPECTED: Record<ExportVariable['type'], string> = {
  numeric: 'a finite number or null',
  string: 'a string or null',
  date: 'a valid Date or null',
  datetime: 'a valid Date or null',
};

/** The error for a cell that does not fit its variable (row is 0-based here, 1-based in the message). */
export function cellError(variable: ExportVariable, rowIndex: number, value: unknown): ExportDataError {
  const message = `row ${rowIndex + 1}, variable "${variable.name}" (${variable.type}): expected ${EXPECTED[variable.type]}, got ${show(value)}`;
  return new ExportDataError(message, variable.name, rowIndex + 1);
}

/** The error for a row whose length differs from the number of variables. */
export function rowLengthError(rowIndex: number, row: unknown, expected: number): ExportDataError {
  const got = isCellArray(row) ? `${row.length} cells` : show(row);
  return new ExportDataError(`row ${rowIndex + 1}: expected ${expected} cells (one per variable), got ${got}`, undefined, rowIndex + 1);
}
