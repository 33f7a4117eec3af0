// Studies, waves and questionnaire versions in the database. A stored questionnaire version is immutable once
// it has responses: changing its file without raising the version is refused, so no answer loses its meaning.
import { and, count, eq } from 'drizzle-orm';
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { Db } from './db.ts';
import { DatabaseError } from './errors.ts';
import { questionnaires, responses, studies, waves } from './schema.ts';
import type { StudyDefinition } from '../study/load.ts';

export interface StoredQuestionnaire {
  readonly waveId: string;
  readonly definition: QuestionnaireDefinition;
}

/** Equal as JSON values, whatever the order of object keys (jsonb hands keys back in its own order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Makes the database hold the study's waves and questionnaire versions; returns what it changed. */
export async function syncStudy(db: Db, study: StudyDefinition): Promise<string[]> {
  return db.transaction(async (tx) => {
    const changes: string[] = [];
    await tx
      .insert(studies)
      .values({ id: study.id, title: study.title })
      .onConflictDoUpdate({ target: studies.id, set: { title: study.title } });
    for (const wave of study.waves) {
      await tx
        .insert(waves)
        .values({ id: wave.id, studyId: study.id, number: wave.number, label: wave.label })
        .onConflictDoUpdate({ target: waves.id, set: { number: wave.number, label: wave.label } });
      for (const def of wave.questionnaires) {
        const where = and(eq(questionnaires.id, def.id), eq(questionnaires.version, def.version));
        const [existing] = await tx.select().from(questionnaires).where(where);
        if (!existing) {
          await tx.insert(questionnaires).values({ id: def.id, version: def.version, waveId: wave.id, group: def.group, definition: def });
          changes.push(`added questionnaire ${def.id} version ${def.version}`);
          continue;
        }
        if (sameJson(existing.definition, def) && existing.waveId === wave.id) continue;
        const [used] = await tx
          .select({ n: count().mapWith(Number) })
          .from(responses)
          .where(and(eq(responses.questionnaireId, def.id), eq(responses.questionnaireVersion, def.version)));
        if ((used?.n ?? 0) > 0) {
          throw new DatabaseError(
            `questionnaire ${def.id} version ${def.version} differs from the stored one, which already has ${used!.n} responses; give the changed file a new version number`,
          );
        }
        await tx.update(questionnaires).set({ definition: def, group: def.group, waveId: wave.id }).where(where);
        changes.push(`updated questionnaire ${def.id} version ${def.version} (no responses yet)`);
      }
    }
    return changes;
  });
}

export async function listQuestionnaires(db: Db): Promise<StoredQuestionnaire[]> {
  const rows = await db.select().from(questionnaires).orderBy(questionnaires.id, questionnaires.version);
  return rows.map((r) => ({ waveId: r.waveId, definition: r.definition as QuestionnaireDefinition }));
}

export async function getQuestionnaire(db: Db, id: string, version: number): Promise<StoredQuestionnaire | null> {
  const [row] = await db
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.id, id), eq(questionnaires.version, version)));
  return row ? { waveId: row.waveId, definition: row.definition as QuestionnaireDefinition } : null;
}
