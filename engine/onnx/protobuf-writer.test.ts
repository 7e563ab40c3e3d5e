import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf-writer';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Expected bytes from the examples of https://protobuf.dev/programming-guides/encoding/
describe('ProtoWriter', () => {
  it('writes varints', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().int(1, 0).finish())).toBe('0800');
    expect(hex(new ProtoWriter().int(1, 2 ** 40).finish())).toBe('08808080808020');
  });

  it('writes negative int64 as ten-byte two’s complement', () => {
    expect(hex(new ProtoWriter().int(3, -1).finish())).toBe('18ffffffffffffffffff01');
    expect(hex(new ProtoWriter().int(3, -2).finish())).toBe('18feffffffffffffffff01');
  });

  it('writes strings, nested messages and packed repeated fields', () => {
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    const inner = new ProtoWriter().int(1, 150);
    expect(hex(new ProtoWriter().message(3, inner).finish())).toBe('1a03089601');
    expect(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish())).toBe('2206038e029ea705');
    expect(hex(new ProtoWriter().packedFloats(7, [1, -2]).finish())).toBe('3a080000803f000000c0');
    expect(hex(new ProtoWriter().float(2, 0.5).finish())).toBe('150000003f');
  });

  it('grows past its first buffer and rejects what protobuf cannot hold', () => {
    const big = new Uint8Array(1000).fill(7);
    const out = new ProtoWriter().bytes(1, big).finish();
    expect(out.length).toBe(1 + 2 + 1000);
    expect(hex(out.subarray(0, 3))).toBe('0ae807');
    expect(() => new ProtoWriter().int(0, 1)).toThrow(/field number/);
    expect(() => new ProtoWriter().int(1, 0.5)).toThrow(/safe integer/);
  });
});
