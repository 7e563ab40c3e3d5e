import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOAT16_MAX, fromFloat16Bits, toFloat16Bits } from './float16';

const roundTrip = (x: number) => fromFloat16Bits(toFloat16Bits(x));
/** The float16 next to `bits` away from zero / toward zero (same sign). */
const up = (bits: number) => fromFloat16Bits(bits + 1);
const down = (bits: number) => fromFloat16Bits(bits - 1);

describe('float16 conversion', () => {
  it('decodes the landmarks of the format', () => {
    expect(fromFloat16Bits(0x3c00)).toBe(1);
    expect(fromFloat16Bits(0xc000)).toBe(-2);
    expect(fromFloat16Bits(0x7bff)).toBe(FLOAT16_MAX);
    expect(fromFloat16Bits(0x0400)).toBe(2 ** -14); // smallest normal
    expect(fromFloat16Bits(0x0001)).toBe(2 ** -24); // smallest subnormal
    expect(fromFloat16Bits(0x03ff)).toBe(1023 * 2 ** -24); // largest subnormal
    expect(fromFloat16Bits(0x3555)).toBeCloseTo(1 / 3, 3);
    expect(Object.is(fromFloat16Bits(0x8000), -0)).toBe(true);
  });

  it('every float16 value survives float16 → number → float16 exactly', () => {
    const wrong: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      const x = fromFloat16Bits(bits);
      const back = toFloat16Bits(x);
      if (Number.isNaN(x) ? (back & 0x7fff) <= 0x7c00 : back !== bits) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
  });

  it('special values: ±0, ±Infinity, NaN', () => {
    expect(toFloat16Bits(0)).toBe(0);
    expect(toFloat16Bits(-0)).toBe(0x8000);
    expect(toFloat16Bits(Infinity)).toBe(0x7c00);
    expect(toFloat16Bits(-Infinity)).toBe(0xfc00);
    expect(roundTrip(-Infinity)).toBe(-Infinity);
    expect(Number.isNaN(roundTrip(NaN))).toBe(true);
  });

  it('clamps finite values beyond the range to ±65504 (never Infinity)', () => {
    for (const x of [65504, 65519.99, 65520, 70000, 1e10, 3.4e38]) {
      expect(roundTrip(x)).toBe(FLOAT16_MAX);
      expect(roundTrip(-x)).toBe(-FLOAT16_MAX);
    }
  });

  it('rounds ties to even, in normals and subnormals', () => {
    // halfway between 1 (mantissa 0, even) and 1 + 2^-10 (odd): down to 1
    expect(roundTrip(1 + 2 ** -11)).toBe(1);
    // halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even): up
    expect(roundTrip(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    // half the smallest subnormal ties to 0 (even); a hair above goes up
    expect(roundTrip(2 ** -25)).toBe(0);
    expect(roundTrip(2 ** -25 * 1.0001)).toBe(2 ** -24);
    // between subnormals 1 and 2 (×2^-24): to 2; between 2 and 3: to 2
    expect(roundTrip(1.5 * 2 ** -24)).toBe(2 * 2 ** -24);
    expect(roundTrip(2.5 * 2 ** -24)).toBe(2 * 2 ** -24);
    // rounding up out of the largest subnormal lands on the smallest normal
    expect(roundTrip(1023.75 * 2 ** -24)).toBe(2 ** -14);
    expect(roundTrip(1e-10)).toBe(0);
  });

  it('any float32 in range lands on its nearest float16 (within half an ulp; ties to even)', () => {
    fc.assert(
      fc.property(
        fc.float({ noNaN: true, noDefaultInfinity: true, min: -FLOAT16_MAX, max: FLOAT16_MAX }),
        (x) => {
          const bits = toFloat16Bits(x);
          const y = fromFloat16Bits(bits);
          const error = Math.abs(x - y);
          const magnitude = bits & 0x7fff;
          // the neighbours on both sides (toward zero: none below 0; away: none beyond the max)
          const neighbours = [
            magnitude > 0 ? down(bits) : -y,
            magnitude < 0x7bff ? up(bits) : null,
          ].filter((n): n is number => n !== null);
          for (const n of neighbours) {
            const other = Math.abs(x - n);
            expect(error).toBeLessThanOrEqual(other);
            if (error === other && error > 0) expect(bits & 1).toBe(0);
          }
          // half an ulp: the gap to the next float16 up, halved
          const ulp = magnitude < 0x7bff ? Math.abs(up(bits) - y) : 32;
          expect(error).toBeLessThanOrEqual(ulp / 2);
          if (x !== 0) expect(Math.sign(y) === Math.sign(x) || y === 0).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a value halfway between two float16 neighbours goes to the even one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7bfe }), fc.boolean(), (bits, negative) => {
        const sign = negative ? 0x8000 : 0;
        const middle = (fromFloat16Bits(sign | bits) + fromFloat16Bits(sign | (bits + 1))) / 2;
        expect(toFloat16Bits(middle)).toBe(sign | (bits & 1 ? bits + 1 : bits));
      }),
      { numRuns: 2000 },
    );
  });

  it('weight-sized values keep a relative error under 2^-11', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, min: 2 ** -14, max: 100 }), (x) => {
        expect(Math.abs(roundTrip(x) - x) / x).toBeLessThanOrEqual(2 ** -11);
      }),
    );
  });
});
