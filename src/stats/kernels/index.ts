// The WebAssembly kernels (assembly/index.ts, compiled into binary.ts) and the memory they work in.
// One instance per thread, created on first use and kept: its memory is scratch space reused by every
// call, so a fresh process faults its pages in once, not once per model. The statistics core is
// synchronous, so scratch is a stack: withScratch() hands out arrays and takes them all back when its
// callback returns (nested calls release in order). Never hold a view across an allocation: growing
// the memory detaches every earlier view (take a fresh one with float64()). The module has no static
// data (no data segments or globals; asc's stub runtime is never called), so all its memory is scratch.

import { KERNELS_WASM_BASE64 } from './binary.ts';

/** Byte offsets into the kernels' memory; 0 is never handed out and means "none" to a kernel. */
export type Offset = number;

export interface Kernels {
  readonly memory: WebAssembly.Memory;
  dot(s0: number, x: Offset, xo: number, y: Offset, yo: number, len: number): number;
  qr(v: Offset, n: number, p: number, block: number, R: Offset, v0: Offset, vtv: Offset): void;
  applyQt(v: Offset, v0: Offset, vtv: Offset, n: number, p: number, block: number, top: Offset, y: Offset): void;
  applyQ(v: Offset, v0: Offset, vtv: Offset, n: number, p: number, block: number, top: Offset, y: Offset): void;
  residuals(x: Offset, n: number, p: number, y: Offset, r: Offset, b: Offset, hi: Offset, lo: Offset, f: Offset, g: Offset): void;
  addInto(out: Offset, a: Offset, b: Offset, n: number): void;
  tabulate(
    rowCodes: Offset,
    colCodes: Offset,
    nCol: number,
    weights: Offset,
    mask: Offset,
    n: number,
    counts: Offset,
    sums: Offset,
    missing: Offset,
  ): void;
  gatherScaled(out: Offset, offset: number, values: Offset, rows: Offset, n: number, s: number): void;
  gatherDummy(out: Offset, offset: number, codes: Offset, code: number, rows: Offset, n: number, s: number): void;
  sumOfSquaresAt(values: Offset, rows: Offset, n: number): number;
  modelSumOfSquares(y: Offset, r: Offset, n: number): number;
  centre(x: Offset, offset: number, n: number): void;
  addValid(sum: Offset, valid: Offset, col: Offset, n: number): void;
  integerRange(values: Offset, n: number, range: Offset): void;
  offsetCodes(values: Offset, n: number, min: number, codes: Offset, present: Offset): void;
  remapCodes(codes: Offset, n: number, table: Offset): void;
}

const PAGE = 65536;
/** The first bytes stay unused, so that offset 0 can mean "no array". */
const BASE = 64;

interface State {
  readonly kernels: Kernels;
  /** First free byte of the scratch stack. */
  top: number;
}

/** Compiled when the module loads, like the JavaScript around it; instantiated on first use. */
const compiled = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64));

let state: State | null = null;

function instantiate(): State {
  return { kernels: new WebAssembly.Instance(compiled, {}).exports as unknown as Kernels, top: BASE };
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Scratch arrays in the kernels' memory, valid until the withScratch() that made them returns. */
export class Scratch {
  constructor(
    readonly kernels: Kernels,
    private readonly state: State,
  ) {}

  /** A zero-filled array of `count` doubles. */
  f64(count: number): Offset {
    return this.put(Float64Array, count);
  }

  /** A copy of `values` (doubles held by JavaScript, not a view of this memory). */
  f64From(values: ArrayLike<number>): Offset {
    return this.put(Float64Array, values.length, values);
  }

  /** A copy of the `count` doubles at `from` (an earlier scratch array). */
  f64Copy(from: Offset, count: number): Offset {
    const at = this.take(count * 8, 8);
    new Uint8Array(this.kernels.memory.buffer).copyWithin(at, from, from + count * 8);
    return at;
  }

  /** A zero-filled array of `count` 32-bit integers. */
  i32(count: number): Offset {
    return this.put(Int32Array, count);
  }

  /** A copy of `values` (32-bit integers). */
  i32From(values: Int32Array): Offset {
    return this.put(Int32Array, values.length, values);
  }

  /** A zero-filled array of `count` bytes. */
  u8(count: number): Offset {
    return this.put(Uint8Array, count);
  }

  /** A copy of `values` (bytes). */
  u8From(values: Uint8Array): Offset {
    return this.put(Uint8Array, values.length, values);
  }

  /** A view of `count` doubles at `at`: valid until the next allocation. */
  float64(at: Offset, count: number): Float64Array {
    return new Float64Array(this.kernels.memory.buffer, at, count);
  }

  /** A view of `count` 32-bit integers at `at`: valid until the next allocation. */
  int32(at: Offset, count: number): Int32Array {
    return new Int32Array(this.kernels.memory.buffer, at, count);
  }

  /** A new array of `count` elements of `type`, holding `values` or zeros. */
  private put(
    type: Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor,
    count: number,
    values?: ArrayLike<number>,
  ): Offset {
    const at = this.take(count * type.BYTES_PER_ELEMENT, type.BYTES_PER_ELEMENT);
    const view = new type(this.kernels.memory.buffer, at, count);
    if (values === undefined) view.fill(0);
    else view.set(values);
    return at;
  }

  private take(bytes: number, align: number): Offset {
    const at = Math.ceil(this.state.top / align) * align;
    const end = at + bytes;
    const memory = this.kernels.memory;
    if (end > memory.buffer.byteLength) growMemory(memory, Math.ceil((end - memory.buffer.byteLength) / PAGE));
    this.state.top = end;
    return at;
  }
}

/**
 * Grows the memory by at least `pages`, and by at least its present size when it can: each grow moves the
 * memory into a new allocation, which V8 counts as external memory, and growing by each request's shortfall
 * (a million rows: dozens of steps of a few MB) started a full garbage collection at most steps of a report.
 */
export function growMemory(memory: WebAssembly.Memory, pages: number): void {
  const have = memory.buffer.byteLength / PAGE;
  if (pages < have) {
    try {
      memory.grow(have);
      return;
    } catch {
      // Over the engine's limit for doubling: grow by what is needed only.
    }
  }
  memory.grow(pages);
}

/** Runs `work` with scratch arrays in the kernels' memory; they are all released when it returns. */
export function withScratch<T>(work: (scratch: Scratch) => T): T {
  state ??= instantiate();
  const mark = state.top;
  try {
    return work(new Scratch(state.kernels, state));
  } finally {
    state.top = mark;
  }
}
