// The data checks' settings, from the study folder's optional checks.json (zod-validated; problems name the
// field): which derived variables are control checks (the report's permit-type mismatch), and the thresholds
// of the speeder, straight-lining, duplicate and missing-data checks. Without the file the defaults hold and
// there is no control check.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

export const CHECKS_FILE = 'checks.json';

const text = z.union([z.string().min(1), z.partialRecord(z.enum(['nl', 'en', 'ar', 'tr', 'ti']), z.string().min(1))]);

export const checksFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Derived variables that flag a contradiction between answers (e.g. permit type against the questionnaire chosen). */
  control: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        variable: z.string().min(1),
        /** The value that means "does not match". */
        flag: z.number().int(),
        /** Breakdown the rate is shown by (e.g. type_inburgeraar). */
        by: z.string().min(1).optional(),
        label: text,
      }),
    )
    .default([]),
  speeders: z.strictObject({ fractionOfMedian: z.number().gt(0).lt(1) }).default({ fractionOfMedian: 0.3 }),
  straightlining: z.strictObject({ minItems: z.number().int().min(3) }).default({ minItems: 4 }),
  duplicates: z
    .strictObject({ minCompared: z.number().int().min(5), maxDifferentShare: z.number().min(0).lt(0.5) })
    .default({ minCompared: 20, maxDifferentShare: 0.05 }),
  missing: z.strictObject({ responseShare: z.number().gt(0).max(1) }).default({ responseShare: 0.5 }),
});

export type ChecksConfig = z.infer<typeof checksFileSchema>;
export type ControlCheck = ChecksConfig['control'][number];

export class ChecksFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecksFileError';
  }
}

/** The study's checks.json, or the defaults when the study has none. */
export function loadChecksConfig(studyDir: string): ChecksConfig {
  const path = join(studyDir, CHECKS_FILE);
  if (!existsSync(path)) return checksFileSchema.parse({});
  const shown = relative(process.cwd(), path) || path;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ChecksFileError(`${shown}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = checksFileSchema.safeParse(data);
  if (!parsed.success)
    throw new ChecksFileError(parsed.error.issues.map((i) => `${shown}: ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n'));
  return parsed.data;
}

/** A label in a language, falling back to Dutch. */
export const labelIn = (label: ControlCheck['label'], lang: string): string =>
  typeof label === 'string' ? label : (label[lang as 'nl'] ?? label.nl ?? Object.values(label)[0] ?? '');
