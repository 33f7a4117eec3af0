// The storage conformance suite: the same assertions on PGlite and on PostgreSQL (with DATABASE_URL).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnswerValue, ItemId } from '../../src/questionnaire/types.ts';
import {
  createResponse,
  countResponses,
  findResponseBySecret,
  listResponsesWithAnswers,
  loadAnswers,
  loadResponseState,
  savePage,
  savePages,
} from '../../src/storage/responses.ts';
import { getQuestionnaire, listQuestionnaires, syncStudy } from '../../src/storage/studies.ts';
import { audit, createSession, createUser, deleteSession, findSession, findUserByName } from '../../src/storage/users.ts';
import { hashSecret } from '../../src/storage/tokens.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { gt, sql } from 'drizzle-orm';
import { auditLog } from '../../src/storage/schema.ts';

const id = (s: string) => s as ItemId;

describe(`storage on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
  });
  after(async () => t.close());

  const start = () =>
    createResponse(t.db, {
      questionnaireId: 'kort',
      questionnaireVersion: 1,
      waveId: 'inburgeraars:2024',
      language: 'ti',
      channel: 'duo-brief',
    });

  it('stores the questionnaire definition and reads it back unchanged', async () => {
    const stored = await getQuestionnaire(t.db, 'kort', 1);
    assert.deepEqual(stored?.definition, t.study.waves[0]!.questionnaires[0]);
    assert.equal((await listQuestionnaires(t.db)).length, 1);
  });

  it('finds a response only by its secret, which is stored as a hash', async () => {
    const { response, secret } = await start();
    assert.equal((await findResponseBySecret(t.db, secret))?.id, response.id);
    assert.equal(await findResponseBySecret(t.db, `${secret}x`), null);
    const rows = await t.db.execute(sql`select access_hash from responses where id = ${response.id}`);
    const hash = (rows as { rows: { access_hash: string }[] }).rows[0]!.access_hash;
    assert.equal(hash, hashSecret(secret));
    assert.ok(!hash.includes(secret));
  });

  it('saves a page atomically: upserts, removes closed-off answers, moves on, completes', async () => {
    const { response } = await start();
    await savePage(t.db, {
      responseId: response.id,
      answers: new Map<ItemId, AnswerValue | null>([
        [id('Q2.01'), 3],
        [id('Q2.01_anders'), 'ናይ ገዛእ ርእሰይ'],
        [id('Q2.02'), 36],
      ]),
      remove: [],
      currentPage: 'taalcursus',
      completed: false,
    });
    await savePage(t.db, {
      responseId: response.id,
      answers: new Map([
        [id('Q2.01'), 2],
        [id('Q2.01_anders'), null],
      ]),
      remove: [],
      currentPage: 'taalcursus',
      completed: false,
    });
    await savePage(t.db, {
      responseId: response.id,
      answers: new Map([[id('Q2.14'), [1, 2]]]),
      remove: [id('Q2.02')],
      currentPage: 'tot_slot',
      completed: true,
    });
    const answers = await loadAnswers(t.db, response.id);
    assert.deepEqual(Object.fromEntries(answers), { 'Q2.01': 2, 'Q2.14': [1, 2] });
    const [listed] = (await listResponsesWithAnswers(t.db, 'kort', 1)).filter((r) => r.id === response.id);
    assert.equal(listed?.status, 'completed');
    assert.ok(listed.completedAt instanceof Date);
    assert.equal(listed.language, 'ti');
    assert.equal(listed.channel, 'duo-brief');
  });

  it('stores nothing for a response that is gone, or that moved past the revision the save was computed from', async () => {
    const { response } = await start();
    assert.equal(
      await savePage(t.db, {
        responseId: '00000000-0000-4000-8000-000000000000',
        answers: new Map([[id('Q2.02'), 40]]),
        remove: [],
        currentPage: 'x',
        completed: false,
      }),
      null,
    );
    const first = await savePage(t.db, {
      responseId: response.id,
      answers: new Map([[id('Q2.02'), 40]]),
      remove: [],
      currentPage: 'taalcursus',
      completed: false,
      expectedRevision: 0,
    });
    assert.equal(first, 1);
    // A second save computed from revision 0 (a doubled post, another device) is refused and changes nothing.
    assert.equal(
      await savePage(t.db, {
        responseId: response.id,
        answers: new Map([[id('Q2.02'), 41]]),
        remove: [],
        currentPage: 'x',
        completed: true,
        expectedRevision: 0,
      }),
      null,
    );
    const state = await loadResponseState(t.db, { id: response.id });
    assert.deepEqual(Object.fromEntries(state!.answers), { 'Q2.02': 40 });
    assert.equal(state!.revision, 1);
    assert.equal(state!.currentPage, 'taalcursus');
    assert.equal(state!.status, 'started');
    assert.equal(
      await savePage(t.db, {
        responseId: response.id,
        answers: new Map(),
        remove: [id('Q2.02')],
        currentPage: 'taalcursus',
        completed: false,
        expectedRevision: 1,
      }),
      2,
      'a save computed from the current revision is stored',
    );
    assert.equal((await loadAnswers(t.db, response.id)).size, 0);
  });

  it('saves pages of several responses in one statement, each judged against its own revision', async () => {
    const [a, b, c] = [(await start()).response, (await start()).response, (await start()).response];
    await savePage(t.db, {
      responseId: b.id,
      answers: new Map([[id('Q2.02'), 30]]),
      remove: [],
      currentPage: 'taalcursus',
      completed: false,
    });
    const revisions = await savePages(t.db, [
      {
        responseId: a.id,
        answers: new Map<ItemId, AnswerValue | null>([
          [id('Q2.01'), 3],
          [id('Q2.01_anders'), 'ናይ ገዛእ'],
        ]),
        remove: [],
        currentPage: 'taalcursus',
        completed: false,
        expectedRevision: 0,
      },
      // b moved on to revision 1: this save, computed from 0, is refused and changes nothing of b.
      { responseId: b.id, answers: new Map([[id('Q2.02'), 31]]), remove: [], currentPage: 'x', completed: true, expectedRevision: 0 },
      {
        responseId: '00000000-0000-4000-8000-000000000000',
        answers: new Map([[id('Q2.02'), 40]]),
        remove: [],
        currentPage: 'x',
        completed: false,
      },
      { responseId: c.id, answers: new Map([[id('Q2.14'), [1, 2]]]), remove: [], currentPage: 'tot_slot', completed: true },
    ]);
    assert.deepEqual(revisions, [1, null, null, 1]);
    assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, a.id)), { 'Q2.01': 3, 'Q2.01_anders': 'ናይ ገዛእ' });
    const stateB = await loadResponseState(t.db, { id: b.id });
    assert.deepEqual(
      [Object.fromEntries(stateB!.answers), stateB!.revision, stateB!.currentPage, stateB!.status],
      [{ 'Q2.02': 30 }, 1, 'taalcursus', 'started'],
    );
    const stateC = await loadResponseState(t.db, { id: c.id });
    assert.deepEqual([Object.fromEntries(stateC!.answers), stateC!.status], [{ 'Q2.14': [1, 2] }, 'completed']);
    assert.deepEqual(await savePages(t.db, []), []);
  });

  it('refuses two saves of one response in one statement, and stores nothing of a statement that fails', async () => {
    const [a, b] = [(await start()).response, (await start()).response];
    const save = (responseId: string, value: number) => ({
      responseId,
      answers: new Map([[id('Q2.02'), value]]),
      remove: [],
      currentPage: 'taalcursus',
      completed: false,
    });
    await assert.rejects(savePages(t.db, [save(a.id, 1), save(a.id, 2)]), RangeError);
    await assert.rejects(savePages(t.db, [save(b.id, 5), save('not-a-uuid', 6)]));
    assert.equal((await loadAnswers(t.db, a.id)).size, 0);
    assert.equal((await loadAnswers(t.db, b.id)).size, 0);
    assert.equal((await loadResponseState(t.db, { id: b.id }))!.revision, 0);
  });

  it('loads a response with its answers and recordings in one query, by code hash or id', async () => {
    const { response, secret } = await start();
    await savePage(t.db, {
      responseId: response.id,
      answers: new Map<ItemId, AnswerValue | null>([
        [id('Q2.01'), 3],
        [id('Q2.01_anders'), 'ናይ ገዛእ'],
        [id('Q2.14'), [1, 2]],
      ]),
      remove: [],
      currentPage: 'taalcursus',
      completed: false,
    });
    const byHash = await loadResponseState(t.db, { accessHash: hashSecret(secret) });
    const byId = await loadResponseState(t.db, { id: response.id });
    assert.deepEqual(byHash, byId);
    assert.deepEqual(Object.fromEntries(byHash!.answers), { 'Q2.01': 3, 'Q2.01_anders': 'ናይ ገዛእ', 'Q2.14': [1, 2] });
    assert.equal(byHash!.language, 'ti');
    assert.ok(byHash!.startedAt instanceof Date);
    assert.equal(byHash!.recordings.size, 0);
    assert.equal(await loadResponseState(t.db, { accessHash: hashSecret('nothing') }), null);
  });

  it('rolls back any transaction when one write fails', async () => {
    const { response } = await start();
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`insert into answers (response_id, item_id, value) values (${response.id}, 'Q2.02', '41'::jsonb)`);
        await tx.execute(sql`update responses set status = 'broken' where id = ${response.id}`);
      }),
    );
    assert.equal((await loadAnswers(t.db, response.id)).size, 0, 'the answer written before the failure is gone');
    assert.equal(await findResponseBySecret(t.db, 'no-such-secret-0000000000'), null);
  });

  it('counts started and completed responses per questionnaire version, as numbers', async () => {
    const kort = async () => (await countResponses(t.db)).find((c) => c.questionnaireId === 'kort' && c.questionnaireVersion === 1);
    const before = (await kort()) ?? { started: 0, completed: 0 };
    const [, , done] = [(await start()).response, (await start()).response, (await start()).response];
    await savePage(t.db, { responseId: done.id, answers: new Map(), remove: [], currentPage: 'tot_slot', completed: true });
    const counts = await countResponses(t.db);
    assert.deepEqual(
      counts.map((c) => `${c.questionnaireId}@${c.questionnaireVersion}`),
      ['kort@1'],
    );
    assert.deepEqual([counts[0]!.started, counts[0]!.completed], [before.started + 2, before.completed + 1]);
    assert.equal(typeof counts[0]!.started, 'number');
    assert.equal(typeof counts[0]!.completed, 'number');
  });

  it('syncs the same study again after responses exist (stored JSON comes back with its keys reordered)', async () => {
    await start();
    assert.deepEqual(await syncStudy(t.db, t.study), []);
  });

  it('refuses a changed questionnaire version that already has responses, and keeps the stored one', async () => {
    const study = t.study;
    const def = study.waves[0]!.questionnaires[0]!;
    const changed = { ...def, group: 'changed' };
    const bad = { ...study, waves: [{ ...study.waves[0]!, questionnaires: [changed] }] };
    await start();
    await assert.rejects(syncStudy(t.db, bad), /already has \d+ responses; give the changed file a new version number/);
    assert.equal((await getQuestionnaire(t.db, 'kort', 1))?.definition.group, 'wi2021-asiel');
  });

  it('keeps users (unique names) and login sessions until they expire, idle out or are deleted', async () => {
    const user = await createUser(t.db, { username: 'r1', passwordHash: 'scrypt$x', role: 'researcher' });
    assert.deepEqual(await findUserByName(t.db, 'r1'), {
      id: user.id,
      username: 'r1',
      role: 'researcher',
      passwordHash: 'scrypt$x',
      disabled: false,
    });
    // Sessions are judged by the caller's clock; their start is the database's, after the account's creation.
    const now = new Date(Date.now() + 1000);
    const at = (ms: number) => ({ now: new Date(now.getTime() + ms), idleMs: 30_000 });
    const { secret, csrfToken } = await createSession(t.db, user.id, 60_000, now);
    assert.deepEqual(await findSession(t.db, secret, at(0)), { csrfToken, user: { id: user.id, username: 'r1', role: 'researcher' } });
    assert.equal(await findSession(t.db, secret, at(31_000)), null, 'idle for longer than 30 s');
    assert.equal(await findSession(t.db, secret, at(120_000)), null, 'expired');
    await deleteSession(t.db, secret);
    assert.equal(await findSession(t.db, secret, at(0)), null, 'deleted');
    await assert.rejects(createUser(t.db, { username: 'r1', passwordHash: 'x', role: 'researcher' }));
  });

  it('writes audit log entries (time, user, action, detail) and keeps them when their user is deleted', async () => {
    const user = await createUser(t.db, { username: 'auditor', passwordHash: 'scrypt$x', role: 'researcher' });
    const from = (await t.db.select({ max: sql<number | null>`max(${auditLog.id})` }).from(auditLog))[0]?.max ?? 0;
    const entries = async () =>
      (
        await t.db
          .select()
          .from(auditLog)
          .where(gt(auditLog.id, Number(from)))
          .orderBy(auditLog.id)
      ).map(({ userId, action, detail, at }) => ({
        userId,
        action,
        detail,
        at,
      }));
    const written = Date.now();
    await audit(t.db, { userId: user.id, action: 'export', detail: { rows: 1, file: 'perspectief-antwoorden.csv' } });
    await audit(t.db, { userId: null, action: 'login-failed' });
    const stored = await entries();
    assert.deepEqual(
      stored.map(({ userId, action, detail }) => ({ userId, action, detail })),
      [
        { userId: user.id, action: 'export', detail: { rows: 1, file: 'perspectief-antwoorden.csv' } },
        { userId: null, action: 'login-failed', detail: {} },
      ],
    );
    for (const { at } of stored) {
      assert.ok(at instanceof Date, 'the time is stored');
      // the database's clock, not ours: allow for a server on another machine being a little off
      assert.ok(Math.abs(at.getTime() - written) < 60_000, `entry time ${at.toISOString()} is the time of writing`);
    }
    await t.db.execute(sql`delete from users where id = ${user.id}`);
    assert.deepEqual(
      (await entries()).map(({ userId, action }) => ({ userId, action })),
      [
        { userId: null, action: 'export' },
        { userId: null, action: 'login-failed' },
      ],
      'the entries outlive the user; only the link to the user is cleared',
    );
  });
});
