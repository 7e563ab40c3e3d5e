import { REQUIREMENTS, type BenchReport, type RequiredFigure } from './bench-suite';
import { formatBatchRows } from './batch.bench';

const fixed = (digits: number) => (v: number) => v.toFixed(digits);

/** Rows of the human table: figure, how it is printed, what it means. */
const ROWS: [keyof BenchReport, (v: number) => string, string][] = [
  ['bilstm_ratio', fixed(2), 'our BiLSTM forward ÷ onnxruntime-node, 10 s of features, 1 thread'],
  ['speech_rtf', fixed(4), 'whole speech pipeline time ÷ audio time, 10 s clip, 1 thread'],
  ['ink_ms_per_word', fixed(1), 'handwriting pipeline, ms per written word, with lexicon'],
  ['mfcc_x_realtime', fixed(0), 'seconds of audio featurised per second (MFCC+Δ+ΔΔ)'],
  ['bilstm_ratio_f32', fixed(2), 'the same in f32 (ours and onnxruntime)'],
  ['train_speedup_2w', fixed(2), 'training samples/s with 2 workers ÷ with 1'],
  [
    'train_samples_per_second_1w',
    fixed(1),
    'training samples/s, 1 worker, 3×BiLSTM 192, 16 × 150 frames',
  ],
  ['train_samples_per_second_2w', fixed(1), 'the same with 2 workers'],
  ['train_gflops_1w', fixed(1), 'FLOP rate of that training, 1 worker (GFLOP/s)'],
  ['kernel_gflops', fixed(1), 'gemm 256×256×256 on those kernels, GFLOP/s'],
  ['reference_gflops', fixed(2), 'TypeScript reference gemm, same product'],
  ['model_load_ms', fixed(1), 'speech .vbm bytes → ready recognizer'],
  ['peak_rss_mb_60s', fixed(0), 'peak RSS recognizing a 60 s clip (child process), MB'],
];

function requirement(name: string): string {
  if (!(name in REQUIREMENTS)) return '';
  const r: { min?: number; max?: number } = REQUIREMENTS[name as RequiredFigure];
  return r.max !== undefined ? `≤ ${r.max}` : `≥ ${r.min}`;
}

/** The report as a table for a terminal. */
export function formatBenchTable(report: BenchReport): string {
  const lines = [
    `Verbatim bench — ${report.date}, ${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.node}`,
    `load average at start: ${report.machine.load_average.join(', ')}${report.details.quick ? '   (--quick: a smoke test, not a measurement)' : ''}`,
    `speech model: ${report.model}; word model: ${report.ink_model}; kernels: ${report.kernels}`,
    '',
    `${'figure'.padEnd(28)} ${'value'.padStart(9)}  ${'required'.padEnd(9)} ok  what`,
  ];
  for (const [name, format, what] of ROWS) {
    const value = report[name] as number;
    const req = requirement(name);
    const ok = req ? (report.pass[name as RequiredFigure] ? 'yes' : 'NO') : '';
    lines.push(
      `${name.padEnd(28)} ${format(value).padStart(9)}  ${req.padEnd(9)} ${ok.padEnd(3)} ${what}`,
    );
  }
  lines.push(...formatBatchRows(report));
  const d = report.details;
  const s = d.speech_stages_ms;
  lines.push(
    '',
    `BiLSTM forward: ours ${d.bilstm_ms.toFixed(1)} ms (${d.bilstm_path}), f32 ${d.bilstm_ms_f32.toFixed(1)} ms (ratio ${d.bilstm_ratio_f32.toFixed(2)}; by CPU time ${d.bilstm_ratio_cpu.toFixed(2)} and ${d.bilstm_ratio_f32_cpu.toFixed(2)}), onnxruntime ${d.onnxruntime_version} ${d.onnxruntime_ms.toFixed(1)} ms (${d.speech_frames} frames; f32 outputs agree to ${d.onnx_max_abs_diff.toExponential(1)})`,
    ...(d.bilstm_path === 'int8'
      ? [
          `int8 vs f32 on this clip: max |log-prob difference| ${d.int8_max_abs_diff.toFixed(3)}, greedy transcript ${d.int8_greedy_equal ? 'equal' : 'DIFFERENT'}`,
        ]
      : []),
    ...(d.bilstm_breakdown_ms
      ? [
          `our forward pass (ms): input projections ${d.bilstm_breakdown_ms.input_projection.toFixed(1)}, recurrent steps ${d.bilstm_breakdown_ms.recurrent_steps.toFixed(1)}, other ${d.bilstm_breakdown_ms.other.toFixed(1)} (total ${d.bilstm_breakdown_ms.total.toFixed(1)})`,
        ]
      : []),
    `gemm 256³: ours ${report.kernel_gflops.toFixed(1)} GFLOP/s (${report.kernels}) vs onnxruntime ${d.onnxruntime_gemm_gflops.toFixed(1)} GFLOP/s (native SIMD)`,
    `speech pipeline stages (ms): decode+resample ${s.decode_and_resample.toFixed(1)}, features ${s.features.toFixed(1)}, network ${s.network.toFixed(1)}, beam search ${s.beam_search.toFixed(1)}; decoder set-up ${d.decoder_setup_ms.toFixed(0)} ms once`,
    `ink pipeline stages (ms per word): features ${d.ink_stages_ms.features.toFixed(1)}, network ${d.ink_stages_ms.network.toFixed(1)}, beam search ${d.ink_stages_ms.beam_search.toFixed(1)}`,
    `training: ${d.train_samples_per_second_1w.toFixed(1)} → ${d.train_samples_per_second_2w.toFixed(1)} samples/s (1 worker by CPU time ${d.train_samples_per_second_1w_cpu.toFixed(1)}; CPU-time speedup ${d.train_speedup_2w_cpu.toFixed(2)}); log-mel ${d.logmel_x_realtime.toFixed(0)}× real time`,
    `speech clip: ${d.speech_clip}`,
    `ink: ${d.ink_words}`,
    `medians of ${d.runs} runs`,
  );
  return `${lines.join('\n')}\n`;
}
