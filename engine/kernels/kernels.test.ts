import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmKernels } from '../node/runtime/load-kernels';
import { expectClose, fillRandom, kernelBackends } from '../node/test-support/kernel-backends';
import type { Kernels } from './kernels';
import { referenceKernels as ref } from './reference';

// Every optimised implementation against the TypeScript reference: both WASM
// builds and the native addon (built first when stale; a backend this machine
// cannot have is skipped below, with the reason).

// Sizes that fill neither a SIMD lane (4, 8) nor a tile (4 × 8, 6 × 16) nor, mostly, a pair of rows.
const SIZES = [1, 2, 3, 5, 7, 8, 9, 13, 17, 33, 65];

// Built and loaded before the tests are collected: which backends exist decides what runs.
const { backends, unavailable } = kernelBackends();

// The kernels under test: each backend in turn (see the describe.each below).
let k: Kernels;

/** From the kernels' own alloc (WASM memory for WASM), a plain array, or one on a SharedArrayBuffer. */
type Place = 'alloc' | 'js' | 'sab';
const PLACES: Place[] = ['alloc', 'js', 'sab'];

/** An array of `length` floats at `offset` inside a larger buffer of the given kind. */
function placed(where: Place, length: number, offset: number): Float32Array {
  const size = length + offset + 3;
  const whole =
    where === 'alloc'
      ? k.alloc(size)
      : where === 'sab'
        ? new Float32Array(new SharedArrayBuffer(4 * size))
        : new Float32Array(size);
  return whole.subarray(offset, offset + length);
}

interface GemmCase {
  transA: boolean;
  transB: boolean;
  M: number;
  N: number;
  K: number;
  beta: number;
  where: Place;
  offset: number;
  seed: number;
}

function checkGemm(t: GemmCase): void {
  const { transA, transB, M, N, K, beta, where, offset, seed } = t;
  const A = fillRandom(placed(where, M * K, offset), seed);
  const B = fillRandom(placed(where, K * N, offset + 1), seed + 1);
  const C = fillRandom(placed(where, M * N, offset + 2), seed + 2);
  if (beta === 0) C.fill(NaN); // beta = 0 must ignore C's old contents
  const expected = C.slice();
  ref.gemm(transA, transB, M, N, K, A, B, beta, expected);
  k.gemm(transA, transB, M, N, K, A, B, beta, C);
  expectClose(C, expected);
}

for (const reason of unavailable) {
  describe.skip(`kernels unavailable here (${reason})`, () => {
    it('match the reference', () => {});
  });
}

describe.each(backends)('$backend kernels match the reference', ({ load }) => {
  beforeAll(() => {
    k = load();
  });

  describe('gemm matches the reference', () => {
    it('on random odd shapes, all transposes, beta 0/0.5/1, own/plain/shared arrays', () => {
      const size = fc.constantFrom(...SIZES);
      fc.assert(
        fc.property(
          fc.record({
            transA: fc.boolean(),
            transB: fc.boolean(),
            M: size,
            N: size,
            K: size,
            beta: fc.constantFrom(0, 0.5, 1),
            where: fc.constantFrom(...PLACES),
            offset: fc.integer({ min: 0, max: 7 }),
            seed: fc.integer({ min: 1, max: 1e9 }),
          }),
          (t) => checkGemm(t),
        ),
        { numRuns: 300 },
      );
    });

    it('across cache blocks (K and N beyond 256, M beyond 144, N beyond 3072) in every transpose case and row regime', () => {
      // WASM: M = 2 row by row, M = 13 B read in place, M = 37 B packed, M = 263 three blocks of packed A.
      for (const [M, N, K] of [
        [2, 300, 530],
        [13, 300, 530],
        [37, 300, 530],
        [263, 300, 530],
        [7, 3100, 3],
      ])
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            for (const beta of [0, 1]) {
              checkGemm({
                transA,
                transB,
                M,
                N,
                K,
                beta,
                where: 'alloc',
                offset: 3,
                seed: 7,
              });
            }
          }
        }
    });

    it('treats K = 0 as C = beta·C and M = 0 or N = 0 as nothing to do', () => {
      const C = k.alloc(6).fill(2);
      k.gemm(false, false, 2, 3, 0, k.alloc(0), k.alloc(0), 0.5, C);
      expect([...C]).toEqual([1, 1, 1, 1, 1, 1]);
      C.fill(NaN);
      k.gemm(false, false, 2, 3, 0, k.alloc(0), k.alloc(0), 0, C);
      expect([...C]).toEqual([0, 0, 0, 0, 0, 0]);
      const untouched = new Float32Array([5]);
      k.gemm(false, false, 0, 1, 4, new Float32Array(0), new Float32Array(4), 0, untouched);
      expect(untouched[0]).toBe(5);
    });

    it('reads operands that are views into one allocated buffer at odd offsets', () => {
      const [M, N, K] = [13, 17, 33];
      const [a0, b0, c0] = [1, M * K + 6, M * K + K * N + 13];
      const whole = fillRandom(k.alloc(c0 + M * N + 5), 11);
      const A = whole.subarray(a0, a0 + M * K);
      const B = whole.subarray(b0, b0 + K * N);
      const C = whole.subarray(c0, c0 + M * N);
      const expected = whole.slice();
      ref.gemm(true, false, M, N, K, A, B, 1, expected.subarray(c0, c0 + M * N));
      k.gemm(true, false, M, N, K, A, B, 1, C);
      expectClose(whole, expected); // C matches and nothing outside it was written
    });

    it('rejects arrays shorter than the shapes with a clear message', () => {
      expect(() =>
        k.gemm(
          false,
          false,
          2,
          2,
          2,
          new Float32Array(3),
          new Float32Array(4),
          0,
          new Float32Array(4),
        ),
      ).toThrow(/gemm: A has 3 elements but the shapes need 4/);
      expect(() => k.gemm(false, false, -1, 2, 2, k.alloc(4), k.alloc(4), 0, k.alloc(4))).toThrow(
        /M must be a non-negative integer/,
      );
    });
  });

  interface CellCase {
    rows: number;
    H: number;
    withCPrev: boolean;
    where: Place;
    offset: number;
    seed: number;
  }

  /** Random LSTM cell inputs; pre-activations span ±6 so all gate regimes occur. */
  function cellInputs(t: CellCase) {
    const n = t.rows * t.H;
    const gates = fillRandom(placed(t.where, 4 * n, t.offset), t.seed).map((v) => 6 * v);
    const cPrev = t.withCPrev ? fillRandom(placed(t.where, n, t.offset + 1), t.seed + 1) : null;
    return { n, gates, cPrev };
  }

  const cellCase = fc.record({
    rows: fc.constantFrom(...SIZES),
    H: fc.constantFrom(...SIZES),
    withCPrev: fc.boolean(),
    where: fc.constantFrom(...PLACES),
    offset: fc.integer({ min: 0, max: 7 }),
    seed: fc.integer({ min: 1, max: 1e9 }),
  });

  describe('LSTM cell matches the reference', () => {
    it('forward: gate activations in place, c and h', () => {
      fc.assert(
        fc.property(cellCase, (t) => {
          const { n, gates, cPrev } = cellInputs(t);
          const c = placed(t.where, n, t.offset + 2);
          const h = placed(t.where, n, t.offset + 3);
          const refGates = gates.slice();
          const refC = new Float32Array(n);
          const refH = new Float32Array(n);
          ref.lstmCellForward(t.rows, t.H, refGates, cPrev && cPrev.slice(), refC, refH);
          k.lstmCellForward(t.rows, t.H, gates, cPrev, c, h);
          expectClose(gates, refGates, 1e-5);
          expectClose(c, refC, 1e-5);
          expectClose(h, refH, 1e-5);
        }),
        { numRuns: 200 },
      );
    });

    it('backward: dGates and dc (in place)', () => {
      fc.assert(
        fc.property(cellCase, (t) => {
          const { n, gates, cPrev } = cellInputs(t);
          const c = placed(t.where, n, t.offset + 2);
          ref.lstmCellForward(t.rows, t.H, gates, cPrev, c, new Float32Array(n));
          const dh = fillRandom(placed(t.where, n, t.offset + 3), t.seed + 3);
          const dc = fillRandom(placed(t.where, n, t.offset + 4), t.seed + 4);
          const dGates = placed(t.where, 4 * n, t.offset + 5).fill(NaN);
          const refDc = dc.slice();
          const refDGates = new Float32Array(4 * n);
          ref.lstmCellBackward(t.rows, t.H, gates, cPrev, c, dh, refDc, refDGates);
          k.lstmCellBackward(t.rows, t.H, gates, cPrev, c, dh, dc, dGates);
          expectClose(dc, refDc, 1e-5);
          expectClose(dGates, refDGates, 1e-5);
        }),
        { numRuns: 200 },
      );
    });

    it('computes σ and tanh within 1e-6 of Math over their whole range', () => {
      const H = 4001;
      const gates = k.alloc(4 * H);
      const x = (j: number) => (j - 2000) / 50 + (j % 2 ? 1e-7 : 0); // −40 … 40
      for (let j = 0; j < H; j++) for (let q = 0; q < 4; q++) gates[q * H + j] = x(j);
      gates[0] = -1000;
      gates[1] = 1000;
      const c = k.alloc(H);
      const h = k.alloc(H);
      k.lstmCellForward(1, H, gates, null, c, h);
      let err = 0;
      for (let j = 2; j < H; j++) {
        const s = 1 / (1 + Math.exp(-x(j)));
        err = Math.max(err, Math.abs(gates[j] - s), Math.abs(gates[2 * H + j] - Math.tanh(x(j))));
      }
      expect(gates[0]).toBeCloseTo(0, 30);
      expect(gates[1]).toBe(1);
      expect(err).toBeLessThan(1e-6);
    });
  });

  describe('whole-sequence LSTM matches the reference', () => {
    const sequenceCase = fc.record({
      T: fc.constantFrom(1, 2, 5, 17),
      H: fc.constantFrom(...SIZES),
      reverse: fc.boolean(),
      column: fc.integer({ min: 0, max: 5 }),
      extra: fc.integer({ min: 0, max: 3 }),
      where: fc.constantFrom(...PLACES),
      offset: fc.integer({ min: 0, max: 7 }),
      seed: fc.integer({ min: 1, max: 1e9 }),
    });

    it('h of every step at its column of out, other columns untouched, final state', () => {
      fc.assert(
        fc.property(sequenceCase, (t) => {
          const { T, H, where, offset, seed } = t;
          const G = 4 * H;
          const stride = t.column + H + t.extra;
          const pre = fillRandom(placed(where, T * G, offset), seed);
          const bias = fillRandom(placed(where, G, offset + 1), seed + 1);
          const wh = fillRandom(placed(where, H * G, offset + 2), seed + 2);
          const h = fillRandom(placed(where, H, offset + 3), seed + 3);
          const c = fillRandom(placed(where, H, offset + 4), seed + 4);
          const whole = fillRandom(placed(where, T * stride, offset + 5), seed + 5);
          const out = whole.subarray(t.column);
          const [refH, refC, refWhole] = [h.slice(), c.slice(), whole.slice()];
          const preBefore = pre.slice();
          ref.lstmSequenceForward(
            T,
            H,
            pre,
            bias,
            wh,
            t.reverse,
            refH,
            refC,
            refWhole.subarray(t.column),
            stride,
          );
          k.lstmSequenceForward(T, H, pre, bias, wh, t.reverse, h, c, out, stride);
          // The bar (1e-4 relative): f32 σ/tanh against the float64 reference
          // drift up to ~1e-5 over 17 steps at H = 65 (1.05e-5 seen), so 1e-5 was flaky.
          expectClose(whole, refWhole);
          expectClose(h, refH);
          expectClose(c, refC);
          expect(pre).toEqual(preBefore);
        }),
        { numRuns: 150 },
      );
    });

    it('on the default speech model’s shape (H = 128, 333 steps), both directions', () => {
      const T = 333;
      const H = 128;
      const G = 4 * H;
      const pre = fillRandom(k.alloc(T * G), 11);
      const bias = fillRandom(k.alloc(G), 12);
      const wh = fillRandom(k.alloc(H * G), 13).map((w) => w * 0.2);
      const out = k.alloc(T * 2 * H);
      const refOut = new Float32Array(T * 2 * H);
      for (const [column, reverse] of [
        [0, false],
        [H, true],
      ] as const) {
        const [h, c] = [k.alloc(H), k.alloc(H)];
        k.lstmSequenceForward(T, H, pre, bias, wh, reverse, h, c, out.subarray(column), 2 * H);
        const [rh, rc] = [new Float32Array(H), new Float32Array(H)];
        ref.lstmSequenceForward(
          T,
          H,
          pre,
          bias,
          wh,
          reverse,
          rh,
          rc,
          refOut.subarray(column),
          2 * H,
        );
      }
      expectClose(out, refOut, 1e-5);
    });

    it('rejects an output too short for T rows of outStride', () => {
      const H = 4;
      const a = (n: number) => k.alloc(n);
      expect(() =>
        k.lstmSequenceForward(3, H, a(48), a(16), a(64), false, a(H), a(H), a(2 * 8 + H - 1), 8),
      ).toThrow(/out has 19 elements but the shapes need 20/);
    });
  });
  it('adamUpdate matches the reference (Adam L2 and AdamW shrink, odd lengths, own/plain/shared arrays)', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.constantFrom(...SIZES),
          t: fc.integer({ min: 1, max: 50 }),
          l2: fc.constantFrom(0, 0.01),
          shrink: fc.constantFrom(1, 0.999),
          where: fc.constantFrom(...PLACES),
          offset: fc.integer({ min: 0, max: 7 }),
          seed: fc.integer({ min: 1, max: 1e9 }),
        }),
        ({ n, t, l2, shrink, where, offset, seed }) => {
          const w = fillRandom(placed(where, n, offset), seed);
          const g = fillRandom(placed(where, n, offset + 1), seed + 1);
          const m = fillRandom(placed(where, n, offset + 2), seed + 2).map((x) => 0.1 * x);
          const v = fillRandom(placed(where, n, offset + 3), seed + 3).map((x) => 0.01 * x * x);
          const step = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, l2, shrink };
          const constants = { ...step, c1: 1 / (1 - 0.9 ** t), c2: 1 / (1 - 0.999 ** t) };
          const [rw, rm, rv] = [w.slice(), m.slice(), v.slice()];
          ref.adamUpdate(n, rw, g, rm, rv, constants);
          k.adamUpdate(n, w, g, m, v, constants);
          expectClose(m, rm, 1e-6);
          expectClose(v, rv, 1e-6);
          expectClose(w, rw, 1e-6);
        },
      ),
      { numRuns: 100 },
    );
  });

  describe('training LSTM sequence kernels match the reference', () => {
    const trainCase = fc.record({
      T: fc.constantFrom(1, 2, 5, 13),
      B: fc.constantFrom(1, 3, 4, 6, 9),
      H: fc.constantFrom(1, 2, 3, 5, 8, 9, 17),
      reverse: fc.boolean(),
      padded: fc.boolean(), // some sequences end before T
      extra: fc.integer({ min: 0, max: 3 }), // dY row stride beyond H
      where: fc.constantFrom(...PLACES),
      offset: fc.integer({ min: 0, max: 7 }),
      seed: fc.integer({ min: 1, max: 1e9 }),
    });

    it('forward (activations, states, zero state on padding) and backward (dGates, dBias)', () => {
      fc.assert(
        fc.property(trainCase, (t) => {
          const { T, B, H, reverse, where, offset, seed } = t;
          const G = 4 * H;
          const S = (T + 1) * B * H;
          const lengths = Int32Array.from({ length: B }, (_, b) =>
            t.padded ? 1 + ((seed + 7 * b) % T) : T,
          );
          const gates = fillRandom(placed(where, T * B * G, offset), seed).map((v) => 3 * v);
          const bias = fillRandom(placed(where, G, offset + 1), seed + 1);
          const wh = fillRandom(placed(where, H * G, offset + 2), seed + 2);
          const h = placed(where, S, offset + 3);
          const c = placed(where, S, offset + 4);
          // the initial state slot is the caller's: a random one here
          const first = (reverse ? T : 0) * B * H;
          fillRandom(h.subarray(first, first + B * H), seed + 3);
          fillRandom(c.subarray(first, first + B * H), seed + 4);
          const [rGates, rh, rc] = [gates.slice(), h.slice(), c.slice()];
          ref.lstmSequenceTrainForward(T, B, H, rGates, bias, wh, reverse, lengths, rh, rc);
          k.lstmSequenceTrainForward(T, B, H, gates, bias, wh, reverse, lengths, h, c);
          expectClose(gates, rGates);
          expectClose(h, rh);
          expectClose(c, rc);
          for (let b = 0; b < B; b++) {
            const tEnd = reverse ? T - 1 : T; // the slot written by step T − 1
            if (lengths[b] < T) expect(Math.abs(h[tEnd * B * H + b * H])).toBe(0);
          }

          const dyStride = H + t.extra;
          const dY = fillRandom(placed(where, T * B * dyStride, offset + 5), seed + 5);
          const dGates = placed(where, T * B * G, offset + 6).fill(NaN);
          const dBias = fillRandom(placed(where, G, offset + 7), seed + 7);
          const [rdGates, rdBias] = [new Float32Array(T * B * G), dBias.slice()];
          ref.lstmSequenceTrainBackward(
            T,
            B,
            H,
            rGates,
            rc,
            dY,
            dyStride,
            wh,
            reverse,
            lengths,
            rdGates,
            rdBias,
          );
          k.lstmSequenceTrainBackward(
            T,
            B,
            H,
            gates,
            c,
            dY,
            dyStride,
            wh,
            reverse,
            lengths,
            dGates,
            dBias,
          );
          expectClose(dGates, rdGates);
          expectClose(dBias, rdBias);
          for (let b = 0; b < B; b++) {
            const tPad = lengths[b]; // first padded frame
            if (tPad < T) expect(Math.abs(dGates[(tPad * B + b) * G])).toBe(0);
          }
        }),
        { numRuns: 150 },
      );
    });

    it('rejects a dY row stride shorter than H', () => {
      const a = (n: number) => k.alloc(n);
      expect(() =>
        k.lstmSequenceTrainBackward(
          2,
          1,
          4,
          a(32),
          a(12),
          a(8),
          3,
          a(64),
          false,
          Int32Array.of(2),
          a(32),
          a(16),
        ),
      ).toThrow(/dyStride 3 is less than H = 4/);
    });
  });
});

describe('WASM memory', () => {
  it('keeps earlier arrays valid and zero-copy after the memory grows', () => {
    const kernels = loadWasmKernels();
    const A = fillRandom(kernels.alloc(9), 5);
    const before = A.slice();
    const grownFrom = kernels.memory.buffer.byteLength;
    const big = kernels.alloc(8 * 2 ** 20); // 32 MiB forces a grow
    expect(kernels.memory.buffer.byteLength).toBeGreaterThan(grownFrom);
    expect([...A]).toEqual([...before]);
    const C = kernels.alloc(9);
    kernels.gemm(false, false, 3, 3, 3, A, A, 0, C);
    const expected = new Float32Array(9);
    ref.gemm(false, false, 3, 3, 3, before, before, 0, expected);
    expectClose(C, expected);
    expect(C.buffer).not.toBe(A.buffer); // views made before and after the grow
    kernels.free(big);
  });

  it('reuses freed blocks, zero-filled', () => {
    const kernels = loadWasmKernels();
    const a = kernels.alloc(100).fill(7);
    const offset = a.byteOffset;
    kernels.free(a);
    const b = kernels.alloc(100);
    expect(b.byteOffset).toBe(offset);
    expect(b.every((v) => v === 0)).toBe(true);
    expect(() => kernels.free(new Float32Array(4))).toThrow(/free\(\) takes an array returned/);
  });

  it('says how to build the module when it is missing', () => {
    expect(() => loadWasmKernels({ path: '/nonexistent/kernels.wasm' })).toThrow(
      /WASM kernels not built: .* run 'node scripts\/build-wasm.mjs'/,
    );
  });
});
