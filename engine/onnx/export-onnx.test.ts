import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../audio/decode-audio';
import { sharedUnipenRoot, verbatimDataDir } from '../node/io/datasets/unipen-dataset';
import type { Architecture, CellKind } from '../nn/architecture';
import { Network } from '../nn/network';
import { Rng } from '../util/rng';
import {
  defaultSpeechFrontEnd,
  speechFeatures,
  validateSpeechFrontEnd,
} from '../recognize/speech-front-end';
import { extractInkFeatures, parseInkFeatureConfig, type Ink } from '../ink/index';
import { listModels } from '../node/use-cases/models/model-store';
import { UnipenReader } from '../node/io/unipen-files';
import { loadModel, saveModel } from '../model/vbm';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from './export-onnx';
import { maxAbsDiff } from '../util/max-abs-diff';

type ExportInfo = Parameters<typeof exportOnnx>[1];

// Real features: a Free Spoken Digit Dataset recording when the shared data is
// there, else a synthetic two-tone glide (said in the test's name).
const fsddFile = join(verbatimDataDir(), 'fsdd', 'recordings', '3_jackson_12.wav');
const realAudio = existsSync(fsddFile);
if (!realAudio)
  console.warn(`export-onnx.test: ${fsddFile} absent — parity is checked on a synthetic tone`);

function testSamples(): Float32Array {
  if (realAudio) return decodeAudio(readFileSync(fsddFile)).samples;
  return Float32Array.from({ length: 8000 }, (_, i) => {
    const t = i / 16000;
    return (
      0.4 * Math.sin(2 * Math.PI * (300 + 400 * t) * t) + 0.2 * Math.sin(2 * Math.PI * 1700 * t)
    );
  });
}

const features = speechFeatures(testSamples(), defaultSpeechFrontEnd);
const inputSize = features.x.length / features.T;
const alphabet = (V: number) => ['', ...'abcdefghijklmnopqrstuvwxyz'.slice(0, V - 1)];

/** A network with every weight and bias drawn at random (biases too, so their layout is tested). */
function randomNetwork(arch: Architecture, seed: number): Network {
  const net = new Network(arch, { seed });
  const rng = new Rng(seed);
  const p = net.params.data;
  for (let i = 0; i < p.length; i++) p[i] = rng.uniform(-0.4, 0.4);
  return net;
}

async function runOnnx(bytes: Uint8Array, x: Float32Array, T: number) {
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  try {
    const feeds = { [ONNX_INPUT]: new ort.Tensor('float32', x, [T, 1, x.length / T]) };
    const out = (await session.run(feeds))[ONNX_OUTPUT];
    return { dims: [...out.dims], data: out.data as Float32Array };
  } finally {
    await session.release();
  }
}

/** Exports `net`, runs both on features x [T, inputSize], and checks shapes and values. */
async function compare(net: Network, info: ExportInfo, x: Float32Array, T: number) {
  const ours = net.recognize(x, T);
  const onnx = await runOnnx(exportOnnx(net, info), x, T);
  expect(onnx.dims).toEqual([ours.frames, 1, net.architecture.outputSize]);
  expect(onnx.data.length).toBe(ours.logProbs.length);
  expect(maxAbsDiff(ours.logProbs, onnx.data)).toBeLessThan(1e-4);
}

/** The same on the first T frames of the test features. */
function expectParity(net: Network, T: number) {
  const info = {
    kind: 'speech' as const,
    alphabet: alphabet(net.architecture.outputSize),
    featureConfig: { ...defaultSpeechFrontEnd },
  };
  return compare(net, info, features.x.subarray(0, T * inputSize), T);
}

const source = realAudio ? 'real FSDD speech features' : 'synthetic-tone features';

describe(`ONNX export matches the engine on ${source} (onnxruntime-node)`, () => {
  const cells: CellKind[] = ['lstm', 'gru', 'rnn'];
  for (const cell of cells) {
    for (const bidirectional of [true, false]) {
      it(`${bidirectional ? 'bidirectional' : 'unidirectional'} ${cell}, stack ×3 then stride ×2`, async () => {
        const arch: Architecture = {
          inputSize,
          layers: [
            { cell, hidden: 12, bidirectional, subsample: { mode: 'stack', factor: 3 } },
            { cell, hidden: 10, bidirectional, subsample: { mode: 'stride', factor: 2 } },
            { cell, hidden: 8, bidirectional },
          ],
          head: 'ctc',
          outputSize: 9,
          dropout: 0,
        };
        const net = randomNetwork(arch, cells.indexOf(cell) * 2 + (bidirectional ? 1 : 0) + 1);
        // every remainder of T modulo the stacking factor (zero-padded groups)
        for (const T of [features.T, features.T - 1, features.T - 2]) await expectParity(net, T);
        await expectParity(net, 1);
      });
    }
  }

  it('the default speech shape (3×BiLSTM, no subsampling), frame head too', async () => {
    const layers = Array.from({ length: 3 }, () => ({
      cell: 'lstm' as const,
      hidden: 24,
      bidirectional: true,
    }));
    await expectParity(
      randomNetwork({ inputSize, layers, head: 'ctc', outputSize: 29, dropout: 0.1 }, 11),
      features.T,
    );
    await expectParity(
      randomNetwork({ inputSize, layers, head: 'frame', outputSize: 5, dropout: 0 }, 12),
      features.T,
    );
  });

  it('a model stored with float16 weights exports float32 initializers and still matches', async () => {
    const layers = [{ cell: 'lstm' as const, hidden: 16, bidirectional: true }];
    const net = randomNetwork({ inputSize, layers, head: 'ctc', outputSize: 7, dropout: 0 }, 31);
    const info = { kind: 'speech' as const, alphabet: alphabet(7), featureConfig: {} };
    const half = loadModel(saveModel(net, info, { weights: 'float16' }));
    expect(half.header.weights).toBe('float16');
    await expectParity(half.network, features.T);
    // the same graph as from a float32 file holding the same (rounded) weights
    const wide = loadModel(saveModel(half.network, info));
    const onnx = exportOnnx(half.network, half.header);
    expect(onnx).toEqual(exportOnnx(wide.network, wide.header));
    expect(onnx.length).toBeGreaterThan(net.params.size * 4);
  });

  it('mixed cells and stacking ×2', async () => {
    const arch: Architecture = {
      inputSize,
      layers: [
        { cell: 'gru', hidden: 9, bidirectional: true, subsample: { mode: 'stack', factor: 2 } },
        { cell: 'lstm', hidden: 7, bidirectional: false },
        { cell: 'rnn', hidden: 6, bidirectional: true },
      ],
      head: 'ctc',
      outputSize: 6,
      dropout: 0,
    };
    const net = randomNetwork(arch, 21);
    await expectParity(net, features.T);
    await expectParity(net, features.T - 1);
  });
});

describe('ONNX export', () => {
  it('stores kind, alphabet, feature config and architecture as metadata', () => {
    const arch: Architecture = {
      inputSize: 4,
      layers: [{ cell: 'lstm', hidden: 3, bidirectional: true }],
      head: 'ctc',
      outputSize: 3,
      dropout: 0,
    };
    const bytes = exportOnnx(new Network(arch), {
      kind: 'ink',
      alphabet: ['', 'x', 'y'],
      featureConfig: { resample: 0.05 },
    });
    const text = new TextDecoder('latin1').decode(bytes);
    for (const s of [
      'kind',
      'ink',
      'alphabet',
      '["","x","y"]',
      'feature_config',
      '{"resample":0.05}',
    ])
      expect(text).toContain(s);
    expect(text).toContain(JSON.stringify(arch));
  });

  it('refuses a sequence head with a clear message', () => {
    const net = new Network({
      inputSize: 4,
      layers: [{ cell: 'lstm', hidden: 3, bidirectional: false }],
      head: 'sequence',
      outputSize: 3,
      dropout: 0,
    });
    expect(() =>
      exportOnnx(net, { kind: 'speech', alphabet: ['', 'a', 'b'], featureConfig: {} }),
    ).toThrow(/per-frame heads.*'sequence' head/);
  });
});

// The trained models of assets/ (when installed) on real input of their kind.
const shippedModels = listModels().filter((m) => m.shipped);
if (shippedModels.length === 0)
  console.warn('export-onnx.test: no shipped models in assets/ — their ONNX parity is not checked');

/** Real digits from UNIPEN (category 1a) when present, else a drawn zigzag. */
function testInk(): Ink[] {
  const root = sharedUnipenRoot();
  if (root) {
    const segments = new UnipenReader(root).readSegmentFile(
      join(root, 'data', '1a', 'aga', 'crlmtchl.dat'),
    );
    if (segments.length > 0) return segments.slice(0, 3).map((s) => s.ink);
  }
  const points = Array.from({ length: 60 }, (_, i) => ({ x: i, y: (i % 10) * 3 }));
  return [{ strokes: [{ points }] }];
}

describe.skipIf(shippedModels.length === 0)('ONNX export of the shipped models', () => {
  for (const entry of shippedModels) {
    const input =
      entry.role === 'speech' ? source : sharedUnipenRoot() ? 'UNIPEN digits' : 'a drawn zigzag';
    it(`${entry.name} matches onnxruntime on ${input}`, async () => {
      const { header, network } = loadModel(readFileSync(entry.path));
      const inputs =
        header.kind === 'speech'
          ? [speechFeatures(testSamples(), validateSpeechFrontEnd(header.featureConfig))]
          : testInk().map((ink) => {
              const f = extractInkFeatures(ink, parseInkFeatureConfig(header.featureConfig));
              return { x: f.data, T: f.frames };
            });
      for (const { x, T } of inputs) await compare(network, header, x, T);
    });
  }
});
