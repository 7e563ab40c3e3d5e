import { exportOnnx, ONNX_INPUT } from '../onnx/export-onnx';
import type { BenchModel } from './bench-models';
import { interleavedMedians } from './bench-stats';

export interface BilstmRatioResult {
  /** Our forward time ÷ onnxruntime-node's, same model, same features, one thread each. */
  bilstm_ratio: number;
  bilstm_ms: number;
  onnxruntime_ms: number;
  onnxruntime_version: string;
  /** Largest |difference| between the two outputs (log-probabilities), as a sanity check. */
  max_abs_diff: number;
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
    const theirs = (await runOrt())[session.outputNames[0]].data as Float32Array;
    const ours = runOurs().logProbs;
    let max_abs_diff = 0;
    for (let i = 0; i < ours.length; i++)
      max_abs_diff = Math.max(max_abs_diff, Math.abs(ours[i] - theirs[i]));
    const [bilstm_ms, onnxruntime_ms] = await interleavedMedians([runOurs, runOrt], runs, 2);
    return {
      bilstm_ratio: bilstm_ms / onnxruntime_ms,
      bilstm_ms,
      onnxruntime_ms,
      onnxruntime_version: ort.env.versions.common,
      max_abs_diff,
    };
  } finally {
    await session.release();
  }
}
