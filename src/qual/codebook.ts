// The codebook: patterns in a hierarchy with descriptions, each linked to report sections and survey items.
// GUIDs are REFI-QDA's identity of a code, kept across export and import.
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { qualCodes } from '../storage/schema.ts';
import { QualInputError } from './errors.ts';

export interface Code {
  readonly id: number;
  readonly guid: string;
  readonly parentId: number | null;
  readonly name: string;
  readonly description: string;
  readonly color: string | null;
  readonly sections: readonly string[];
  readonly surveyItems: readonly string[];
  readonly position: number;
  readonly synthetic: boolean;
}

export const codeInput = z
  .object({
    guid: z.uuid().optional(),
    parentId: z.number().int().positive().nullable().default(null),
    name: z.string().trim().min(1, 'a name').max(300),
    description: z.string().max(10_000).default(''),
    color: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, 'a colour as #RRGGBB')
      .nullable()
      .default(null),
    sections: z.array(z.string().regex(/^\d+(\.\d+)*$/, 'a report section such as 4.4.2')).default([]),
    surveyItems: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/, 'a survey item id such as Q4.19')).default([]),
    position: z.number().int().default(0),
    synthetic: z.boolean().default(false),
  })
  .strict();
export type CodeInput = z.input<typeof codeInput>;

const toCode = (r: typeof qualCodes.$inferSelect): Code => ({
  id: r.id,
  guid: r.guid,
  parentId: r.parentId,
  name: r.name,
  description: r.description,
  color: r.color,
  sections: r.sections,
  surveyItems: r.surveyItems,
  position: r.position,
  synthetic: r.synthetic,
});

export function parseCode(raw: unknown, where: string): z.output<typeof codeInput> {
  const r = codeInput.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new QualInputError(`${where}, field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
  }
  return r.data;
}

export async function addCode(db: Db, raw: unknown): Promise<Code> {
  const input = parseCode(raw, 'pattern');
  if (input.parentId !== null && !(await getCode(db, input.parentId)))
    throw new QualInputError(`pattern, field parentId: no pattern ${input.parentId}`);
  const [row] = await db
    .insert(qualCodes)
    .values({ ...input, guid: input.guid ?? randomUUID() })
    .returning();
  return toCode(row!);
}

export async function getCode(db: Db, id: number): Promise<Code | null> {
  const [row] = await db.select().from(qualCodes).where(eq(qualCodes.id, id));
  return row ? toCode(row) : null;
}

/** Every code, depth first in the hierarchy (siblings by position, then id), with its depth. */
export async function listCodes(db: Db): Promise<(Code & { depth: number })[]> {
  const rows = (await db.select().from(qualCodes).orderBy(asc(qualCodes.position), asc(qualCodes.id))).map(toCode);
  return treeOrder(rows);
}

export function treeOrder<T extends Pick<Code, 'id' | 'parentId'>>(rows: readonly T[]): (T & { depth: number })[] {
  const children = new Map<number | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ ...c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Finds a pattern by its number or its GUID. */
export async function findCode(db: Db, ref: string): Promise<Code | null> {
  if (/^\d+$/.test(ref)) return getCode(db, Number(ref));
  if (!z.uuid().safeParse(ref).success) return null;
  const [row] = await db.select().from(qualCodes).where(eq(qualCodes.guid, ref));
  return row ? toCode(row) : null;
}

export { toCode };
