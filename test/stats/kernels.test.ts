// The WebAssembly kernels: the committed binary is what its source compiles to, scratch memory behaves as
// a stack that survives growth, and tabulation agrees with a plain count under masks and weights.
// (Every statistic built on the kernels is checked against R and NIST by the other tests here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { compileKernels, KERNEL_BINARY } from '../../scripts/wasm/build.ts';
import { growMemory, withScratch } from '../../src/stats/kernels/index.ts';
import { tabulate } from '../../src/stats/crosstab.ts';
import { dataset, numericColumn, withMask } from '../../src/stats/dataset.ts';
import { StatsError } from '../../src/stats/errors.ts';

test('the committed WebAssembly (binary.ts) is what assembly/index.ts compiles to', () => {
  assert.equal(readFileSync(KERNEL_BINARY, 'utf8'), compileKernels(), 'run `npx tsx scripts/wasm/build.ts` after changing the kernels');
});

test('scratch is a stack: nested scopes release in order, and growing the memory keeps what it holds', () => {
  const [first, second] = withScratch((outer) => {
    const a = outer.f64From([1.5, -2, 3]);
    // 64 MB forces the memory to grow, which detaches every earlier view: contents must survive.
    const inner = withScratch((s) => {
      const big = s.f64(8 * 1024 * 1024);
      s.float64(big, 1)[0] = 7;
      return big;
    });
    assert.ok(inner > a);
    assert.deepEqual(Array.from(outer.float64(a, 3)), [1.5, -2, 3]);
    const b = outer.f64(2);
    assert.equal(b, inner, 'the inner scope released its arrays');
    assert.deepEqual(Array.from(outer.float64(b, 2)), [0, 0], 'new arrays are zero-filled, whatever was there before');
    return [a, b];
  });
  assert.equal(
    withScratch((s) => s.f64(1)),
    first,
    'the outer scope released its arrays',
  );
  assert.ok(second > first);
});

test('property: tabulation counts the rows in view (mask byte 1) with their weights, and missing codes per column', () => {
  const row = fc.record({
    r: fc.integer({ min: -1, max: 3 }),
    c: fc.integer({ min: -1, max: 2 }),
    w: fc.double({ min: 0, max: 5, noNaN: true }),
    m: fc.integer({ min: 0, max: 1 }),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), fc.boolean(), (rows, weighted, masked) => {
      const rowCodes = Int32Array.from(rows, (x) => x.r);
      const colCodes = Int32Array.from(rows, (x) => x.c);
      const weights = weighted ? Float64Array.from(rows, (x) => x.w) : undefined;
      const mask = masked ? Uint8Array.from(rows, (x) => x.m) : undefined;
      const t = tabulate(rowCodes, 4, colCodes, 3, weights, mask);
      const counts = new Float64Array(12);
      const sums = new Float64Array(12);
      const missing = new Float64Array(3);
      rows.forEach((x, i) => {
        if ((mask && mask[i] !== 1) || x.c < 0) return;
        if (x.r < 0) missing[x.c]! += 1;
        else {
          counts[x.r * 3 + x.c]! += 1;
          sums[x.r * 3 + x.c]! += weights ? weights[i]! : 1;
        }
      });
      assert.deepEqual(t.counts, counts);
      assert.deepEqual(t.sums, sums);
      assert.deepEqual(t.missing, missing);
    }),
  );
});

test('a mask holds only 0 and 1: any other value is refused with the entry named', () => {
  const data = dataset([numericColumn('x', [1, 2, 3])]);
  assert.throws(
    () => withMask(data, Uint8Array.from([1, 2, 0])),
    (e: unknown) => e instanceof StatsError && /mask entry 1 is 2/.test(e.message),
  );
});

test('the memory grows by at least its own size, so requests one page larger each time move it only a few times', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  let moves = 0;
  let buffer = memory.buffer;
  for (let want = 2; want <= 200; want++) {
    const have = memory.buffer.byteLength / 65536;
    if (want > have) growMemory(memory, want - have);
    if (memory.buffer !== buffer) moves++;
    buffer = memory.buffer;
    assert.ok(memory.buffer.byteLength >= want * 65536);
  }
  assert.equal(memory.buffer.byteLength / 65536, 256);
  assert.equal(moves, 8);
});

test('the memory grows by only what is asked when doubling would pass its maximum', () => {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 6 });
  growMemory(memory, 1);
  assert.equal(memory.buffer.byteLength / 65536, 5);
  assert.throws(() => growMemory(memory, 2), RangeError);
});
