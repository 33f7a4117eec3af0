// The small pieces the report's specification is made of (texts, ids, columns, rows), shared by its tables
// (report-spec.ts) and its figures, text tables and sections (report-layout.ts), so neither imports the other.
import { z } from 'zod';
import { localizedTextSchema } from '../questionnaire/schema.ts';
import type { LocalizedText } from '../questionnaire/types.ts';

export const text = z.union([z.string().min(1), localizedTextSchema]);
export const id = z.string().regex(/^(?:[A-Z]\.)?[0-9]+(?:\.[0-9]+)*[a-z]?$/, 'table ids look like "3.1" or "B.2.1a"');
export const variable = z.string().min(1);
export const where = z.string().min(1);

export const columnSchema = z.strictObject({
  label: text,
  /** Who is in the column, as an expression over dataset variables; absent: everyone the table counts. */
  where: where.optional(),
});

export const breakdownSchema = z.strictObject({
  label: text,
  columns: z.array(columnSchema).min(1),
});

export const rowSchema = z.union([z.number().int(), z.strictObject({ code: z.number().int(), label: text })]);

export type RawText = z.infer<typeof text>;
export type RawColumn = z.infer<typeof columnSchema>;
export type RawRow = z.infer<typeof rowSchema>;

export const asLocalized = (raw: RawText): LocalizedText => {
  if (typeof raw === 'string') return { nl: { text: raw, status: 'source' } };
  const out: Record<string, { text: string; status: 'source' | 'draft' | 'reviewed' }> = {};
  for (const [lang, v] of Object.entries(raw)) {
    out[lang] = typeof v === 'string' ? { text: v, status: lang === 'nl' ? 'source' : 'draft' } : v;
  }
  return out;
};
