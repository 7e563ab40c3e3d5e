import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, WireError } from './api-wire';

describe('wire format', () => {
  it('round-trips JSON values with typed arrays as raw bytes', () => {
    const value = {
      sessionId: 'abc',
      samples: Float32Array.of(0.5, -1, 3.25),
      nested: [{ bytes: Uint8Array.of(1, 2, 3) }, null, 'x'],
    };
    const decoded = decodeWire(encodeWire(value)) as typeof value;
    expect(decoded.samples).toBeInstanceOf(Float32Array);
    expect([...decoded.samples]).toEqual([0.5, -1, 3.25]);
    expect(decoded.nested[0]).toEqual({ bytes: Uint8Array.of(1, 2, 3) });
    expect(decoded.sessionId).toBe('abc');
  });

  it('sends a subarray view as just its own samples', () => {
    const big = Float32Array.from({ length: 10 }, (_, i) => i);
    const decoded = decodeWire(encodeWire({ s: big.subarray(3, 6) })) as { s: Float32Array };
    expect([...decoded.s]).toEqual([3, 4, 5]);
  });

  it('round-trips arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.float({ noNaN: true }), { maxLength: 50 }),
        (json, floats) => {
          const value = { json, samples: Float32Array.from(floats) };
          const decoded = decodeWire(encodeWire(value)) as typeof value;
          expect(decoded.json).toEqual(JSON.parse(JSON.stringify(json)));
          expect([...decoded.samples]).toEqual([...Float32Array.from(floats)]);
        },
      ),
    );
  });

  it('turns any corrupted body into a WireError, never another exception', () => {
    const good = encodeWire({ samples: Float32Array.of(1, 2, 3), text: 'hello' });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc
            .tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }))
            .map(([i, b]) => Uint8Array.from(good, (v, k) => (k === i ? b : v))),
          fc.nat(good.length).map((n) => good.slice(0, n)),
        ),
        (bytes) => {
          try {
            decodeWire(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(WireError);
          }
        },
      ),
    );
  });

  it('explains what is wrong', () => {
    expect(() => decodeWire(new Uint8Array(2))).toThrow(/4-byte header/);
    const refOutside = new TextEncoder().encode('{"s":{"$f32":[0,100]}}');
    const body = new Uint8Array(4 + refOutside.length);
    new DataView(body.buffer).setUint32(0, refOutside.length, true);
    body.set(refOutside, 4);
    expect(() => decodeWire(body)).toThrow(/outside the body/);
  });
});
