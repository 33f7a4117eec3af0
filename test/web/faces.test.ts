import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ItemId, Option } from '../../src/questionnaire/types.ts';
import { faceOf } from '../../src/web/respondent/faces.tsx';

const option = (code: number, missing = false): Option => ({
  code,
  text: { nl: { text: String(code), status: 'source' } },
  ...(missing ? { missing: true } : {}),
});
const scale = (valence: 'higher-is-positive' | 'lower-is-positive', codes: number[]) => ({
  id: 'Q' as ItemId,
  kind: 'scale' as const,
  text: {},
  required: false,
  tables: [],
  reconstructed: false,
  valence,
  options: [...codes.map((c) => option(c)), option(99, true)],
});

it('gives the happiest face to the positive end, whatever the code order', () => {
  const up = scale('higher-is-positive', [5, 4, 3, 2, 1]);
  assert.deepEqual(
    up.options.map((o) => faceOf(up, o)),
    [4, 3, 2, 1, 0, null],
  );
  const down = scale('lower-is-positive', [1, 2, 3, 4, 5]);
  assert.deepEqual(
    down.options.map((o) => faceOf(down, o)),
    [4, 3, 2, 1, 0, null],
  );
  const four = scale('higher-is-positive', [1, 2, 3, 4]);
  assert.deepEqual(
    four.options.map((o) => faceOf(four, o)),
    [0, 1, 3, 4, null],
  );
});
