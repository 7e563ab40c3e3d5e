import { pathToFileURL } from 'node:url';
import type { Kernels } from '../../kernels/kernels';
import { referenceKernels } from '../../kernels/reference';
import { loadBestKernels, loadWasmKernels, wasmKernelsPath } from '../runtime/load-kernels';

export interface KernelBenchResult {
  /** Which kernels ran (loadBestKernels): 'native-avx2', 'wasm-relaxed-simd' (fused multiply-add) or 'wasm-simd'. */
  kernel: string;
  /** Their gemm on 256×256×256 (zero-copy operands), GFLOP/s on one thread. */
  kernel_gflops: number;
  /** The same with the plain SIMD128 build (equal to kernel_gflops when that is the build). */
  simd128_gflops: number;
  /** The plain TypeScript reference gemm on the same product, same run. */
  reference_gflops: number;
  /** Per-shape gemm throughput of those kernels (the LSTM's own products). */
  gemm: { shape: string; gflops: number }[];
  /** One LSTM time step (recurrent product + fused cell), microseconds. */
  lstm_step: LstmStepTiming[];
}

export interface LstmStepTiming {
  batch: number;
  hidden: number;
  forward_us: number;
  backward_us: number;
  reference_forward_us: number;
  reference_backward_us: number;
}

/**
 * Milliseconds per call of `run`: the fastest of up to 40 short batches (≥ 5 ms,
 * or one call; at least 5 batches, at most ~2 s). The minimum, not the median,
 * because the machine is shared: other processes only ever add time, and short
 * batches often run undisturbed.
 */
function bestMs(run: () => void): number {
  // Warm up: V8 first runs WASM in its baseline tier and optimises it in the background.
  const warm = performance.now();
  while (performance.now() - warm < 200) run();
  let reps = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run();
    if (performance.now() - start >= 5) break;
    reps *= 2;
  }
  let best = Infinity;
  const begin = performance.now();
  for (let b = 0; b < 40 && (b < 5 || performance.now() - begin < 2000); b++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) run();
    best = Math.min(best, (performance.now() - start) / reps);
  }
  return best;
}

function random(kernels: Kernels, length: number, seed: number): Float32Array {
  const a = kernels.alloc(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = s / 2147483648 - 0.5;
  }
  return a;
}

function gemmGflops(
  kernels: Kernels,
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
): number {
  const A = random(kernels, M * K, 1);
  const B = random(kernels, K * N, 2);
  const C = kernels.alloc(M * N);
  const ms = bestMs(() => kernels.gemm(transA, transB, M, N, K, A, B, 0, C));
  return (2 * M * N * K) / ms / 1e6;
}

/**
 * One recurrent LSTM step as engine/nn runs it. Forward: gates = h·Wh (plus
 * the precomputed input projection, here beta = 1), then the fused cell.
 * Backward: the fused cell backward, then dh = dGates·Whᵀ (the weight
 * gradient is one product over all steps afterwards, not per step).
 */
function lstmStep(kernels: Kernels, batch: number, H: number) {
  const Wh = random(kernels, H * 4 * H, 3);
  const h = random(kernels, batch * H, 4);
  const cPrev = random(kernels, batch * H, 5);
  const gates = kernels.alloc(batch * 4 * H);
  const c = kernels.alloc(batch * H);
  const hOut = kernels.alloc(batch * H);
  const dh = random(kernels, batch * H, 6);
  const dc = random(kernels, batch * H, 7);
  const dGates = kernels.alloc(batch * 4 * H);
  const dhPrev = kernels.alloc(batch * H);
  const forwardMs = bestMs(() => {
    kernels.gemm(false, false, batch, 4 * H, H, h, Wh, 1, gates);
    kernels.lstmCellForward(batch, H, gates, cPrev, c, hOut);
  });
  const backwardMs = bestMs(() => {
    kernels.lstmCellBackward(batch, H, gates, cPrev, c, dh, dc, dGates);
    kernels.gemm(false, true, batch, H, 4 * H, dGates, Wh, 0, dhPrev);
  });
  return { forward_us: forwardMs * 1000, backward_us: backwardMs * 1000 };
}

/** Kernel throughput of the best kernels (VERBATIM_KERNELS picks) against the TypeScript reference, same run. */
export async function benchKernels(): Promise<KernelBenchResult> {
  const best = loadBestKernels();
  const kernel_gflops = gemmGflops(best, false, false, 256, 256, 256);
  const simd128_gflops =
    best.name === 'wasm-simd'
      ? kernel_gflops
      : gemmGflops(loadWasmKernels({ path: wasmKernelsPath }), false, false, 256, 256, 256);
  const reference_gflops = gemmGflops(referenceKernels, false, false, 256, 256, 256);
  // The BiLSTM's products at the default speech size (H = 192, 16 × 100 frames):
  // input projection, its weight gradient, the gradient to the input.
  const shapes: [boolean, boolean, number, number, number][] = [
    [false, false, 1600, 768, 192],
    [true, false, 192, 768, 1600],
    [false, true, 1600, 192, 768],
    [false, false, 1, 768, 192],
    [false, true, 16, 192, 768],
  ];
  const gemm = shapes.map(([ta, tb, M, N, K]) => ({
    shape: `${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'} ${M}×${N}×${K}`,
    gflops: gemmGflops(best, ta, tb, M, N, K),
  }));
  const lstm_step: LstmStepTiming[] = [];
  for (const batch of [1, 16]) {
    const H = 192;
    const fast = lstmStep(best, batch, H);
    const slow = lstmStep(referenceKernels, batch, H);
    lstm_step.push({
      batch,
      hidden: H,
      ...fast,
      reference_forward_us: slow.forward_us,
      reference_backward_us: slow.backward_us,
    });
  }
  return { kernel: best.name, kernel_gflops, simd128_gflops, reference_gflops, gemm, lstm_step };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchKernels();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(r));
  } else {
    console.log(`kernel_gflops     ${r.kernel_gflops.toFixed(2)}  (${r.kernel} gemm 256×256×256)`);
    console.log(
      `simd128_gflops    ${r.simd128_gflops.toFixed(2)}  (wasm-simd build, same product)`,
    );
    console.log(`reference_gflops  ${r.reference_gflops.toFixed(2)}  (TypeScript reference)`);
    for (const g of r.gemm)
      console.log(`gemm ${g.shape.padEnd(24)} ${g.gflops.toFixed(2)} GFLOP/s`);
    for (const s of r.lstm_step) {
      console.log(
        `lstm step B=${s.batch} H=${s.hidden}: forward ${s.forward_us.toFixed(1)} µs ` +
          `(reference ${s.reference_forward_us.toFixed(0)}), backward ${s.backward_us.toFixed(1)} µs ` +
          `(reference ${s.reference_backward_us.toFixed(0)})`,
      );
    }
  }
}
