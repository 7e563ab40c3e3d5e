import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AudioRing } from './ring-buffer';

const seq = (from: number, n: number) => Float32Array.from({ length: n }, (_, i) => from + i);

describe('AudioRing', () => {
  it('returns samples in order across the wrap-around', () => {
    const ring = new AudioRing(5);
    ring.write(seq(0, 3));
    expect([...ring.read(2)]).toEqual([0, 1]);
    ring.write(seq(3, 4));
    expect(ring.available).toBe(5);
    expect([...ring.read(10)]).toEqual([2, 3, 4, 5, 6]);
    expect(ring.available).toBe(0);
  });

  it('drops the oldest samples when the reader falls behind', () => {
    const ring = new AudioRing(4);
    ring.write(seq(0, 3));
    ring.write(seq(3, 3));
    expect(ring.dropped).toBe(2);
    expect([...ring.read(4)]).toEqual([2, 3, 4, 5]);
    ring.write(seq(10, 6));
    expect([...ring.read(4)]).toEqual([12, 13, 14, 15]);
    expect(ring.dropped).toBe(4);
  });

  it('rejects a useless capacity', () => {
    expect(() => new AudioRing(0)).toThrow(/positive integer/);
  });

  it('behaves like a queue of the latest `capacity` samples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.array(
          fc.oneof(
            fc.nat(20).map((n) => ({ write: n })),
            fc.nat(20).map((n) => ({ read: n })),
          ),
        ),
        (capacity, ops) => {
          const ring = new AudioRing(capacity);
          let model: number[] = [];
          let next = 0;
          for (const op of ops) {
            if ('write' in op) {
              ring.write(seq(next, op.write));
              model.push(...seq(next, op.write));
              next += op.write;
              model = model.slice(Math.max(0, model.length - capacity));
            } else {
              expect([...ring.read(op.read)]).toEqual(model.splice(0, op.read));
            }
          }
          expect(ring.available).toBe(model.length);
        },
      ),
    );
  });
});
