import { greedyDecode } from 'ctc-decode-ts';
import { exportOnnx, ONNX_INPUT, ONNX_OPSET } from '../../onnx/export-onnx';
import { encodeOnnxModel } from '../../onnx/onnx-proto';
import { loadRecognizer } from '../../recognize/recognizer';
import type { BenchModel } from './bench-models';
import { interleavedTimings } from './bench-stats';
import { maxAbsDiff } from '../../util/max-abs-diff';

export interface BilstmRatioResult {
  /** Our forward time on the default inference path ÷ onnxruntime-node's (f32), same model, same features, one thread each. */
  bilstm_ratio: number;
  bilstm_ms: number;
  /** Which path bilstm_ms timed: 'int8' (the default where the kernels prefer it) or 'f32'. */
  bilstm_path: 'int8' | 'f32';
  /** Our f32 path ÷ onnxruntime, timed in the same interleaved runs. */
  bilstm_ratio_f32: number;
  bilstm_ms_f32: number;
  onnxruntime_ms: number;
  /** The two ratios from the same runs' CPU time (other load on a shared machine does not skew them). */
  bilstm_ratio_cpu: number;
  bilstm_ratio_f32_cpu: number;
  onnxruntime_version: string;
  /** Largest |difference| between our f32 outputs and onnxruntime's (log-probabilities): the export's sanity check. */
  max_abs_diff: number;
  /** Largest |difference| between our default path's log-probabilities and our f32 ones (0 when both are f32). */
  int8_max_abs_diff: number;
  /** Whether the default path's greedy transcript equals the f32 one. */
  int8_greedy_equal: boolean;
}

type Ort = typeof import('onnxruntime-node');

async function loadOrt(): Promise<Ort> {
  try {
    return await import('onnxruntime-node');
  } catch (err) {
    throw new Error(
      `onnxruntime-node could not be loaded (${(err as Error).message}): it is a dev dependency, run 'npm install' in the project`,
    );
  }
}

/**
 * Times the network's forward pass on features x [T, inputSize] in our engine
 * (its kernels, this thread) and in onnxruntime-node on the same model exported
 * to ONNX, both single-threaded, runs interleaved; medians of `runs` each.
 */
export async function benchBilstmRatio(
  model: BenchModel,
  x: Float32Array,
  T: number,
  runs: number,
): Promise<BilstmRatioResult> {
  const ort = await loadOrt();
  const network = model.recognizer.network;
  const f32 = loadRecognizer(model.bytes, { kernels: network.kernels, quantize: 'none' }).network;
  const onnx = exportOnnx(network, model.recognizer.header);
  const session = await ort.InferenceSession.create(onnx, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  try {
    const input = new ort.Tensor('float32', x, [T, 1, network.architecture.inputSize]);
    const feeds = { [ONNX_INPUT]: input };
    const runOrt = () => session.run(feeds);
    const runOurs = () => network.recognize(x, T);
    const runF32 = () => f32.recognize(x, T);
    const theirs = (await runOrt())[session.outputNames[0]].data as Float32Array;
    const ours = runOurs().logProbs;
    const oursF32 = runF32().logProbs;
    const V = network.architecture.outputSize;
    const { wall, cpu } = await interleavedTimings([runOurs, runF32, runOrt], runs, 2);
    const [bilstm_ms, bilstm_ms_f32, onnxruntime_ms] = wall;
    return {
      bilstm_ratio: bilstm_ms / onnxruntime_ms,
      bilstm_ms,
      bilstm_path: network.inferencePrecision === 'int8' ? 'int8' : 'f32',
      bilstm_ratio_f32: bilstm_ms_f32 / onnxruntime_ms,
      bilstm_ms_f32,
      onnxruntime_ms,
      bilstm_ratio_cpu: cpu[0] / cpu[2],
      bilstm_ratio_f32_cpu: cpu[1] / cpu[2],
      onnxruntime_version: ort.env.versions.common,
      max_abs_diff: maxAbsDiff(oursF32, theirs),
      int8_max_abs_diff: maxAbsDiff(ours, oursF32),
      int8_greedy_equal: greedyPath(ours, V) === greedyPath(oursF32, V),
    };
  } finally {
    await session.release();
  }
}

/** The greedy CTC path of log-probabilities [T, V], as a key. */
const greedyPath = (logProbs: Float32Array, V: number) =>
  greedyDecode(logProbs, logProbs.length / V, V).tokens.join(',');

/**
 * onnxruntime-node's own single-threaded MatMul on 256×256×256 in GFLOP/s, to
 * set beside kernel_gflops: the fastest of 20 batches of 10 runs, as the
 * kernel bench counts (other processes on a shared machine only add time).
 */
export async function benchOnnxGemm(n = 256): Promise<number> {
  const ort = await loadOrt();
  const square = { shape: [n, n] };
  const bytes = encodeOnnxModel({
    opsetVersion: ONNX_OPSET,
    producerName: 'verbatim bench',
    producerVersion: '',
    metadata: {},
    graph: {
      name: 'matmul',
      nodes: [{ opType: 'MatMul', name: 'matmul', inputs: ['a', 'b'], outputs: ['c'] }],
      initializers: [],
      inputs: [
        { name: 'a', ...square },
        { name: 'b', ...square },
      ],
      outputs: [{ name: 'c', ...square }],
    },
  });
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  try {
    const a = new ort.Tensor('float32', Float32Array.from({ length: n * n }, Math.random), [n, n]);
    const feeds = { a, b: a };
    for (let i = 0; i < 10; i++) await session.run(feeds);
    let best = Infinity;
    for (let batch = 0; batch < 20; batch++) {
      const start = performance.now();
      for (let i = 0; i < 10; i++) await session.run(feeds);
      best = Math.min(best, (performance.now() - start) / 10);
    }
    return (2 * n ** 3) / best / 1e6;
  } finally {
    await session.release();
  }
}
