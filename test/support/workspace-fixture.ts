// Eighty completed responses of the 2024 wave with answers fixed by their number (no randomness), for the
// workspace tests: gender (with "Dat wil ik niet zeggen"), age, learning route, the two items of the scale
// "maatschappelijk doel", a multiple-answer item, five languages and three channels. Also the same rows as
// a CSV for R, which computes the reference values.
import { writeFileSync } from 'node:fs';
import type { AnswerValue } from '../../src/questionnaire/types.ts';
import { insertResponsesBulk } from '../../src/storage/bulk.ts';
import type { Db } from '../../src/storage/db.ts';
import { hashSecret, newSecret } from '../../src/storage/tokens.ts';

const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'ti'] as const;

export interface FixtureRow {
  readonly id: string;
  readonly questionnaire: 'wi2021-asiel' | 'wi2021-gezin';
  readonly language: (typeof LANGUAGES)[number];
  readonly channel: string;
  readonly answers: Readonly<Record<string, AnswerValue>>;
}

/** Row i of the fixture. */
export function fixtureRow(i: number): FixtureRow {
  const gender = i % 10 === 9 ? 98 : (i % 2) + 1;
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    questionnaire: i < 60 ? 'wi2021-asiel' : 'wi2021-gezin',
    language: LANGUAGES[i % 5]!,
    channel: i % 4 === 0 ? 'sessie-abc123' : 'duo-brief',
    answers: {
      'Q2.01': gender,
      'Q2.02': 19 + ((i * 13) % 50),
      'Q2.09': 1 + (i % 3),
      'Q3.01': 1 + ((i * 7) % 5),
      'Q3.02': 1 + ((i * 7 + (i % 3)) % 5),
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
        questionnaireVersion: 3,
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
  const lines = ['questionnaire,gender,age,route,q301,q302'];
  for (let i = 0; i < FIXTURE_ROWS; i++) {
    const r = fixtureRow(i);
    const a = r.answers;
    lines.push([r.questionnaire, a['Q2.01'] === 98 ? 'NA' : a['Q2.01'], a['Q2.02'], a['Q2.09'], a['Q3.01'], a['Q3.02']].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
