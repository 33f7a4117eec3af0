// Case data of an SPSS system file, row by row into fixed-size chunks: uncompressed (8 bytes a unit), or
// with the bytecode compression SPSS writes by default (one code byte a unit: whole numbers -99..151 and
// blank or missing values need no more; others follow their block of 8 codes). Memory stays one chunk and
// one row, whatever the number of rows.
import { cellError, ExportDataError, isCellArray, rowLengthError } from './export-cells.ts';
import type { ExportCell } from './export-model.ts';
import { BIAS } from './sav-records.ts';
import { MAX_STRING_BYTES, roundUp8, SEGMENT_CONTENT } from './sav-layout.ts';
import type { SavVariable } from './sav-dictionary.ts';
import type { WallClock } from './wall-clock.ts';

/** Seconds from SPSS's epoch (1582-10-14 00:00, Gregorian) to 1970-01-01 00:00. */
const SPSS_EPOCH_SECONDS = -Date.UTC(1582, 9, 14) / 1000;
const DAY = 86400;
const SYSMIS = -Number.MAX_VALUE;
const SPACES = 0x20202020;

const CODE = { padding: 0, raw: 253, blank: 254, sysmis: 255 } as const;

/** How a string's bytes sit in the case: segment k takes 255 bytes of text into a slot of `slots[k]` bytes. */
interface StringLayout {
  readonly width: number;
  readonly slots: readonly number[];
}

export interface CaseWriterOptions {
  readonly compressed: boolean;
  readonly chunkBytes: number;
  readonly wallClock: WallClock;
}

export class CaseWriter {
  private chunk: Buffer;
  private pos = 0;
  private readonly ready: Buffer[] = [];
  // Bytecode compression: the current block of 8 codes and the raw units that follow it.
  private readonly codes = Buffer.alloc(8);
  private nCodes = 0;
  private readonly raw = Buffer.alloc(64);
  private nRaw = 0;
  private readonly layouts: (StringLayout | undefined)[];
  /** Scratch for one string value (its text, up to the width) and for one segment's slot. */
  private text = Buffer.alloc(0);
  private readonly slot = Buffer.alloc(256);
  /** Values cut at MAX_STRING_BYTES, per variable index. */
  readonly truncated = new Map<number, number>();

  constructor(
    private readonly plan: readonly SavVariable[],
    private readonly options: CaseWriterOptions,
  ) {
    this.chunk = Buffer.allocUnsafe(options.chunkBytes);
    this.layouts = plan.map((v) => {
      if (v.type !== 'string') return undefined;
      const slots = v.segments.map(roundUp8);
      this.text = this.text.length >= v.width + 4 ? this.text : Buffer.alloc(v.width + 4);
      return { width: v.width, slots };
    });
  }

  /** Full chunks written so far (taken away). */
  take(): Buffer[] {
    return this.ready.splice(0);
  }

  private room(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    this.ready.push(this.chunk.subarray(0, this.pos));
    this.chunk = Buffer.allocUnsafe(Math.max(this.options.chunkBytes, n));
    this.pos = 0;
  }

  private flushBlock(): void {
    this.room(8 + this.nRaw);
    this.codes.copy(this.chunk, this.pos);
    this.raw.copy(this.chunk, this.pos + 8, 0, this.nRaw);
    this.pos += 8 + this.nRaw;
    this.nCodes = 0;
    this.nRaw = 0;
  }

  private code(c: number): void {
    this.codes[this.nCodes++] = c;
    if (this.nCodes === 8) this.flushBlock();
  }

  private number(value: number): void {
    if (!this.options.compressed) {
      this.room(8);
      this.chunk.writeDoubleLE(Number.isNaN(value) ? SYSMIS : value, this.pos);
      this.pos += 8;
    } else if (Number.isNaN(value)) {
      this.code(CODE.sysmis);
    } else if (Number.isInteger(value) && value >= 1 - BIAS && value <= 251 - BIAS) {
      this.code(value + BIAS);
    } else {
      this.raw.writeDoubleLE(value, this.nRaw);
      this.nRaw += 8;
      this.code(CODE.raw);
    }
  }

  /** Eight spaces. */
  private blank(): void {
    if (this.options.compressed) {
      this.code(CODE.blank);
    } else {
      this.room(8);
      this.chunk.fill(0x20, this.pos, this.pos + 8);
      this.pos += 8;
    }
  }

  /** Eight bytes of string at `offset` in `source`: blank units compress to one code. */
  private unit(source: Buffer, offset: number): void {
    if (!this.options.compressed) {
      this.room(8);
      source.copy(this.chunk, this.pos, offset, offset + 8);
      this.pos += 8;
    } else if (source.readUInt32LE(offset) === SPACES && source.readUInt32LE(offset + 4) === SPACES) {
      this.code(CODE.blank);
    } else {
      source.copy(this.raw, this.nRaw, offset, offset + 8);
      this.nRaw += 8;
      this.code(CODE.raw);
    }
  }

  private string(index: number, value: string, rowIndex: number): void {
    const layout = this.layouts[index]!;
    const { text, slot } = this;
    let length = 0;
    if (value !== '') {
      // Buffer#write never writes part of a character, so a cut at the width stays valid UTF-8.
      length = text.write(value, 0, layout.width, 'utf8');
      if (length >= layout.width - 3) {
        const bytes = Buffer.byteLength(value, 'utf8');
        if (bytes > layout.width) this.tooLong(index, bytes, rowIndex);
      }
    }
    // Segment k holds bytes [255k, 255k + 255) of the text at the start of its slot; the rest of the slot
    // is spaces. Units past the text are blank without looking (most of a wide, mostly empty column).
    for (let k = 0, from = 0; k < layout.slots.length; k++, from += SEGMENT_CONTENT) {
      const content = Math.max(0, Math.min(SEGMENT_CONTENT, length - from));
      if (content > 0) {
        slot.fill(0x20, 0, roundUp8(content));
        text.copy(slot, 0, from, from + content);
      }
      for (let offset = 0; offset < layout.slots[k]!; offset += 8) {
        if (offset < content) this.unit(slot, offset);
        else this.blank();
      }
    }
  }

  /** A text longer than the width: an error when the caller declared maxBytes, else cut at MAX_STRING_BYTES. */
  private tooLong(index: number, bytes: number, rowIndex: number): void {
    const v = this.plan[index]!;
    const declared = v.source.maxBytes;
    if (declared !== undefined && declared < bytes && declared < MAX_STRING_BYTES)
      throw new ExportDataError({ kind: 'too-long', row: rowIndex + 1, variable: v.source.name, bytes, maxBytes: declared });
    this.truncated.set(index, (this.truncated.get(index) ?? 0) + 1);
  }

  private date(value: Date, dateOnly: boolean): number {
    const seconds = this.options.wallClock(value.getTime()) / 1000 + SPSS_EPOCH_SECONDS;
    return dateOnly ? Math.floor(seconds / DAY) * DAY : seconds;
  }

  /** Writes one case; throws ExportDataError naming row and variable for a cell of the wrong kind. */
  writeRow(row: readonly ExportCell[], rowIndex: number): void {
    const plan = this.plan;
    if (!isCellArray(row) || row.length !== plan.length) throw rowLengthError(rowIndex, row, plan.length);
    for (let i = 0; i < plan.length; i++) {
      const v = plan[i]!;
      const cell = row[i];
      switch (v.type) {
        case 'numeric':
          if (cell === null) this.number(NaN);
          else if (typeof cell === 'number' && (Number.isFinite(cell) || Number.isNaN(cell))) this.number(cell);
          else throw cellError(v.source, rowIndex, cell);
          break;
        case 'string':
          if (cell === null) this.string(i, '', rowIndex);
          else if (typeof cell === 'string') this.string(i, cell, rowIndex);
          else throw cellError(v.source, rowIndex, cell);
          break;
        case 'date':
        case 'datetime':
          if (cell === null) this.number(NaN);
          else if (cell instanceof Date && !Number.isNaN(cell.getTime())) this.number(this.date(cell, v.type === 'date'));
          else throw cellError(v.source, rowIndex, cell);
          break;
      }
    }
  }

  /** Pads the last block of codes and hands over the last chunk. */
  finish(): void {
    if (this.options.compressed && this.nCodes > 0) {
      this.codes.fill(CODE.padding, this.nCodes);
      this.flushBlock();
    }
    if (this.pos > 0) this.ready.push(this.chunk.subarray(0, this.pos));
    this.pos = 0;
  }
}
