import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../../audio/index';
import { CLIP_SAMPLE_RATE, speechClip } from '../../bench/bench-clips';
import {
  speechBenchModel,
  speechRecipeArchitecture,
  UNTRAINED_STAND_IN,
  wordsBenchModel,
  wordsRecipeArchitecture,
  type BenchModel,
} from '../../bench/bench-models';
import { benchWords } from '../../bench/bench-pipelines';
import { listModels } from '../../use-cases/models/model-store';
import { referenceKernels } from '../../../kernels/reference';
import { benchForwardBreakdown } from '../../bench/bench-breakdown';
import { benchBilstmRatio, benchOnnxGemm } from '../../bench/bench-onnx';
import { interleavedMedians, median } from '../../bench/bench-stats';
import { meets, REQUIREMENTS, type BenchReport } from '../../bench/bench-suite';
import { formatBenchTable } from '../../bench/bench-table';
import { saveModel } from '../../../model/vbm';
import { Network } from '../../../nn/network';
import { defaultDecodeParams, NO_DECODE_RESOURCES } from '../../../recognize/decode-params';
import { loadRecognizer } from '../../../recognize/recognizer';
import { main } from '../main';

// The whole `verbatim bench --quick` takes ~25 s on the 2-core machine (training
// workers, a child process, kernel timings), too long for a unit test: its pieces are tested here.

describe('bench statistics', () => {
  it('median of odd and even counts, input left unsorted', () => {
    const v = [5, 1, 4];
    expect(median(v)).toBe(4);
    expect(v).toEqual([5, 1, 4]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no values/);
  });

  it('interleaves the contestants run by run after the warm-up', async () => {
    const order: string[] = [];
    const medians = await interleavedMedians([() => order.push('a'), () => order.push('b')], 3, 1);
    expect(order.join('')).toBe('abababab');
    expect(medians).toHaveLength(2);
    for (const m of medians) expect(m).toBeGreaterThanOrEqual(0);
  });

  it('judges each required figure against its bound', () => {
    expect(meets('bilstm_ratio', 1.5)).toBe(true);
    expect(meets('bilstm_ratio', 1.51)).toBe(false);
    expect(meets('mfcc_x_realtime', 199)).toBe(false);
    expect(meets('train_speedup_2w', 1.7)).toBe(true);
    expect(meets('train_samples_per_second_1w', 27.9)).toBe(false);
    expect(meets('bilstm_ratio_f32', 1.6)).toBe(true);
    expect(Object.keys(REQUIREMENTS)).toEqual([
      'bilstm_ratio',
      'bilstm_ratio_f32',
      'speech_rtf',
      'ink_ms_per_word',
      'mfcc_x_realtime',
      'train_speedup_2w',
      'train_samples_per_second_1w',
      'peak_rss_mb_60s',
    ]);
  });
});

describe('bench pieces', () => {
  it('times our forward pass against onnxruntime-node on the same exported model', async () => {
    const network = new Network({
      inputSize: 8,
      layers: [{ cell: 'lstm', hidden: 6, bidirectional: true }],
      head: 'ctc',
      outputSize: 4,
      dropout: 0,
    });
    const bytes = saveModel(network, {
      kind: 'speech',
      alphabet: ['', 'a', 'b', 'c'],
      featureConfig: {},
    });
    const model: BenchModel = {
      recognizer: loadRecognizer(bytes),
      bytes,
      params: defaultDecodeParams(),
      resources: NO_DECODE_RESOURCES,
      model: 'test',
      architecture: network.architecture,
    };
    const T = 20;
    const x = Float32Array.from({ length: T * 8 }, (_, i) => Math.sin(i));
    const r = await benchBilstmRatio(model, x, T, 3);
    expect(r.max_abs_diff).toBeLessThan(1e-4);
    expect(r.bilstm_ms).toBeGreaterThan(0);
    expect(r.onnxruntime_ms).toBeGreaterThan(0);
    expect(r.bilstm_ratio).toBeCloseTo(r.bilstm_ms / r.onnxruntime_ms, 10);
    expect(r.bilstm_ratio_f32).toBeCloseTo(r.bilstm_ms_f32 / r.onnxruntime_ms, 10);
    expect(r.bilstm_ratio_f32_cpu).toBeGreaterThan(0);
    // loadRecognizer() without kernels: the f32 reference, so the default path is f32 too.
    expect(r.bilstm_path).toBe('f32');
    expect(r.int8_max_abs_diff).toBe(0);
    expect(r.int8_greedy_equal).toBe(true);
    expect(r.onnxruntime_version).toMatch(/^\d+\.\d+/);
    const parts = await benchForwardBreakdown(network, x, T, 3);
    expect(parts!.total).toBeGreaterThan(0);
    expect(parts!.input_projection + parts!.recurrent_steps + parts!.other).toBeGreaterThanOrEqual(
      parts!.total - 1e-9,
    );
    const gru = new Network({
      ...network.architecture,
      layers: [{ cell: 'gru', hidden: 3, bidirectional: false }],
    });
    expect(await benchForwardBreakdown(gru, x, T, 1)).toBeNull();
  });

  it("measures onnxruntime's own matrix product", async () => {
    const gflops = await benchOnnxGemm(32);
    expect(Number.isFinite(gflops) && gflops > 0).toBe(true);
  });

  it('benchmarks the shipped models, or untrained stand-ins of their recipes', () => {
    const shipped = (role: string) => listModels().some((m) => m.shipped && m.role === role);
    const speech = speechBenchModel(referenceKernels);
    if (shipped('speech')) expect(speech.model).toMatch(/^shipped /);
    else {
      expect(speech.model).toBe(UNTRAINED_STAND_IN);
      expect(speech.architecture).toEqual(speechRecipeArchitecture);
    }
    expect(speech.recognizer.network.architecture.inputSize).toBe(120);
    const words = wordsBenchModel(referenceKernels);
    if (!shipped('words')) expect(words.architecture).toEqual(wordsRecipeArchitecture);
    expect(words.recognizer.kind).toBe('ink');
    // the word lexicon (assets/lexicons/ink-words.txt) or, for the stand-in, Debian's word list
    if (shipped('words') || existsSync('/usr/share/dict/american-english'))
      expect(words.resources.lexicon?.length).toBeGreaterThan(1000);
  });

  it('finds written words to recognize', () => {
    const { words, source } = benchWords(3);
    expect(words.length).toBeGreaterThanOrEqual(1);
    expect(source).toMatch(/UNIPEN|synthetic/);
    for (const w of words) expect(w.strokes.some((s) => s.points.length > 5)).toBe(true);
  });

  it('makes a speech clip of the asked length as a 44.1 kHz WAV and names its source', () => {
    const clip = speechClip(2);
    const wav = decodeWav(clip.wav);
    expect(wav.sampleRate).toBe(CLIP_SAMPLE_RATE);
    expect(wav.samples.length).toBe(2 * CLIP_SAMPLE_RATE);
    expect(clip.source).toMatch(/AN4|espeak-ng|generated/);
    let energy = 0;
    for (const s of wav.samples) energy += s * s;
    expect(energy / wav.samples.length).toBeGreaterThan(1e-6);
  });
});

function fakeReport(): BenchReport {
  return {
    bilstm_ratio: 1.2,
    bilstm_ratio_f32: 2.4,
    speech_rtf: 0.0123,
    ink_ms_per_word: 9.5,
    mfcc_x_realtime: 800,
    train_speedup_2w: 1.4,
    train_samples_per_second_1w: 20,
    train_samples_per_second_2w: 28,
    train_gflops_1w: 38.8,
    kernel_gflops: 39.1,
    reference_gflops: 0.6,
    kernels: 'native-avx2',
    model_load_ms: 20,
    peak_rss_mb_60s: 160,
    model: 'untrained stand-in',
    ink_model: 'shipped ink-words',
    ink_batch_words_per_s: 600.4,
    transcribe_batch_x_realtime: 95.2,
    queue_speedup_2w: null,
    queue_overhead_ms_per_job: null,
    batch: {
      pass: {
        ink_batch_words_per_s: true,
        transcribe_batch_x_realtime: false,
        queue_speedup_2w: null,
        queue_overhead_ms_per_job: null,
      },
      jobs: 2,
      ink_files: 210,
      ink_words: 6100,
      ink_seconds: 10.2,
      transcribe_files: 130,
      audio_seconds: 357,
      transcribe_seconds: 3.75,
      queue_jobs: 0,
      queue_seconds_1w: null,
      queue_seconds_2w: null,
      queue_seconds_kept: null,
      queue_recognition_seconds: null,
      notes: ['redis-server is not installed: the queue figures were skipped'],
    },
    details: {
      bilstm_ms: 12,
      bilstm_path: 'int8',
      bilstm_ratio_f32: 2.4,
      bilstm_ms_f32: 24,
      bilstm_ratio_cpu: 1.1,
      bilstm_ratio_f32_cpu: 2.2,
      int8_max_abs_diff: 0.2,
      int8_greedy_equal: true,
      onnxruntime_ms: 10,
      onnxruntime_version: '1.30.0',
      onnxruntime_gemm_gflops: 90,
      onnx_max_abs_diff: 4e-7,
      bilstm_breakdown_ms: { input_projection: 5, recurrent_steps: 5, other: 2, total: 12 },
      speech_frames: 333,
      speech_stages_ms: { decode_and_resample: 60, features: 12, network: 35, beam_search: 10 },
      decoder_setup_ms: 120,
      ink_stages_ms: { features: 0.5, network: 6, beam_search: 3 },
      transcript: '',
      logmel_x_realtime: 820,
      train_samples_per_second_1w: 20,
      train_samples_per_second_2w: 28,
      train_samples_per_second_1w_cpu: 21,
      train_speedup_2w_cpu: 1.7,
      kernels: 'native-avx2',
      speech_clip: 'AN4',
      ink_words: 'UNIPEN',
      runs: 9,
      quick: false,
    },
    pass: {
      bilstm_ratio: true,
      bilstm_ratio_f32: false,
      speech_rtf: true,
      ink_ms_per_word: true,
      mfcc_x_realtime: true,
      train_speedup_2w: false,
      train_samples_per_second_1w: false,
      peak_rss_mb_60s: true,
    },
    machine: { cpu: 'Test CPU', cores: 2, memory_gb: 8, load_average: [1, 2, 3] },
    date: '2026-11-25T17:00:00.000Z',
    node: 'v20.20.2',
  };
}

describe('verbatim bench output', () => {
  it('prints every figure with its requirement and verdict, and says which model ran', () => {
    const table = formatBenchTable(fakeReport());
    expect(table).toMatch(/^bilstm_ratio\s+1\.20\s+≤ 1\.5\s+yes/m);
    expect(table).toMatch(/^train_speedup_2w\s+1\.40\s+≥ 1\.6\s+NO/m);
    expect(table).toMatch(/^kernel_gflops\s+39\.1\s/m);
    expect(table).toMatch(/^train_samples_per_second_1w\s+20\.0\s+≥ 28\s+NO/m);
    expect(table).toMatch(/^train_gflops_1w\s+38\.8\s/m);
    expect(table).toContain('(ratio 2.40; by CPU time 1.10 and 2.20)');
    expect(table).toContain('training: 20.0 → 28.0 samples/s (1 worker by CPU time 21.0;');
    expect(table).toMatch(/^peak_rss_mb_60s\s+160\s+≤ 300\s+yes/m);
    expect(table).toMatch(
      /^ink_batch_words_per_s\s+600\s+≥ 550\s+yes .*210 UNIPEN files, --jobs 2/m,
    );
    expect(table).toMatch(/^transcribe_batch_x_realtime\s+95\s+≥ 100\s+NO/m);
    expect(table).toMatch(/^queue_speedup_2w\s+—\s+≥ 1\.7\s+Redis queue/m);
    expect(table).toContain('(redis-server is not installed: the queue figures were skipped)');
    expect(table).toContain('speech model: untrained stand-in; word model: shipped ink-words');
    expect(table).toContain('Test CPU, 2 cores');
    expect(table).toContain('input projections 5.0, recurrent steps 5.0, other 2.0 (total 12.0)');
    expect(table).toMatch(/gemm 256³: ours 39\.1 GFLOP\/s .* onnxruntime 90\.0 GFLOP\/s/);
  });

  it('bad usage exits with code 2 before measuring anything', async () => {
    let stderr = '';
    const io = {
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr: new Writable({
        write(chunk, _e, done) {
          stderr += String(chunk);
          done();
        },
      }),
      interactive: false,
    };
    expect(await main(['bench', '--fast'], io)).toBe(2);
    expect(await main(['bench', 'now'], io)).toBe(2);
    expect(stderr).toMatch(/usage: verbatim bench \[--json\] \[--quick\]/);
  });
});
