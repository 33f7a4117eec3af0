// The participant register: attributions built from it (never a name, parts left out when unknown), the
// report's tables from it (rows for unknowns only when needed), bad entries refused naming the field, and a
// withdrawn consent that removes a person from the tables and their quotes from every retrieval.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addParticipants,
  addQuotes,
  attributionOf,
  findQuotes,
  listParticipants,
  participantTable,
  QualInputError,
  withdrawConsent,
} from '../../src/qual/index.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

it('builds the attribution from gender, age, country and route, leaving out what is unknown', () => {
  assert.equal(attributionOf({ gender: 'man', age: 57, country: 'Turkije', learningRoute: 'z' }), '(man, 57, Turkije, Z-route)');
  assert.equal(attributionOf({ gender: 'vrouw', age: null, country: 'Turkije', learningRoute: 'b1' }), '(vrouw, Turkije, B1-route)');
  assert.equal(
    attributionOf({ gender: 'vrouw', age: 26, country: 'Syrië', learningRoute: 'onderwijs' }),
    '(vrouw, 26, Syrië, Onderwijsroute)',
  );
  assert.equal(attributionOf({ gender: 'vrouw', age: 46, country: 'Syrië', learningRoute: null }), '(vrouw, 46, Syrië)');
});

describe(`participant register on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
    await addParticipants(t.db, [
      { code: 'A', kind: 'in-depth', migrantType: 'asiel', gender: 'vrouw', age: 70, country: 'Syrië', learningRoute: 'z' },
      { code: 'B', kind: 'in-depth', migrantType: 'asiel', gender: null, age: null, country: 'Eritrea', learningRoute: null },
      {
        code: 'C',
        kind: 'peer-to-peer',
        migrantType: 'asiel',
        gender: 'man',
        age: 30,
        country: 'Irak',
        learningRoute: 'b1',
        interviewerCode: 'D',
      },
      { code: 'D', kind: 'expert-pool', pool: 'mb', migrantType: 'asiel', gender: 'man', age: 44, country: 'Syrië', learningRoute: 'b1' },
    ]);
    await addQuotes(t.db, [
      { participantCode: 'C', language: 'ar', text: 'نعم', textNl: 'Ja.' },
      { participantCode: 'D', language: 'nl', text: 'Nee.', textNl: 'Nee.' },
    ]);
  });
  after(async () => t.close());

  it('records who held a peer-to-peer interview', async () => {
    const all = await listParticipants(t.db);
    assert.equal(all.find((p) => p.code === 'C')!.interviewerId, all.find((p) => p.code === 'D')!.id);
  });

  it('adds rows for unknown gender, age over 66 and unknown route only when someone has one', async () => {
    const table = participantTable(await listParticipants(t.db), '2.8');
    assert.equal(table.title, 'Kenmerken deelnemers diepte-interviews (N = 2) en peer-to-peer interviews (N=1)');
    const row = (label: string) => table.rows.find((r) => r.label === label)?.cells;
    assert.deepEqual(row('Onbekend'), ['1 (50%)', '-']);
    assert.deepEqual(row('Ouder dan 66 jaar'), ['1 (50%)', '-']);
    assert.deepEqual(row('18-30 jaar'), ['-', '1 (100%)']);
    assert.equal(
      participantTable(await listParticipants(t.db), '2.7').rows.some((r) => r.label === 'Onbekend'),
      false,
    );
  });

  it('refuses an entry naming the entry and field, and stores none of the batch', async () => {
    const before = (await listParticipants(t.db)).length;
    await assert.rejects(
      addParticipants(t.db, [
        { code: 'E', kind: 'in-depth', migrantType: 'asiel' },
        { code: 'F', kind: 'expert-pool', migrantType: 'asiel' },
      ]),
      (e: unknown) =>
        e instanceof QualInputError && /participant 2, field pool: a pool is given for expert-pool members only/.test(e.message),
    );
    await assert.rejects(
      addParticipants(t.db, [{ code: 'Jan Jansen', kind: 'in-depth', migrantType: 'asiel' }]),
      /field code: letters, digits and dashes \(a code, never a name\)/,
    );
    await assert.rejects(
      addParticipants(t.db, [{ code: 'G', kind: 'in-depth', migrantType: 'asiel', name: 'Fatima' }]),
      /Unrecognized key/,
    );
    assert.equal((await listParticipants(t.db)).length, before);
  });

  it('leaves a person who withdrew consent out of the tables and every quote retrieval', async () => {
    assert.equal((await findQuotes(t.db)).length, 2);
    assert.equal(await withdrawConsent(t.db, 'C', new Date('2025-04-01T00:00:00Z')), true);
    assert.deepEqual(
      (await findQuotes(t.db)).map((q) => q.attribution),
      ['(man, 44, Syrië, B1-route)'],
    );
    assert.equal(participantTable(await listParticipants(t.db), '2.8').columnN[1], 0);
  });
});
