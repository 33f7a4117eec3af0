// What the web app is built from; passed in by `serve` and by tests, never read from globals.
import type { Catalog } from '../i18n/catalog.ts';
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { Db } from '../storage/db.ts';
import { getQuestionnaire } from '../storage/studies.ts';
import type { StudyDefinition } from '../study/load.ts';

export interface AppDeps {
  readonly db: Db;
  readonly study: StudyDefinition;
  readonly catalog: Catalog;
  /** Contact address shown to respondents. */
  readonly contactEmail: string;
  /** Send cookies with Secure (behind HTTPS). */
  readonly secureCookies: boolean;
  /** Behind a reverse proxy: the client's address is the first of X-Forwarded-For (for the code-guessing limit). */
  readonly trustProxy?: boolean;
}

/** Stored questionnaire versions are immutable while they have responses, so the app may keep them. */
export function definitionCache(db: Db) {
  const cache = new Map<string, Promise<QuestionnaireDefinition | null>>();
  return (id: string, version: number): Promise<QuestionnaireDefinition | null> => {
    const key = `${id}@${version}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = getQuestionnaire(db, id, version).then((q) => q?.definition ?? null);
      cache.set(key, hit);
    }
    return hit;
  };
}
