import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { speechFeatures, validateSpeechFrontEnd } from '../../recognize/speech-front-end';
import { decodeAudio } from '../../audio/decode-audio';
import { loadBestKernels } from '../runtime/load-kernels';
import { speechClip } from './bench-clips';
import { speechBenchModel, wordsBenchModel } from './bench-models';
import { benchForwardBreakdown, type ForwardBreakdown } from './bench-breakdown';
import { benchBilstmRatio, benchOnnxGemm } from './bench-onnx';
import {
  benchInk,
  benchModelLoad,
  benchSpeechPipeline,
  benchWords,
  type InkPipelineResult,
  type SpeechPipelineResult,
} from './bench-pipelines';
import { benchPeakRss } from './bench-rss';
import { benchKernels } from './kernels.bench';
import { benchMfcc } from './mfcc.bench';
import { benchTrainSpeedup, referenceTrainingArchitecture } from './train-speedup';
import { benchBatch, type BatchBenchFigures } from './batch.bench';

export interface BenchOptions {
  /** Fewer repetitions and training steps: a smoke test, not a measurement. */
  quick?: boolean;
  onProgress?(message: string): void;
}

/** The figures of issues 5 and 21 and how each is judged. */
export const REQUIREMENTS = {
  bilstm_ratio: { max: 1.5 },
  bilstm_ratio_f32: { max: 1.6 },
  speech_rtf: { max: 0.05 },
  ink_ms_per_word: { max: 20 },
  mfcc_x_realtime: { min: 200 },
  train_speedup_2w: { min: 1.6 },
  // PyTorch's CPU figure on the same shapes, one thread: 28.2
  train_samples_per_second_1w: { min: 28 },
  peak_rss_mb_60s: { max: 300 },
} as const;

export type RequiredFigure = keyof typeof REQUIREMENTS;

/** With the batch figures of issues 21 and 22 (batch.bench.ts: their own bounds and pass flags). */
export interface BenchReport extends BatchBenchFigures {
  bilstm_ratio: number;
  /** Our f32 BiLSTM forward ÷ onnxruntime's f32 on the same exported model (also in details). */
  bilstm_ratio_f32: number;
  speech_rtf: number;
  ink_ms_per_word: number;
  mfcc_x_realtime: number;
  train_speedup_2w: number;
  /** Training samples/s on the reference shapes (referenceTrainingArchitecture, 16 × 150 frames, Adam, clip 5), 1 and 2 workers. */
  train_samples_per_second_1w: number;
  train_samples_per_second_2w: number;
  /** Achieved GFLOP/s of forward + backward with 1 worker (FLOPs counted analytically: trainingFlops). */
  train_gflops_1w: number;
  kernel_gflops: number;
  reference_gflops: number;
  /** The kernels every figure ran on (loadBestKernels, VERBATIM_KERNELS picks): 'native-avx2', 'wasm-relaxed-simd', … */
  kernels: string;
  model_load_ms: number;
  peak_rss_mb_60s: number;
  /** 'shipped <name>' or 'untrained stand-in' for the speech model (and the word model). */
  model: string;
  ink_model: string;
  details: {
    bilstm_ms: number;
    /** The path bilstm_ratio times: our default inference ('int8' on the relaxed-SIMD kernels) or 'f32'. */
    bilstm_path: 'int8' | 'f32';
    bilstm_ratio_f32: number;
    bilstm_ms_f32: number;
    /** bilstm_ratio and bilstm_ratio_f32 from the same runs' CPU time. */
    bilstm_ratio_cpu: number;
    bilstm_ratio_f32_cpu: number;
    /** Default path vs f32 on the bench clip: largest |log-prob difference|, greedy transcript equal. */
    int8_max_abs_diff: number;
    int8_greedy_equal: boolean;
    onnxruntime_ms: number;
    onnxruntime_version: string;
    /** onnxruntime's MatMul on the same 256³ product as kernel_gflops (its native SIMD). */
    onnxruntime_gemm_gflops: number;
    onnx_max_abs_diff: number;
    /** Where our forward pass spends its time (null for non-LSTM models). */
    bilstm_breakdown_ms: ForwardBreakdown | null;
    speech_frames: number;
    speech_stages_ms: SpeechPipelineResult['speech_stages_ms'];
    decoder_setup_ms: number;
    ink_stages_ms: InkPipelineResult['ink_stages_ms'];
    transcript: string;
    logmel_x_realtime: number;
    train_samples_per_second_1w: number;
    train_samples_per_second_2w: number;
    /** 1 worker, from the fastest step's CPU time (load on a shared machine does not lower it). */
    train_samples_per_second_1w_cpu: number;
    train_speedup_2w_cpu: number;
    kernels: string;
    speech_clip: string;
    ink_words: string;
    runs: number;
    quick: boolean;
  };
  /** Which required figures are met. */
  pass: Record<RequiredFigure, boolean>;
  machine: { cpu: string; cores: number; memory_gb: number; load_average: number[] };
  date: string;
  node: string;
}

/** Whether `value` meets the requirement of `figure`. */
export function meets(figure: RequiredFigure, value: number): boolean {
  const r: { min?: number; max?: number } = REQUIREMENTS[figure];
  return (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max);
}

/**
 * Runs every benchmark of `verbatim bench` in this process (one thread, the
 * best kernels), except the peak RSS (a child process) and the training
 * speedup (worker threads). Fastest first, so the noisy parts come last.
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const quick = options.quick ?? false;
  const runs = quick ? 3 : 9;
  const say = (m: string) => options.onProgress?.(m);
  const load_average = loadavg().map((l) => Math.round(l * 100) / 100);
  const kernels = loadBestKernels((why) => say(`${why}; falling back`));

  say('models and clips');
  const speech = speechBenchModel(kernels);
  const words = wordsBenchModel(kernels);
  const clip10 = speechClip(10);
  const ink = benchWords(quick ? 4 : 20);

  say(`BiLSTM forward: ours vs onnxruntime-node (${runs} runs each)`);
  const fe = validateSpeechFrontEnd(speech.recognizer.header.featureConfig);
  const features = speechFeatures(decodeAudio(clip10.wav).samples, fe);
  const ratio = await benchBilstmRatio(speech, features.x, features.T, Math.max(runs, 5));
  const breakdown = await benchForwardBreakdown(
    speech.recognizer.network,
    features.x,
    features.T,
    runs,
  );

  say('speech pipeline');
  const pipeline = await benchSpeechPipeline(speech, clip10, runs);
  say('ink pipeline');
  const inkPipeline = await benchInk(words, ink.words, runs);
  say('model load');
  const loadMs = await benchModelLoad(speech, runs);
  say('features');
  const mfcc = benchMfcc(10);
  const rate = (name: string) => mfcc.find((r) => r.name.startsWith(name))?.realTimeFactor ?? NaN;
  say('kernels');
  const k = await benchKernels();
  const ortGemm = await benchOnnxGemm();
  say('peak RSS of a 60 s clip (child process)');
  const rss = await benchPeakRss(speechClip(60));
  say('training on the reference shapes, 1 vs 2 workers');
  const train = await benchTrainSpeedup({
    architecture: referenceTrainingArchitecture,
    steps: quick ? 1 : 5,
    onProgress: say,
  });

  say('batch commands (recognize-ink, transcribe) and the Redis job queue');
  const batch = await benchBatch({ quick, onProgress: say });

  const report: Omit<BenchReport, 'pass'> = {
    ...batch,
    bilstm_ratio: ratio.bilstm_ratio,
    bilstm_ratio_f32: ratio.bilstm_ratio_f32,
    speech_rtf: pipeline.speech_rtf,
    ink_ms_per_word: inkPipeline.ink_ms_per_word,
    mfcc_x_realtime: rate('verbatim mfcc'),
    train_speedup_2w: train.train_speedup_2w,
    train_samples_per_second_1w: train.samples_per_second_1w,
    train_samples_per_second_2w: train.samples_per_second_2w,
    train_gflops_1w: train.train_gflops_1w,
    kernel_gflops: k.kernel_gflops,
    reference_gflops: k.reference_gflops,
    kernels: kernels.name,
    model_load_ms: loadMs,
    peak_rss_mb_60s: rss.peak_rss_mb,
    model: speech.model,
    ink_model: words.model,
    details: {
      bilstm_ms: ratio.bilstm_ms,
      bilstm_path: ratio.bilstm_path,
      bilstm_ratio_f32: ratio.bilstm_ratio_f32,
      bilstm_ms_f32: ratio.bilstm_ms_f32,
      bilstm_ratio_cpu: ratio.bilstm_ratio_cpu,
      bilstm_ratio_f32_cpu: ratio.bilstm_ratio_f32_cpu,
      int8_max_abs_diff: ratio.int8_max_abs_diff,
      int8_greedy_equal: ratio.int8_greedy_equal,
      onnxruntime_ms: ratio.onnxruntime_ms,
      onnxruntime_version: ratio.onnxruntime_version,
      onnxruntime_gemm_gflops: ortGemm,
      onnx_max_abs_diff: ratio.max_abs_diff,
      bilstm_breakdown_ms: breakdown,
      speech_frames: features.T,
      speech_stages_ms: pipeline.speech_stages_ms,
      decoder_setup_ms: pipeline.decoder_setup_ms,
      ink_stages_ms: inkPipeline.ink_stages_ms,
      transcript: pipeline.transcript,
      logmel_x_realtime: rate('verbatim log-mel'),
      train_samples_per_second_1w: train.samples_per_second_1w,
      train_samples_per_second_2w: train.samples_per_second_2w,
      train_samples_per_second_1w_cpu: train.samples_per_second_1w_cpu,
      train_speedup_2w_cpu: train.train_speedup_2w_cpu,
      kernels: k.kernel,
      speech_clip: clip10.source,
      ink_words: ink.source,
      runs,
      quick,
    },
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      memory_gb: Math.round(totalmem() / 2 ** 30),
      load_average,
    },
    date: new Date().toISOString(),
    node: process.version,
  };
  const pass = Object.fromEntries(
    (Object.keys(REQUIREMENTS) as RequiredFigure[]).map((f) => [f, meets(f, report[f])]),
  ) as Record<RequiredFigure, boolean>;
  return { ...report, pass };
}
