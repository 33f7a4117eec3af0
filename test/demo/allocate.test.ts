// The allocator behind the demo wave: crossing margins are met exactly, the latent order is kept inside a
// cell, and the seeded generator repeats itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate, SKIP, type AllocationInput, type Constraint } from '../../src/demo/allocate.ts';
import { createRng } from '../../src/demo/prng.ts';

describe('allocate', () => {
  // 200 units: two groups (0-99, 100-199) crossed with two routes (even, odd).
  const units = Array.from({ length: 200 }, (_, i) => i);
  const group = (g: number) => new Set(units.filter((u) => Math.floor(u / 100) === g));
  const route = (r: number) => new Set(units.filter((u) => u % 2 === r));
  const columns = [
    {
      members: group(0),
      target: new Map([
        [1, 30],
        [2, 60],
        [SKIP, 10],
      ]),
    },
    {
      members: group(1),
      target: new Map([
        [1, 50],
        [2, 30],
        [SKIP, 20],
      ]),
    },
    {
      members: route(0),
      target: new Map([
        [1, 45],
        [2, 40],
        [SKIP, 15],
      ]),
    },
  ];
  const count = (result: Map<number, number>, members: Set<number>, code: number) =>
    [...members].filter((u) => result.get(u) === code).length;
  /** The two groups' columns with answers 1 and 2 or none, equally likely by default, unordered. */
  const input = (own: Partial<AllocationInput> = {}): AllocationInput => ({
    units,
    categories: [1, 2, SKIP],
    columns,
    fallback: new Map([
      [1, 1],
      [2, 1],
      [SKIP, 1],
    ]),
    ordered: new Set(),
    ...own,
  });

  it('meets crossing margins exactly, non-response included', () => {
    const result = allocate(
      input({
        fallback: new Map([
          [1, 1],
          [2, 1],
          [SKIP, 0],
        ]),
        ordered: new Set([1, 2]),
      }),
      createRng(7),
    );
    for (const col of columns) for (const [code, n] of col.target) assert.equal(count(result, col.members, code), n);
  });

  it('orders the ordered categories by the latent score inside a cell', () => {
    const single = [
      {
        members: new Set(units),
        target: new Map([
          [1, 100],
          [2, 100],
        ]),
      },
    ];
    const result = allocate(
      {
        units,
        categories: [1, 2],
        columns: single,
        fallback: new Map([
          [1, 1],
          [2, 1],
        ]),
        ordered: new Set([1, 2]),
        latent: (u) => u,
      },
      createRng(3),
    );
    assert.ok(units.every((u) => result.get(u) === (u < 100 ? 1 : 2)));
  });

  it('gives the same allocation for the same seed', () => {
    const run = (seed: number) => [...allocate(input(), createRng(seed))];
    assert.deepEqual(run(11), run(11));
    assert.notDeepEqual(run(11), run(12));
  });

  it("meets a figure's N over several bars and its quoted shares, with the columns' margins exact", () => {
    // A "figure" over the even units of both groups (the route-0 column): 85 answers (1 or 2), 45% of them 1
    // among group 0's evens and 60% among group 1's evens (so 40 and 45 answers); the columns stay exact.
    const evens0 = new Set([...group(0)].filter((u) => u % 2 === 0));
    const evens1 = new Set([...group(1)].filter((u) => u % 2 === 0));
    const constraints: Constraint[] = [
      {
        kind: 'count',
        region: [
          { members: evens0, categories: [1, 2] },
          { members: evens1, categories: [1, 2] },
        ],
        target: 85,
      },
      { kind: 'share', part: [{ members: evens0, categories: [1] }], whole: [{ members: evens0, categories: [1, 2] }], value: 0.45 },
      { kind: 'share', part: [{ members: evens1, categories: [1] }], whole: [{ members: evens1, categories: [1, 2] }], value: 0.6 },
    ];
    const result = allocate(input({ constraints }), createRng(5));
    for (const col of columns) for (const [code, n] of col.target) assert.equal(count(result, col.members, code), n);
    const answered = (m: Set<number>) => count(result, m, 1) + count(result, m, 2);
    assert.equal(answered(evens0) + answered(evens1), 85);
    // Within 0.4 points of the share costs nothing to the repair: it prints as the whole percentage.
    assert.ok(Math.abs((100 * count(result, evens0, 1)) / answered(evens0) - 45) <= 0.5 + 100 / answered(evens0));
    assert.ok(Math.abs((100 * count(result, evens1, 1)) / answered(evens1) - 60) <= 0.5 + 100 / answered(evens1));
  });
});
