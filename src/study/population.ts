// The population of a wave (for the report's study: everyone DUO wrote to), as margins: the size of each group
// and, within a group, its counts by gender, learning route and age band. Stored per wave as
// population/<wave>.json in the study folder, validated here. The report's population tables and the
// fieldwork monitor set the sample beside these counts; raking uses them as targets. Pure data, no numbers of
// the report: percentages are computed, never stored.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { PopulationGroup } from './report-spec.ts';
import { parseJsonText } from '../questionnaire/json-text.ts';

export const POPULATION_DIMENSIONS = ['gender', 'route', 'ageBand'] as const;
export type PopulationDimensionName = (typeof POPULATION_DIMENSIONS)[number];

const code = z.number().int();

const cellSchema = z
  .strictObject({
    /** Level of the group variable; absent when `population` names a group only the population has. */
    group: code.optional(),
    /** A group that is in the population but cannot be told apart in the sample (e.g. "Wi2013-onbekend"). */
    population: z.string().min(1).optional(),
    gender: code.optional(),
    route: code.optional(),
    ageBand: code.optional(),
    count: z.number().int().nonnegative(),
  })
  .refine((c) => (c.group === undefined) !== (c.population === undefined), {
    message: 'a cell names either a group or a population-only group',
  })
  .refine((c) => [c.gender, c.route, c.ageBand].filter((v) => v !== undefined).length <= 1, {
    message: 'a cell counts one dimension within its group (margins), not a cross of two',
  });

export const populationFileSchema = z.strictObject({
  $schema: z.string().optional(),
  wave: z.string().min(1),
  /** Where the counts come from (register, date). */
  source: z.string().min(1),
  /** The dataset variable each dimension is measured by in the sample. */
  dimensions: z.strictObject({
    group: z.string().min(1),
    gender: z.string().min(1).optional(),
    route: z.string().min(1).optional(),
    ageBand: z.string().min(1).optional(),
  }),
  cells: z.array(cellSchema).min(1),
});

export type PopulationFile = z.infer<typeof populationFileSchema>;
export type PopulationCell = PopulationFile['cells'][number];

export interface Population {
  readonly wave: string;
  readonly source: string;
  readonly dimensions: PopulationFile['dimensions'];
  readonly cells: readonly PopulationCell[];
}

export class PopulationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PopulationFileError';
  }
}

/** Validates a parsed population file; problems name the file and the cell. */
export function parsePopulation(data: unknown, shown: string): Population {
  const parsed = populationFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new PopulationFileError(parsed.error.issues.map((i) => `${shown}: ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n'));
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  parsed.data.cells.forEach((cell, i) => {
    const key = JSON.stringify([
      cell.group ?? null,
      cell.population ?? null,
      cell.gender ?? null,
      cell.route ?? null,
      cell.ageBand ?? null,
    ]);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`${shown}: cells.${i}: the same cell as cells.${earlier}`);
    seen.set(key, i);
    for (const dimension of POPULATION_DIMENSIONS) {
      if (cell[dimension] !== undefined && parsed.data.dimensions[dimension] === undefined) {
        problems.push(`${shown}: cells.${i}.${dimension}: the file names no variable for ${dimension} under "dimensions"`);
      }
    }
  });
  if (problems.length > 0) throw new PopulationFileError(problems.join('\n'));
  return { wave: parsed.data.wave, source: parsed.data.source, dimensions: parsed.data.dimensions, cells: parsed.data.cells };
}

/** Reads `population/<wave>.json` of a study folder; null when the wave has no population file. */
export function loadPopulation(studyDir: string, wave: string): Population | null {
  const path = join(studyDir, 'population', `${wave}.json`);
  if (!existsSync(path)) return null;
  const shown = relative(process.cwd(), path) || path;
  const text = parseJsonText(readFileSync(path, 'utf8'));
  if (!text.ok) throw new PopulationFileError(`${shown}: ${text.message}`);
  const population = parsePopulation(text.value, shown);
  if (population.wave !== wave)
    throw new PopulationFileError(`${shown}: wave: says "${population.wave}", but the file is for wave "${wave}"`);
  return population;
}

/** The population count of a group (by code or population-only name), in all or at one level of a dimension. */
export function populationCount(
  population: Population,
  group: PopulationGroup,
  dimension?: { readonly name: PopulationDimensionName; readonly level: number },
): number | null {
  const cell = population.cells.find(
    (c) =>
      (group.kind === 'sample' ? c.group === group.code : c.population === group.population) &&
      POPULATION_DIMENSIONS.every((d) => (d === dimension?.name ? c[d] === dimension.level : c[d] === undefined)),
  );
  return cell?.count ?? null;
}
