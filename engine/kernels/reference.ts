import { int8Views, int8WeightIndex, quantizeRowU7 } from './int8';
import type { Kernels } from './kernels';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Plain TypeScript kernels: the reference every optimised kernel is tested against. */
export const referenceKernels: Kernels = {
  name: 'reference',

  alloc: (length) => new Float32Array(length),

  gemm(transA, transB, M, N, K, A, B, beta, C) {
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        let sum = 0;
        for (let k = 0; k < K; k++) {
          const a = transA ? A[k * M + m] : A[m * K + k];
          const b = transB ? B[n * K + k] : B[k * N + n];
          sum += a * b;
        }
        const i = m * N + n;
        C[i] = beta === 0 ? sum : beta * C[i] + sum;
      }
    }
  },

  lstmCellForward(rows, H, gates, cPrev, c, h) {
    for (let r = 0; r < rows; r++) {
      const g0 = r * 4 * H;
      const s0 = r * H;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(gates[g0 + j]);
        const f = sigmoid(gates[g0 + H + j]);
        const g = Math.tanh(gates[g0 + 2 * H + j]);
        const o = sigmoid(gates[g0 + 3 * H + j]);
        gates[g0 + j] = i;
        gates[g0 + H + j] = f;
        gates[g0 + 2 * H + j] = g;
        gates[g0 + 3 * H + j] = o;
        const cp = cPrev ? cPrev[s0 + j] : 0;
        const cv = f * cp + i * g;
        c[s0 + j] = cv;
        h[s0 + j] = o * Math.tanh(cv);
      }
    }
  },

  lstmSequenceForward(T, H, pre, bias, wh, reverse, h, c, out, outStride) {
    const G = 4 * H;
    const gates = this.alloc(G); // this implementation's storage (float64 in the gradient checks)
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      for (let n = 0; n < G; n++) gates[n] = pre[t * G + n] + bias[n];
      referenceKernels.gemm(false, false, 1, G, H, h, wh, 1, gates);
      referenceKernels.lstmCellForward(1, H, gates, c, c, h);
      out.set(h.subarray(0, H), t * outStride);
    }
  },

  adamUpdate(n, w, g, m, v, { lr, beta1, beta2, eps, c1, c2, l2, shrink }) {
    const a1 = 1 - beta1;
    const a2 = 1 - beta2;
    for (let i = 0; i < n; i++) {
      const gi = g[i] + l2 * w[i];
      const mi = beta1 * m[i] + a1 * gi;
      const vi = beta2 * v[i] + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] = shrink * w[i] - (lr * mi * c1) / (Math.sqrt(vi * c2) + eps);
    }
  },

  lstmSequenceTrainForward(T, B, H, gates, bias, wh, reverse, lengths, h, c) {
    const G = 4 * H;
    const n = B * H;
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const prev = (reverse ? t + 1 : t) * n;
      const cur = (reverse ? t : t + 1) * n;
      const g = gates.subarray(t * B * G, (t + 1) * B * G);
      for (let i = 0; i < B * G; i++) g[i] += bias[i % G];
      referenceKernels.gemm(false, false, B, G, H, h.subarray(prev, prev + n), wh, 1, g);
      const cOut = c.subarray(cur, cur + n);
      const hOut = h.subarray(cur, cur + n);
      referenceKernels.lstmCellForward(B, H, g, c.subarray(prev, prev + n), cOut, hOut);
      zeroEndedRows(t, B, H, lengths, hOut);
      zeroEndedRows(t, B, H, lengths, cOut);
    }
  },

  lstmSequenceTrainBackward(T, B, H, gates, c, dY, dyStride, wh, reverse, lengths, dGates, dBias) {
    const G = 4 * H;
    const n = B * H;
    // this implementation's storage (float64 in the gradient checks)
    const dh = this.alloc(n);
    const dc = this.alloc(n);
    for (let s = T - 1; s >= 0; s--) {
      const t = reverse ? T - 1 - s : s;
      const prev = (reverse ? t + 1 : t) * n;
      const cur = (reverse ? t : t + 1) * n;
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) dh[b * H + j] = dY[(t * B + b) * dyStride + j];
      }
      if (s < T - 1) {
        // the gradient reaching h_t through the step after it
        const next = reverse ? t - 1 : t + 1;
        const dgNext = dGates.subarray(next * B * G, (next + 1) * B * G);
        referenceKernels.gemm(false, true, B, H, G, dgNext, wh, 1, dh);
      }
      zeroEndedRows(t, B, H, lengths, dh);
      zeroEndedRows(t, B, H, lengths, dc);
      const dg = dGates.subarray(t * B * G, (t + 1) * B * G);
      referenceKernels.lstmCellBackward(
        B,
        H,
        gates.subarray(t * B * G, (t + 1) * B * G),
        c.subarray(prev, prev + n),
        c.subarray(cur, cur + n),
        dh,
        dc,
        dg,
      );
      for (let i = 0; i < B * G; i++) dBias[i % G] += dg[i];
    }
  },

  int8Gemm(M, x, w, out) {
    const { K, N } = w;
    const views = int8Views(w);
    const q = new Uint8Array(K);
    for (let m = 0; m < M; m++) {
      const sx = quantizeRowU7(x, m * K, K, q);
      for (let n = 0; n < N; n++) out[m * N + n] = int8Dot(views, K, q, sx, n);
    }
  },

  lstmSequenceForwardInt8(T, H, pre, bias, wh, reverse, h, c, out, outStride) {
    const G = 4 * H;
    const views = int8Views(wh);
    const gates = new Float32Array(G);
    const q = new Uint8Array(H);
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const sh = quantizeRowU7(h, 0, H, q);
      for (let n = 0; n < G; n++) gates[n] = pre[t * G + n] + bias[n] + int8Dot(views, H, q, sh, n);
      referenceKernels.lstmCellForward(1, H, gates, c, c, h);
      out.set(h.subarray(0, H), t * outStride);
    }
  },

  lstmCellBackward(rows, H, gates, cPrev, c, dh, dc, dGates) {
    for (let r = 0; r < rows; r++) {
      const g0 = r * 4 * H;
      const s0 = r * H;
      for (let j = 0; j < H; j++) {
        const i = gates[g0 + j];
        const f = gates[g0 + H + j];
        const g = gates[g0 + 2 * H + j];
        const o = gates[g0 + 3 * H + j];
        const tc = Math.tanh(c[s0 + j]);
        const cp = cPrev ? cPrev[s0 + j] : 0;
        // dL/dc = dc(from t+1) + dh·o·(1 − tanh²c)
        const dct = dc[s0 + j] + dh[s0 + j] * o * (1 - tc * tc);
        dGates[g0 + j] = dct * g * i * (1 - i);
        dGates[g0 + H + j] = dct * cp * f * (1 - f);
        dGates[g0 + 2 * H + j] = dct * i * (1 - g * g);
        dGates[g0 + 3 * H + j] = dh[s0 + j] * tc * o * (1 - o);
        dc[s0 + j] = dct * f;
      }
    }
  },
};

/** Column n of x·W in int8: sx·sw[n]·(Σ_k qw[k, n]·q[k] + offset[n]), the integer sum exact. */
function int8Dot(
  { Kp, qw, sw, offset }: ReturnType<typeof int8Views>,
  K: number,
  q: Uint8Array,
  sx: number,
  n: number,
): number {
  let acc = offset[n];
  for (let k = 0; k < K; k++) acc += qw[int8WeightIndex(Kp, k, n)] * q[k];
  return Math.fround(acc * Math.fround(sw[n] * sx));
}

/** Zeroes row b of a [B, H] state where sequence b has ended before step t (t ≥ lengths[b]). */
function zeroEndedRows(t: number, B: number, H: number, lengths: Int32Array, state: Float32Array) {
  for (let b = 0; b < B; b++) if (t >= lengths[b]) state.fill(0, b * H, (b + 1) * H);
}
