// The page saver's coalescing, against a stand-in store that records every statement it is asked to run
// and answers when the test says so. Its store on a real database is tested in conformance.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageSaver } from '../../src/storage/page-saver.ts';
import type { PageSave } from '../../src/storage/responses.ts';
import { manualClock } from '../support/clock.ts';

const save = (responseId: string, expectedRevision = 0): PageSave => ({
  responseId,
  answers: new Map(),
  remove: [],
  currentPage: 'p',
  completed: false,
  expectedRevision,
});

/** A store whose statements wait until `finish(k)`; each applied save gets expectedRevision + 1, or null for `stale`. */
function heldStore(fail: (batch: readonly PageSave[]) => Error | null = () => null) {
  const statements: { ids: string[]; finish(): void }[] = [];
  const store = (batch: readonly PageSave[]) =>
    new Promise<(number | null)[]>((resolve, reject) => {
      statements.push({
        ids: batch.map((s) => s.responseId),
        finish: () => {
          const error = fail(batch);
          if (error) reject(error);
          else resolve(batch.map((s) => (s.responseId.startsWith('stale') ? null : (s.expectedRevision ?? 0) + 1)));
        },
      });
    });
  return { store, statements };
}

const tick = () => new Promise((r) => setImmediate(r));
// Every saver here gets a manual clock (test/support/clock.ts): time moves only where a test advances it,
// so no statement turns out stalled because the machine was slow.

describe('page saver', () => {
  it('sends a save at once when no statement is running, so light load waits for nothing', async () => {
    const { store, statements } = heldStore();
    const saver = pageSaver(store, { clock: manualClock() });
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      const saved = saver.save(save(id, i));
      assert.equal(statements.length, i + 1);
      statements[i]!.finish();
      assert.equal(await saved, i + 1);
    }
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b'], ['c']],
    );
  });

  it('carries the saves that arrive while a statement runs in the next statement, each answered with its own result', async () => {
    const { store, statements } = heldStore();
    const saver = pageSaver(store, { maxBatch: 3, clock: manualClock() });
    const results = ['a', 'b', 'c', 'stale-d', 'e', 'f'].map((id, i) => saver.save(save(id, 10 * i)));
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a']],
      'one statement at a time',
    );
    statements[0]!.finish();
    await tick();
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b', 'c', 'stale-d']],
    );
    statements[1]!.finish();
    await tick();
    assert.deepEqual(statements[2]!.ids, ['e', 'f']);
    statements[2]!.finish();
    assert.deepEqual(await Promise.all(results), [1, 11, 21, null, 41, 51]);
  });

  it('never puts two saves of one response in one statement, nor starts the second before the first is answered', async () => {
    const { store, statements } = heldStore();
    const saver = pageSaver(store, { stallMs: 0, concurrency: 2 });
    const first = saver.save(save('a', 0));
    const second = saver.save(save('a', 0)); // a doubled post
    const other = saver.save(save('b', 0));
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b']],
    );
    statements[1]!.finish();
    await tick();
    assert.equal(statements.length, 2, 'the doubled post waits while the first save of its response runs');
    statements[0]!.finish();
    await tick();
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b'], ['a']],
    );
    statements[2]!.finish();
    assert.deepEqual(await Promise.all([first, second, other]), [1, 1, 1]);
  });

  it('lets a statement that has run stallMs start the next beside it, up to the concurrency', async () => {
    const { store, statements } = heldStore();
    const clock = manualClock();
    const saver = pageSaver(store, { stallMs: 20, concurrency: 2, clock });
    const results = [saver.save(save('a')), saver.save(save('b'))];
    clock.advance(19);
    assert.equal(statements.length, 1, 'a statement younger than stallMs holds back the next');
    clock.advance(1);
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b']],
      'at stallMs the next starts beside it',
    );
    results.push(saver.save(save('c')));
    clock.advance(1000);
    assert.equal(statements.length, 2, 'both stalled: the third waits for one of them');
    assert.equal(clock.pending(), 0, 'and sets no timer while the concurrency is used up');
    statements[1]!.finish();
    await tick();
    assert.deepEqual(statements[2]!.ids, ['c']);
    statements[0]!.finish();
    statements[2]!.finish();
    assert.deepEqual(await Promise.all(results), [1, 1, 1]);
  });

  it('measures the stall time from the start of the youngest running statement', async () => {
    const { store, statements } = heldStore();
    const clock = manualClock();
    const saver = pageSaver(store, { stallMs: 50, concurrency: 3, clock });
    const results = [saver.save(save('a'))];
    clock.advance(30);
    results.push(saver.save(save('b')));
    clock.advance(19);
    assert.equal(statements.length, 1, 'b arrived 30 ms into a: it waits the 20 ms left, not 50');
    clock.advance(1);
    assert.equal(statements.length, 2);
    results.push(saver.save(save('c')));
    clock.advance(49);
    assert.equal(statements.length, 2, 'c waits until b, the youngest, has run 50 ms');
    clock.advance(1);
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b'], ['c']],
    );
    statements.forEach((s) => s.finish());
    assert.deepEqual(await Promise.all(results), [1, 1, 1]);
  });

  it('when a statement fails, tries each of its saves alone, so only the faulty one hears of an error', async () => {
    const { store, statements } = heldStore((batch) =>
      batch.some((s) => s.responseId === 'bad') ? new Error('value out of range for item Q2.02') : null,
    );
    const saver = pageSaver(store, { clock: manualClock() });
    const running = saver.save(save('a'));
    const results = ['b', 'bad', 'c'].map((id) =>
      saver.save(save(id)).then(
        (r) => r,
        (e: Error) => e.message,
      ),
    );
    statements[0]!.finish();
    await running;
    for (let k = 1; k < 5; k++) {
      await tick();
      statements[k]!.finish();
    }
    assert.deepEqual(await Promise.all(results), [1, 'value out of range for item Q2.02', 1]);
    assert.deepEqual(
      statements.map((s) => s.ids),
      [['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']],
    );
  });

  it('refuses a concurrency or batch size that is not a whole number of at least 1, and a stall time below 0', () => {
    const { store } = heldStore();
    assert.throws(() => pageSaver(store, { concurrency: 0 }), /concurrency must be a whole number >= 1, not 0/);
    assert.throws(() => pageSaver(store, { stallMs: -1 }), /stallMs must be a whole number >= 0, not -1/);
    assert.throws(() => pageSaver(store, { maxBatch: 1.5 }), /maxBatch must be a whole number >= 1, not 1.5/);
  });
});
