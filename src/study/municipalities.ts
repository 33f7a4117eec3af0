// The study's classification of municipalities (municipalities.json, named by study.json `municipalities`):
// each municipality or region a recruitment channel works in, with its type (for the study: G4, G40 or
// another municipality). The researcher maintains the file; the questionnaires never ask the municipality,
// so the type of a response comes from the channel it came in through (analysis/municipality-type.ts).
// Validated here; problems name the file and the field. No addresses, no persons: places and types only.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { parseJsonText } from '../questionnaire/json-text.ts';
import type { LocalizedText } from '../questionnaire/types.ts';

/** The dataset column the classification adds: the type of the municipality a response's channel recruits in. */
export const MUNICIPALITY_TYPE_VARIABLE = 'gemeentetype';
/** Codes the dataset keeps for responses without a type; a type's own code must differ from them. */
export const NOT_CLASSIFIED_CODE = 97;
export const NO_MUNICIPALITY_CODE = 98;

const label = z.strictObject({ nl: z.string().min(1, 'text is empty'), en: z.string().min(1, 'text is empty') });

export const municipalitiesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** The classification's name, as the variable's label. */
    label,
    /** Where the types come from (a register, a list and its date), for the codebook and the docs. */
    source: z.string().min(1),
    types: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a type id is lower case letters, digits and -'),
          /** The value in the dataset and in exports. */
          code: z
            .number()
            .int()
            .min(1)
            .max(96, `codes ${NOT_CLASSIFIED_CODE} and ${NO_MUNICIPALITY_CODE} are kept for responses without a type`),
          label,
        }),
      )
      .min(2),
    municipalities: z
      .array(
        z.strictObject({
          /** As the channel register writes it (case, accents, spaces and dashes do not matter). */
          name: z.string().min(1),
          /** Other spellings of the same place ("'s-Gravenhage" for "Den Haag"). */
          aliases: z.array(z.string().min(1)).optional(),
          type: z.string().min(1),
          note: z.string().min(1).optional(),
        }),
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const codes = new Set<number>();
    file.types.forEach((type, i) => {
      if (ids.has(type.id)) ctx.addIssue({ code: 'custom', message: `type '${type.id}' is defined twice`, path: ['types', i, 'id'] });
      if (codes.has(type.code)) ctx.addIssue({ code: 'custom', message: `code ${type.code} is used twice`, path: ['types', i, 'code'] });
      ids.add(type.id);
      codes.add(type.code);
    });
    const names = new Map<string, number>();
    file.municipalities.forEach((m, i) => {
      if (!ids.has(m.type))
        ctx.addIssue({
          code: 'custom',
          message: `'${m.type}' is not a type of this file (${[...ids].join(', ')})`,
          path: ['municipalities', i, 'type'],
        });
      [m.name, ...(m.aliases ?? [])].forEach((name, k) => {
        const key = placeKey(name);
        const earlier = names.get(key);
        if (earlier !== undefined && earlier !== i)
          ctx.addIssue({
            code: 'custom',
            message: `'${name}' is also municipalities[${earlier}]`,
            path: k === 0 ? ['municipalities', i, 'name'] : ['municipalities', i, 'aliases', k - 1],
          });
        names.set(key, i);
      });
    });
  });

export interface MunicipalityType {
  readonly id: string;
  readonly code: number;
  readonly label: LocalizedText;
}

export interface MunicipalityClassification {
  /** The file, relative to the study folder (as study.json names it). */
  readonly file: string;
  readonly label: LocalizedText;
  readonly source: string;
  readonly types: readonly MunicipalityType[];
  /** Place key (placeKey) → the type's code. */
  readonly codes: ReadonlyMap<string, number>;
  /** The place keys, longest first (for names inside a channel's slug). */
  readonly keys: readonly string[];
}

export class MunicipalitiesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MunicipalitiesFileError';
  }
}

/** A place's name as the file and the register are compared: lower case, no accents, words joined by '-'. */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const both = (l: { nl: string; en: string }): LocalizedText => ({
  nl: { text: l.nl, status: 'source' },
  en: { text: l.en, status: 'draft' },
});

/** Validates a parsed municipalities file; problems name the file and the field. */
export function parseMunicipalities(data: unknown, shown: string, file = shown): MunicipalityClassification {
  const parsed = municipalitiesFileSchema.safeParse(data);
  if (!parsed.success)
    throw new MunicipalitiesFileError(
      parsed.error.issues.map((i) => `${shown}: ${i.path.map(String).join('.') || '(file)'}: ${i.message}`).join('\n'),
    );
  const codeOf = new Map(parsed.data.types.map((t) => [t.id, t.code]));
  const codes = new Map<string, number>();
  for (const m of parsed.data.municipalities)
    for (const name of [m.name, ...(m.aliases ?? [])]) codes.set(placeKey(name), codeOf.get(m.type) as number);
  return {
    file,
    label: both(parsed.data.label),
    source: parsed.data.source,
    types: parsed.data.types.map((t) => ({ id: t.id, code: t.code, label: both(t.label) })),
    codes,
    keys: [...codes.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)),
  };
}

/** Reads `file` (relative to the study folder). */
export function loadMunicipalities(studyDir: string, file: string): MunicipalityClassification {
  const path = join(studyDir, file);
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) throw new MunicipalitiesFileError(`${shown}: the file study.json names (municipalities) does not exist`);
  const text = parseJsonText(readFileSync(path, 'utf8'));
  if (!text.ok) throw new MunicipalitiesFileError(`${shown}: ${text.message}`);
  return parseMunicipalities(text.value, shown, file);
}
