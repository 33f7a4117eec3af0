// The population margins of a wave (DUO's letters: Tabel 2.9-2.12), stored as a JSON file per wave under the
// study's population/ folder and validated here. The report's population tables put them next to the sample.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const rowSchema = z.strictObject({
  /** Report table the margin is printed in. */
  table: z.enum(['2.9', '2.10', '2.11', '2.12']),
  /** Type inburgeraar as printed (rows of 2.10-2.12). */
  group: z.string().min(1).optional(),
  label: z.string().min(1),
  dimension: z.enum(['type', 'gender', 'route', 'age']),
  /** Type inburgeraar 1-4; null for "Wi2013-onbekend" and the total. */
  type: z.number().int().min(1).max(4).nullable(),
  /** Category code of the dimension (Q2.01 gender, Q2.09 route, leeftijdsklasse band); null on type rows. */
  code: z.number().int().nullable(),
  n: z.number().int().nonnegative(),
  /** Percentage of the group as printed; "<1" kept as text. */
  percent: z.union([z.number(), z.literal('<1')]),
});

export const populationFileSchema = z.strictObject({
  $schema: z.string().optional(),
  wave: z.string().min(1),
  source: z.string().min(1),
  rows: z.array(rowSchema).min(1),
});

export type PopulationMargins = z.infer<typeof populationFileSchema>;

export class PopulationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PopulationFileError';
  }
}

/** Reads `population/<wave>.json` of a study folder; null when the wave has no population file. */
export function loadPopulation(studyDir: string, wave: string): PopulationMargins | null {
  const path = join(studyDir, 'population', `${wave}.json`);
  if (!existsSync(path)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PopulationFileError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = populationFileSchema.safeParse(data);
  if (!parsed.success)
    throw new PopulationFileError(parsed.error.issues.map((i) => `${path}: ${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}
