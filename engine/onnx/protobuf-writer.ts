/**
 * The few parts of the protocol-buffers wire format an ONNX file needs
 * (https://protobuf.dev/programming-guides/encoding/): varints, length-delimited
 * fields (strings, bytes, nested messages, packed repeated scalars) and 32-bit floats.
 * A message is written field by field into a growing byte buffer; a nested
 * message is written on its own and added as bytes.
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  /** An int32/int64/enum/bool field (negative values take ten bytes, as int64 requires). */
  int(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.length);
    this.raw(value);
    return this;
  }

  /** A nested message (its encoded bytes). */
  message(field: number, value: ProtoWriter | Uint8Array): this {
    return this.bytes(field, value instanceof ProtoWriter ? value.finish() : value);
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.raw(b);
    return this;
  }

  /** A repeated int32/int64 field, packed (one length-delimited run of varints). */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  /** A repeated float field, packed (little-endian IEEE 754 single precision). */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    return this.bytes(field, b);
  }

  /** The encoded message (a copy; the writer may be reused). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private tag(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff) {
      throw new RangeError(`protobuf field number must be in [1, 2^29), got ${field}`);
    }
    this.varint(field * 8 + wireType);
  }

  /** Base-128 varint, least significant group first; negatives as 64-bit two's complement. */
  private varint(input: number): void {
    let value = input;
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`protobuf varint must be a safe integer, got ${value}`);
    }
    this.reserve(10);
    if (value >= 0) {
      for (; value >= 0x80; value = Math.floor(value / 0x80)) {
        this.buf[this.len++] = (value % 0x80) | 0x80;
      }
      this.buf[this.len++] = value;
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.buf[this.len++] = v > 0n ? low | 0x80 : low;
    } while (v > 0n);
  }

  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }
}
