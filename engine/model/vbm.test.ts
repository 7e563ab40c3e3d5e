import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../nn/network';
import { crc32 } from './crc32';
import { inferRole, ROLE_CHARSET } from './roles';
import {
  loadModel,
  ModelFormatError,
  modelHeaderLength,
  readingModel,
  readModelHeader,
  saveModel,
  type ModelInfo,
} from './vbm';

const arch = {
  inputSize: 3,
  layers: [
    {
      cell: 'lstm' as const,
      hidden: 4,
      bidirectional: true,
      subsample: { mode: 'stack' as const, factor: 2 },
    },
    { cell: 'gru' as const, hidden: 3, bidirectional: false },
  ],
  head: 'ctc' as const,
  outputSize: 4,
  dropout: 0.1,
};
const info: ModelInfo = {
  kind: 'ink',
  alphabet: ['', 'a', 'b', 'c'],
  featureConfig: { resample: 0.05, channels: ['dx', 'dy', 'pen'] },
  training: { optimizer: 'adam', lr: 0.003 },
  metrics: { cer: 0.12 },
  createdAt: '2026-11-25T12:00:00.000Z',
};
const net = new Network(arch, { seed: 7 });
const bytes = saveModel(net, info);

/** A file with the given header object and weights, with a valid checksum. */
function craft(header: unknown, weights: Float32Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = (12 + json.length + 3) & ~3;
  const out = new Uint8Array(start + weights.length * 4 + 4);
  const v = new DataView(out.buffer);
  out.set(bytes.subarray(0, 4));
  v.setUint32(4, 1, true);
  v.setUint32(8, json.length, true);
  out.set(json, 12);
  weights.forEach((w, i) => v.setFloat32(start + i * 4, w, true));
  v.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}
const { header } = loadModel(bytes);

describe('.vbm model file', () => {
  it('save → load is bit-exact, header included', () => {
    const loaded = loadModel(bytes);
    expect(new Uint8Array(loaded.network.params.data.buffer)).toEqual(
      new Uint8Array(net.params.data.buffer),
    );
    expect(loaded.header).toMatchObject({ ...info, formatVersion: 1, architecture: arch });
    expect(loaded.header.tensors[0]).toEqual({ name: 'layer0.fwd.wx', shape: [3, 16] });
    expect(saveModel(loaded.network, info)).toEqual(bytes);
    const x = Float32Array.from({ length: 15 }, (_, i) => Math.sin(i));
    expect(loaded.network.recognize(x, 5).logProbs).toEqual(net.recognize(x, 5).logProbs);
  });

  it('rejects a foreign file', () => {
    const png = Uint8Array.of(
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    );
    expect(() => loadModel(png)).toThrow(/not a Verbatim model file/);
    expect(() => loadModel(new Uint8Array(0))).toThrow(ModelFormatError);
  });

  it('rejects a newer version', () => {
    const b = bytes.slice();
    b[4] = 2;
    expect(() => loadModel(b)).toThrow(/version 2 is newer/);
  });

  it('rejects every truncation and every single corrupted byte with ModelFormatError', () => {
    for (const n of [3, 11, 20, bytes.length - 4, bytes.length - 1]) {
      expect(() => loadModel(bytes.subarray(0, n))).toThrow(/truncated|corrupted/);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const b = bytes.slice();
          b[at] ^= xor;
          expect(() => loadModel(b)).toThrow(ModelFormatError);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (n) => {
        expect(() => loadModel(bytes.subarray(0, n))).toThrow(ModelFormatError);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects tensors whose shapes do not match the architecture', () => {
    const weights = net.params.data;
    const wrongShape = {
      ...header,
      tensors: header.tensors.map((t, i) => (i === 0 ? { ...t, shape: [16, 3] } : t)),
    };
    expect(() => loadModel(craft(wrongShape, weights))).toThrow(
      /tensor 0 is layer0.fwd.wx \[16,3\]/,
    );
    const wider = {
      ...header,
      architecture: { ...arch, outputSize: 5 },
      alphabet: ['', 'a', 'b', 'c', 'd'],
    };
    expect(() => loadModel(craft(wider, weights))).toThrow(/architecture expects/);
    expect(() => loadModel(craft(header, weights.subarray(1)))).toThrow(/truncated/);
    expect(() =>
      loadModel(craft({ ...header, architecture: { ...arch, head: 'mystery' } }, weights)),
    ).toThrow(/head must be/);
    const nan = weights.slice();
    nan[3] = NaN;
    expect(() => loadModel(craft(header, nan))).toThrow(/not finite/);
  });

  it('refuses to save an alphabet that does not match the outputs', () => {
    expect(() => saveModel(net, { ...info, alphabet: ['', 'a'] })).toThrow(
      /alphabet has 2 entries/,
    );
  });

  it('reads the header alone from the head of the bytes, checked like a full load', () => {
    const head = bytes.subarray(0, modelHeaderLength(bytes.subarray(0, 12)));
    expect(readModelHeader(head)).toEqual(header);
    expect(readModelHeader(bytes)).toEqual(header);
    expect(() => readModelHeader(head.subarray(0, head.length - 1))).toThrow(/truncated/);
    expect(() => readModelHeader(craft({ ...header, formatVersion: 9 }, net.params.data))).toThrow(
      /unsupported formatVersion 9/,
    );
    expect(() =>
      readModelHeader(craft({ ...header, alphabet: ['', 'a'] }, net.params.data)),
    ).toThrow(/alphabet has 2 entries/);
  });

  it('names the model in every refusal', () => {
    expect(() => readingModel('x.vbm', () => loadModel(bytes.subarray(0, 20)))).toThrow(
      /^x\.vbm is not a usable Verbatim model: model file is truncated/,
    );
    expect(() => readingModel('x.vbm', () => loadModel(bytes.subarray(0, 20)))).toThrow(
      ModelFormatError,
    );
  });
});

describe('model roles', () => {
  it('infers the role from the kind and the alphabet', () => {
    expect(inferRole({ kind: 'speech', alphabet: ['', '1'] })).toBe('speech');
    expect(inferRole({ kind: 'ink', alphabet: ['', '0', '7'] })).toBe('digits');
    expect(inferRole({ kind: 'ink', alphabet: ['', 'a', 'Q'] })).toBe('letters');
    expect(inferRole({ kind: 'ink', alphabet: ['', 'a', ' '] })).toBe('words');
    expect(ROLE_CHARSET.digits).toBe('0-9');
  });
});
