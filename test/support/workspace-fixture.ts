// Eighty completed responses of the 2024 wave with answers fixed by their number (no randomness), for the
// workspace tests: gender (with "Dat wil ik niet zeggen"), age, learning route, the items of the scales
// "maatschappelijk doel" and "beleidsdoelen", a multiple-answer item, five languages and four channels (two of
// them a municipality's: Utrecht, a G4 city, and Breda, a G40 city). Also the same rows as a CSV for R, which
// computes the reference values.
import { writeFileSync } from 'node:fs';
import type { AnswerValue } from '../../src/questionnaire/types.ts';
import { insertResponsesBulk } from '../../src/storage/bulk.ts';
import type { Db } from '../../src/storage/db.ts';
import { hashSecret, newSecret } from '../../src/storage/tokens.ts';
import { questionnaireVersion } from './db.ts';

const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'ti'] as const;

export interface FixtureRow {
  readonly id: string;
  readonly questionnaire: 'wi2021-asiel' | 'wi2021-gezin';
  readonly language: (typeof LANGUAGES)[number];
  readonly channel: string;
  readonly answers: Readonly<Record<string, AnswerValue>>;
}

const clamp = (v: number): number => Math.min(5, Math.max(1, v));
/** Answers to Q3.01 (1-5), uneven so that each column of a breakdown has its own distribution. */
const Q301 = [5, 4, 4, 3, 5, 2, 1, 4, 5, 3, 4, 4, 2];

/** Row i of the fixture. */
export function fixtureRow(i: number): FixtureRow {
  const gender = i % 10 === 9 ? 98 : (i % 2) + 1;
  const q301 = Q301[i % Q301.length]!;
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    questionnaire: i < 60 ? 'wi2021-asiel' : 'wi2021-gezin',
    language: LANGUAGES[i % 5]!,
    channel: i % 4 === 0 ? 'sessie-abc123' : i % 8 === 2 ? 'gemeente-utrecht' : i % 8 === 6 ? 'gemeente-breda' : 'duo-brief',
    answers: {
      'Q2.01': gender,
      'Q2.02': 19 + ((i * 13) % 50),
      'Q2.09': 1 + (i % 3),
      'Q3.01': q301,
      'Q3.02': clamp(q301 + (i % 3) - 1),
      // The four items of "beleidsdoelen": related to Q3.01 in different strengths, one against it, and
      // Q3.06 left unanswered by every seventh respondent (complete cases).
      'Q3.03': clamp(q301 + (i % 5 === 0 ? -2 : 0)),
      'Q3.04': clamp(q301 - 1 + (i % 4 === 1 ? 2 : 0)),
      'Q3.05': clamp(6 - q301 + (i % 2)),
      ...(i % 7 === 3 ? {} : { 'Q3.06': clamp(1 + ((i * 3) % 5)) }),
      'Q3.08': i % 3 === 0 ? [1, 2] : [1],
    },
  };
}

export const FIXTURE_ROWS = 80;

/** Stores the fixture's responses in the wave. */
export async function storeFixture(db: Db, waveId: string): Promise<void> {
  const at = new Date(Date.UTC(2024, 9, 15, 9));
  await insertResponsesBulk(
    db,
    Array.from({ length: FIXTURE_ROWS }, (_, i) => {
      const r = fixtureRow(i);
      return {
        id: r.id,
        accessHash: hashSecret(newSecret()),
        questionnaireId: r.questionnaire,
        questionnaireVersion: questionnaireVersion(waveId, r.questionnaire),
        waveId,
        language: r.language,
        channel: r.channel,
        status: 'completed' as const,
        startedAt: at,
        completedAt: at,
        answers: new Map(Object.entries(r.answers)),
      };
    }),
  );
}

/** The fixture as CSV for R: one row per response, missing codes (98) as NA. */
export function writeFixtureCsv(path: string): void {
  const items = ['Q3.01', 'Q3.02', 'Q3.03', 'Q3.04', 'Q3.05', 'Q3.06'];
  const lines = [`questionnaire,channel,gender,age,route,${items.map((x) => x.replace('Q3.', 'q3')).join(',')}`];
  for (let i = 0; i < FIXTURE_ROWS; i++) {
    const r = fixtureRow(i);
    const a = r.answers;
    const scores = items.map((x) => a[x] ?? 'NA');
    lines.push([r.questionnaire, r.channel, a['Q2.01'] === 98 ? 'NA' : a['Q2.01'], a['Q2.02'], a['Q2.09'], ...scores].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
