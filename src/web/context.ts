// What the web app is built from; passed in by `serve` and by tests, never read from globals.
import type { FieldworkDeps } from '../fieldwork/deps.ts';
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
  /** Send cookies with Secure and the __Host- prefix (behind HTTPS). */
  readonly secureCookies: boolean;
  /**
   * Reverse proxies in front of the app that each append to X-Forwarded-For (PERSPECTIEF_TRUST_PROXY): the
   * client's address, for the rate limits, is the entry that many from the right. 0 or absent: the socket's peer.
   */
  readonly proxyHops?: number;
  /** The clock of the rate limits and sessions (milliseconds since the epoch); tests pass their own. */
  readonly clock?: () => number;
  /** Compress text answers for clients that accept it (default true; the benchmark's anchor turns it off). */
  readonly compression?: boolean;
  /** Texts, public address and Chromium for the channels' materials (absent: the default study's texts, localhost, /usr/bin/chromium). */
  readonly fieldwork?: FieldworkDeps;
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
