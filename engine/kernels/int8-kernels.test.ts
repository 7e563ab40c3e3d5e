import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, fillRandom, kernelBackends } from '../node/test-support/kernel-backends';
import { quantizeWeights, type Int8Weights } from './int8';
import type { Kernels } from './kernels';
import { referenceKernels as ref } from './reference';

// The int8 kernels of every optimised backend (both WASM builds, the native
// addon) against the reference; a backend this machine cannot have is skipped
// visibly, with the reason.
const { backends, unavailable } = kernelBackends();

// K and H off multiples of 4 and 16, N off multiples of 4, 8 and 32, M off multiples of 4.
const ODD = [1, 2, 3, 5, 7, 13, 17, 33, 67];

/** n deterministic uniform values in [-1, 1), into `into` when given. */
const random = (n: number, seed: number, into?: Float32Array) =>
  fillRandom(into ?? new Float32Array(n), seed);

const pack = (k: Kernels, w: Float32Array, K: number, N: number): Int8Weights =>
  quantizeWeights((n) => k.alloc(n), w, K, N);

for (const reason of unavailable) {
  describe.skip(`int8 kernels unavailable here (${reason})`, () => {
    it('match the reference', () => {});
  });
}

describe.each(backends)('int8 kernels ($backend)', ({ load }) => {
  let k: Kernels;
  beforeAll(() => {
    k = load();
  });

  it('int8Gemm sums integers exactly (unit scales) on odd shapes, like the reference', () => {
    // Weights in [-127, 127] with a ±127 in every column and inputs in [-63, 63]
    // with a ±63 in every row make every scale exactly 1: the output is the
    // integer product itself, so any wrong byte, offset or lane shows.
    const size = fc.constantFrom(...ODD);
    fc.assert(
      fc.property(size, size, size, fc.integer({ min: 1, max: 1e9 }), (M, K, N, seed) => {
        const w = random(K * N, seed).map((v) => Math.round(v * 127));
        for (let n = 0; n < N; n++) w[((seed + n) % K) * N + n] = n % 2 ? 127 : -127;
        const x = k.alloc(M * K);
        random(M * K, seed + 1, x).forEach((v, i) => (x[i] = Math.round(v * 63)));
        for (let m = 0; m < M; m++) x[m * K + ((seed + m) % K)] = m % 2 ? -63 : 63;
        const expected = new Float32Array(M * N);
        for (let m = 0; m < M; m++)
          for (let n = 0; n < N; n++) {
            let s = 0;
            for (let j = 0; j < K; j++) s += x[m * K + j] * w[j * N + n];
            expected[m * N + n] = s;
          }
        const out = k.alloc(M * N).fill(NaN);
        k.int8Gemm!(M, x, pack(k, w, K, N), out);
        expect(out).toEqual(expected);
        const outRef = new Float32Array(M * N);
        ref.int8Gemm!(M, x, pack(ref, w, K, N), outRef);
        expect(outRef).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('int8Gemm matches the reference on random floats, from the kernels’ alloc or not', () => {
    const size = fc.constantFrom(...ODD);
    fc.assert(
      fc.property(
        size,
        size,
        size,
        fc.boolean(),
        fc.integer({ min: 1, max: 1e9 }),
        (M, K, N, own, seed) => {
          const w = random(K * N, seed);
          const x = own ? random(M * K, seed + 1, k.alloc(M * K)) : random(M * K, seed + 1);
          x[0] = 0; // an all-zero row (M·K = 1) must give zeros, not NaN
          const out = own ? k.alloc(M * N) : new Float32Array(M * N);
          k.int8Gemm!(M, x, pack(k, w, K, N), out);
          const expected = new Float32Array(M * N);
          ref.int8Gemm!(M, x, pack(ref, w, K, N), expected);
          expectClose(out, expected, 1e-5);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('int8Gemm stays close to the f32 product (7-bit inputs, 8-bit weights)', () => {
    const [M, K, N] = [37, 256, 96];
    const x = random(M * K, 3);
    const w = random(K * N, 4);
    const exact = new Float32Array(M * N);
    ref.gemm(false, false, M, N, K, x, w, 0, exact);
    const out = new Float32Array(M * N);
    k.int8Gemm!(M, x, pack(k, w, K, N), out);
    // Quantisation noise ~ √K · (1/127 + 1/63)/√12 relative to max|x|·max|w|: a few 1e-2 of the ~±10 products.
    expectClose(out, exact, 1e-2);
  });

  it('lstmSequenceForwardInt8 matches the reference: odd H, T = 1, both directions, carried state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 3, 5, 8, 13, 33),
        fc.constantFrom(1, 2, 7),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 1e9 }),
        (H, T, reverse, extra, seed) => {
          const G = 4 * H;
          const stride = H + extra;
          const pre = random(T * G, seed);
          const bias = random(G, seed + 1);
          const wh = random(H * G, seed + 2);
          const run = (kk: Kernels) => {
            const h = random(H, seed + 3);
            const c = random(H, seed + 4);
            const out = random((T - 1) * stride + H, seed + 5); // columns ≥ H must survive
            kk.lstmSequenceForwardInt8!(
              T,
              H,
              pre,
              bias,
              pack(kk, wh, H, G),
              reverse,
              h,
              c,
              out,
              stride,
            );
            return [h, c, out];
          };
          const [h, c, out] = run(k);
          const [hRef, cRef, outRef] = run(ref);
          expectClose(out, outRef, 1e-4);
          expectClose(h, hRef, 1e-4);
          expectClose(c, cRef, 1e-4);
        },
      ),
      // A fixed seed: h differs from the float64 reference's by ~1e-7, which about once
      // in 6,000 random cases (WASM and native alike, measured) moves a quantised h
      // across a rounding boundary, and that step then differs by ~1e-2.
      { numRuns: 80, seed: 21 },
    );
  });

  it('rejects weights packed for another shape, with what to do', () => {
    const w = pack(k, random(8 * 32, 1), 8, 32);
    const h = k.alloc(4);
    expect(() =>
      k.lstmSequenceForwardInt8!(
        1,
        4,
        k.alloc(16),
        k.alloc(16),
        w,
        false,
        h,
        k.alloc(4),
        k.alloc(4),
        4,
      ),
    ).toThrow(/wh must be \[H, 4H\] = \[4, 16\], got \[8, 32\]/);
    expect(() => quantizeWeights((n) => k.alloc(n), new Float32Array(3), 2, 2)).toThrow(/K·N = 4/);
  });
});
