// The report's own tables as printed (frequency, regression and population tables), extracted from the
// report text into published-tables.json: the demo generator's targets and the acceptance test's
// expectations. Nothing on the path from data to a table reads them (report.json says what each table is).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const printed = z.union([z.number(), z.string(), z.null()]);

const frequencyRow = z.object({ label: z.string(), group: z.string().optional(), values: z.array(printed) });
const regressionRow = z.object({
  label: z.string(),
  group: z.string().optional(),
  header: z.boolean().optional(),
  B: z.number().optional(),
  SE: z.number().optional(),
  t: z.number().optional(),
  stars: z.string().optional(),
});

/** Fields every published table has. */
const tableFields = {
  id: z.string(),
  title: z.string(),
  N: z.number().nullable(),
  columns: z.array(z.string()),
  columnN: z.record(z.string(), z.number()),
  notes: z.array(z.string()).optional(),
};

const tableSchema = z.discriminatedUnion('kind', [
  z.object({ ...tableFields, kind: z.literal('frequency'), rows: z.array(frequencyRow) }),
  z.object({ ...tableFields, kind: z.literal('population'), rows: z.array(frequencyRow) }),
  z.object({
    ...tableFields,
    kind: z.literal('regression'),
    rows: z.array(regressionRow),
    adjR2: z.number(),
    dependent: z.string(),
    group: z.string(),
  }),
]);

const fileSchema = z.object({ source: z.string(), tables: z.array(tableSchema) });

export type PublishedTable = z.infer<typeof tableSchema>;
export type PublishedFrequency = Extract<PublishedTable, { kind: 'frequency' }>;
export type PublishedPopulation = Extract<PublishedTable, { kind: 'population' }>;
export type PublishedRegression = Extract<PublishedTable, { kind: 'regression' }>;
/** A printed cell: a whole percentage, "<1", or null ("-", not asked). */
export type PrintedValue = number | string | null;

const FILE = fileURLToPath(new URL('./published-tables.json', import.meta.url));

/** Every frequency, population and regression table of the report, in report order. */
export function publishedTables(): PublishedTable[] {
  return fileSchema.parse(JSON.parse(readFileSync(FILE, 'utf8'))).tables;
}

/** A printed percentage as a number: "<1" counts as 0.25 (between 0 and 0.5), null as null. */
export function printedNumber(value: PrintedValue): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  return value.trim() === '<1' ? 0.25 : Number(value);
}
