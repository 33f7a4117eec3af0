// The allocator behind the demo wave: crossing margins are met exactly, the latent order is kept inside a
// cell, and the seeded generator repeats itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate, SKIP } from '../../src/demo/allocate.ts';
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

  it('meets crossing margins exactly, non-response included', () => {
    const result = allocate(
      {
        units,
        categories: [1, 2, SKIP],
        columns,
        fallback: new Map([
          [1, 1],
          [2, 1],
          [SKIP, 0],
        ]),
        ordered: new Set([1, 2]),
      },
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
    const run = (seed: number) => [
      ...allocate(
        {
          units,
          categories: [1, 2, SKIP],
          columns,
          fallback: new Map([
            [1, 1],
            [2, 1],
            [SKIP, 1],
          ]),
          ordered: new Set(),
        },
        createRng(seed),
      ),
    ];
    assert.deepEqual(run(11), run(11));
    assert.notDeepEqual(run(11), run(12));
  });
});
