// The demo study's synthetic waves in the database: 2024 (wave 2) generated from the report's published
// tables, 2023 (wave 1) from the earlier figures it quotes (generate.ts), stored through the same
// responses/answers tables as real responses (storage/bulk.ts), every response marked by a channel starting
// with "demo-". Says plainly on stderr that the data are synthetic. Never touches other responses.
import { like, sql } from 'drizzle-orm';
import type { Database, Db } from '../storage/db.ts';
import { insertResponsesBulk, type BulkResponse } from '../storage/bulk.ts';
import { responses } from '../storage/schema.ts';
import type { StudyDefinition } from '../study/load.ts';
import { hashSecret, newSecret } from '../storage/tokens.ts';
import { generateWave, type DemoRespondent } from './generate.ts';
import { loadQualDemo } from './qual-demo.ts';
import { createRng } from './prng.ts';
import { DEMO_CHANNEL_PREFIX } from './texts.ts';
import { demoWave, demoWaves, respondentsOf, waveSeed } from './waves.ts';

export { DEMO_CHANNEL_PREFIX, DUO_CHANNEL, MUNICIPAL_CHANNELS } from './texts.ts';
export { generateWave } from './generate.ts';
export type { DemoRespondent } from './generate.ts';
export { demoWave, demoWaves, WAVE_2023, WAVE_2024 } from './waves.ts';
export { DemoDataError } from './errors.ts';

/** The seed `npm start` and `demo generate` use unless told otherwise. */
export const DEFAULT_SEED = 2024;

/** Where the CLI writes: the same shape as CliIO, so demo does not depend on cli. */
export interface DemoIO {
  readonly stderr: (text: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const SYNTHETIC_NOTICE =
  'These are SYNTHETIC demo data: invented respondents generated from the published report "Onderzoek perspectief inburgeraars" (2025), not real people.';

/** True when a response's channel marks it as synthetic. */
export const isDemoChannel = (channel: string): boolean => channel.startsWith(DEMO_CHANNEL_PREFIX);

/** A version-4-shaped UUID from the seeded generator, so a seed always gives the same ids. */
function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function toBulkRows(respondents: readonly DemoRespondent[], seed: number): BulkResponse[] {
  const ids = createRng(seed ^ 0x5eed);
  // Nobody holds the secret: a demo response cannot be opened or resumed through a link.
  return respondents.map((r) => toBulkRow(r, uuidFrom(ids.next), hashSecret(newSecret())));
}

/** A generated respondent as a completed response row with this id and access hash. */
export function toBulkRow(r: DemoRespondent, id: string, accessHash: string): BulkResponse {
  return {
    id,
    accessHash,
    questionnaireId: r.questionnaireId,
    questionnaireVersion: r.questionnaireVersion,
    waveId: r.waveId,
    language: r.language,
    channel: r.channel,
    status: 'completed',
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    answers: r.answers,
  };
}

const bar = (done: number, total: number): string => {
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} synthetic respondents`;
};

export { countDemoResponses } from '../storage/responses.ts';

async function countAllResponses(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(responses);
  return Number(row?.n ?? 0);
}

/** Generates the demo waves (2023 and 2024) and stores them in one transaction; returns the respondents stored. */
export async function loadDemo(db: Db, study: StudyDefinition, io: DemoIO, seed = DEFAULT_SEED): Promise<number> {
  const waves = demoWaves(study);
  io.stderr(`${SYNTHETIC_NOTICE}\nGenerating the demo waves ${waves.map(({ wave }) => wave.id).join(' and ')} (seed ${seed})...\n`);
  const rows: BulkResponse[] = [];
  for (const { wave, plan } of waves) rows.push(...toBulkRows(generateWave(study, wave, waveSeed(seed, plan), plan), waveSeed(seed, plan)));
  await insertResponsesBulk(db, rows, { onProgress: (done, total) => io.stderr(bar(done, total)) });
  const per = waves.map(({ wave, plan }) => `${respondentsOf(plan)} into wave ${wave.id}`).join(', ');
  io.stderr(`\nLoaded ${rows.length} synthetic respondents: ${per} (channels "${DEMO_CHANNEL_PREFIX}...").\n`);
  // The qualitative arm's demo corpus (issue 17), replaced as a whole so "demo reset" does not double it.
  await loadQualDemo(db, io);
  return rows.length;
}

/** Deletes every demo response (and its answers); real responses stay. Returns how many were removed. */
export async function removeDemo(db: Db): Promise<number> {
  const removed = await db
    .delete(responses)
    .where(like(responses.channel, `${DEMO_CHANNEL_PREFIX}%`))
    .returning({ id: responses.id });
  return removed.length;
}

/**
 * On an embedded database without any responses, loads the demo wave (progress bar and a plain statement
 * that the data are synthetic, on stderr). Returns whether it loaded. PostgreSQL databases and
 * PERSPECTIEF_DEMO=0 are left alone.
 */
export async function loadDemoIfEmpty(database: Database, study: StudyDefinition, io: DemoIO): Promise<boolean> {
  // The process that owns the embedded database loads the demo; a command reaching it through that process does not.
  if (database.kind !== 'pglite' || database.ownedBy !== undefined || io.env?.['PERSPECTIEF_DEMO'] === '0') return false;
  // The demo answers the study's four questionnaires; another study (a test fixture, say) gets no demo.
  const ids = new Set<string>(demoWave(study).questionnaires.map((q) => q.id));
  if (!['wi2021-asiel', 'wi2021-gezin', 'wi2013-asiel', 'wi2013-gezin'].every((id) => ids.has(id))) return false;
  if ((await countAllResponses(database.db)) > 0) return false;
  io.stderr('The embedded database holds no responses yet, so the demo study is loaded.\n');
  await loadDemo(database.db, study, io);
  return true;
}
