import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { greedyDecode } from 'ctc-decode-ts';
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../audio/decode-audio';
import { verbatimDataDir } from '../node/io/datasets/unipen-dataset';
import { assetsDir } from '../node/use-cases/models/model-store';
import { referenceKernels } from '../kernels/reference';
import { editDistance } from '../metrics/edit-distance';
import { maxAbsDiff } from '../util/max-abs-diff';
import { loadRecognizer } from '../recognize/recognizer';
import { speechFeatures, validateSpeechFrontEnd } from '../recognize/speech-front-end';
import { loadBestKernels } from '../node/runtime/load-kernels';
import { makeSymbolTask } from '../train/synthetic-task';
import type { Architecture } from './architecture';
import { Network } from './network';

// Int8 inference (engine/kernels/int8.ts) against the f32 network it comes from.
const kernels = loadBestKernels();
const hasInt8 = Boolean(kernels.int8Gemm);
if (!hasInt8)
  console.warn(`skipping int8 inference: the best kernels here (${kernels.name}) have none`);

/** Greedy CTC: per-frame argmax, repeats merged, blanks (0) dropped. */
const greedy = (logProbs: Float32Array, V: number) =>
  greedyDecode(logProbs, logProbs.length / V, V).tokens;

const arch = (bidirectional: boolean): Architecture => ({
  inputSize: 7,
  layers: [
    { cell: 'lstm', hidden: 13, bidirectional, subsample: { mode: 'stack', factor: 2 } },
    { cell: 'lstm', hidden: 9, bidirectional },
  ],
  head: 'ctc',
  outputSize: 7,
  dropout: 0,
});

describe.skipIf(!hasInt8)('int8 inference', () => {
  // 6 symbols: 7 features per frame (one-hot + noise), 7 output classes with the blank.
  const sample = makeSymbolTask({ count: 1, seed: 3, symbols: 6 })[0];
  const x = sample.features;
  const T = sample.frames;

  it('runs the LSTM layers in int8 only when asked, and stays near f32', () => {
    const f32 = new Network(arch(true), { kernels, seed: 2 });
    const int8 = new Network(arch(true), { kernels, seed: 2, quantize: 'int8' });
    expect(f32.inferencePrecision).toBe('none');
    expect(int8.inferencePrecision).toBe('int8');
    const a = f32.recognize(x, T).logProbs;
    const b = int8.recognize(x, T).logProbs;
    expect(maxAbsDiff(a, b)).toBeGreaterThan(0); // really another path
    expect(maxAbsDiff(a, b)).toBeLessThan(0.02);
    int8.setQuantization('none');
    expect(int8.recognize(x, T).logProbs).toEqual(a);
  });

  it('requantises after training changes the weights', () => {
    const net = new Network(arch(true), { kernels, seed: 2, quantize: 'int8' });
    const before = net.recognize(x, T).logProbs;
    const batch = {
      x,
      T,
      B: 1,
      lengths: Int32Array.of(T),
      targets: [sample.target],
    };
    net.computeGradients(batch);
    const { data, grad } = net.params;
    for (let i = 0; i < data.length; i++) data[i] -= 0.5 * grad[i];
    const after = net.recognize(x, T).logProbs;
    const fresh = new Network(arch(true), { kernels, quantize: 'int8' });
    fresh.params.data.set(data);
    expect(after).toEqual(fresh.recognize(x, T).logProbs);
    expect(maxAbsDiff(after, before)).toBeGreaterThan(1e-3);
  });

  it('loadRecognizer defaults to int8 only where the kernels prefer it', () => {
    const bytes = readFileSync(join(assetsDir, 'models', 'ink-digits.vbm'));
    const best = loadRecognizer(bytes, { kernels });
    expect(best.network.inferencePrecision).toBe(kernels.int8Preferred ? 'int8' : 'none');
    expect(loadRecognizer(bytes, { kernels, quantize: 'none' }).network.inferencePrecision).toBe(
      'none',
    );
    const ref = loadRecognizer(bytes, { kernels: referenceKernels });
    expect(ref.network.inferencePrecision).toBe('none');
    expect(() => loadRecognizer(bytes, { quantize: 'int4' as 'int8' })).toThrow(/'int8' or 'none'/);
  });
});

// The shipped speech model on real recordings of an unseen speaker: int8 must
// keep the greedy transcript and stay within a small log-probability distance.
const model = join(assetsDir, 'models', 'speech-en.vbm');
const fsdd = join(verbatimDataDir(), 'fsdd', 'recordings');
const hasData = hasInt8 && existsSync(model) && existsSync(fsdd);
if (!hasData) console.warn('skipping int8 vs f32 on FSDD: no speech model, FSDD data or kernels');

describe.skipIf(!hasData)('int8 inference of the shipped speech model', () => {
  // A frame on the edge between two labels may flip: at most one label of all ten readings.
  it('keeps the greedy output of f32 on FSDD george clips (one label may differ in all)', () => {
    const bytes = readFileSync(model);
    const f32 = loadRecognizer(bytes, { kernels, quantize: 'none' });
    const int8 = loadRecognizer(bytes, { kernels, quantize: 'int8' });
    const fe = validateSpeechFrontEnd(f32.header.featureConfig);
    const V = f32.network.architecture.outputSize;
    const files = readdirSync(fsdd)
      .filter((f) => /_george_1\.wav$/.test(f))
      .sort();
    expect(files.length).toBe(10);
    let worst = 0;
    let differing = 0;
    for (const f of files) {
      const { x: fx, T: fT } = speechFeatures(decodeAudio(readFileSync(join(fsdd, f))).samples, fe);
      const a = f32.network.recognize(fx, fT).logProbs;
      const b = int8.network.recognize(fx, fT).logProbs;
      differing += editDistance(greedy(b, V), greedy(a, V));
      worst = Math.max(worst, maxAbsDiff(a, b));
    }
    expect(differing).toBeLessThanOrEqual(1);
    expect(worst).toBeLessThan(0.5);
  });
});
