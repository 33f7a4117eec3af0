// Arrays of a dataset's length lent to one group of tables and taken back after it, so that a report over a
// million rows makes its views' codes and its breakdowns' layers once instead of for every table. Each new
// array of millions of entries counts as external memory to V8, and every few of them started a full garbage
// collection over the dataset's heap: 36 mark-compacts of about 0.2 s in one report at a million rows.
// Nothing is counted here: the arrays are only the storage that views.ts, banner.ts and tables-frequency.ts
// write the engine's columns into.

export class RowBuffers {
  private readonly spare: Int32Array[] = [];
  private lent: Int32Array[] = [];

  constructor(readonly rows: number) {}

  /** An array of `rows` entries with undefined contents: the borrower writes every entry it reads. */
  int32(): Int32Array {
    const array = this.spare.pop() ?? new Int32Array(this.rows);
    this.lent.push(array);
    return array;
  }

  /** Takes back every array lent since the last call: nothing made from them may be read afterwards. */
  reclaim(): void {
    this.spare.push(...this.lent);
    this.lent = [];
  }
}

/** An array of `rows` entries: from `buffers` when given (and of that length), else a new one. */
export function rowArray(rows: number, buffers: RowBuffers | undefined): Int32Array {
  return buffers?.rows === rows ? buffers.int32() : new Int32Array(rows);
}
