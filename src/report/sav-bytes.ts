// A little-endian byte builder for the dictionary part of a system file (header and records): small, built
// once per file, so simplicity wins over speed here. Case data has its own writer (sav-cases.ts).

export class ByteBuilder {
  private buf = Buffer.alloc(4096);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  get length(): number {
    return this.pos;
  }

  i32(n: number): this {
    this.ensure(4);
    this.buf.writeInt32LE(n, this.pos);
    this.pos += 4;
    return this;
  }

  f64(n: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(n, this.pos);
    this.pos += 8;
    return this;
  }

  u8(n: number): this {
    this.ensure(1);
    this.buf[this.pos++] = n;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** `text` as UTF-8 in exactly `size` bytes, padded with `pad` (the caller has cut it to fit). */
  fixed(text: string, size: number, pad = 0x20): this {
    this.ensure(size);
    const written = this.buf.write(text, this.pos, size, 'utf8');
    this.buf.fill(pad, this.pos + written, this.pos + size);
    this.pos += size;
    return this;
  }

  /** A copy of what was built. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

/** An extension (type 7) record holding `body`, whose elements are `size` bytes each. */
export function extensionRecord(out: ByteBuilder, subtype: number, size: number, body: Uint8Array): void {
  out
    .i32(7)
    .i32(subtype)
    .i32(size)
    .i32(body.length / size)
    .bytes(body);
}
