import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../nn/network';
import { crc32 } from './crc32';
import { fromFloat16Bits, toFloat16Bits } from './float16';
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

/**
 * A file with the given header object and weights, with a valid checksum,
 * written by hand: version 1 with float32 weights (the original layout) unless told.
 */
function craft(
  header: unknown,
  weights: Float32Array,
  { version = 1, float16 = false } = {},
): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = (12 + json.length + 3) & ~3;
  const size = float16 ? 2 : 4;
  const out = new Uint8Array(start + weights.length * size + 4);
  const v = new DataView(out.buffer);
  out.set(bytes.subarray(0, 4));
  v.setUint32(4, version, true);
  v.setUint32(8, json.length, true);
  out.set(json, 12);
  weights.forEach((w, i) =>
    float16
      ? v.setUint16(start + i * 2, toFloat16Bits(w), true)
      : v.setFloat32(start + i * 4, w, true),
  );
  v.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}
const { header } = loadModel(bytes);

/** Any single corrupted byte and any truncation of `file` raise ModelFormatError. */
function expectEveryDamageRefused(file: Uint8Array): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: file.length - 1 }),
      fc.integer({ min: 1, max: 255 }),
      (at, xor) => {
        const b = file.slice();
        b[at] ^= xor;
        expect(() => loadModel(b)).toThrow(ModelFormatError);
      },
    ),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: file.length - 1 }), (n) => {
      expect(() => loadModel(file.subarray(0, n))).toThrow(ModelFormatError);
    }),
    { numRuns: 100 },
  );
}

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
    b[4] = 3;
    expect(() => loadModel(b)).toThrow(/version 3 is newer than this Verbatim supports.*update/);
    b[4] = 0;
    expect(() => loadModel(b)).toThrow(/unknown model file version 0/);
  });

  it('writes float32 models in the original version 1 layout, byte for byte', () => {
    expect(bytes[4]).toBe(1);
    expect(header.formatVersion).toBe(1);
    expect('weights' in header).toBe(false);
    expect(bytes).toEqual(craft(header, net.params.data));
    expect(saveModel(net, info, { weights: 'float32' })).toEqual(bytes);
  });

  it('rejects every truncation and every single corrupted byte with ModelFormatError', () => {
    for (const n of [3, 11, 20, bytes.length - 4, bytes.length - 1]) {
      expect(() => loadModel(bytes.subarray(0, n))).toThrow(/truncated|corrupted/);
    }
    expectEveryDamageRefused(bytes);
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
    expect(() => readingModel('x.vbm', () => loadModel(fp16.subarray(0, fp16.length - 2)))).toThrow(
      /^x\.vbm is not a usable Verbatim model: model file is truncated/,
    );
    expect(() => readingModel('x.vbm', () => loadModel(bytes.subarray(0, 20)))).toThrow(
      /^x\.vbm is not a usable Verbatim model: model file is truncated/,
    );
    expect(() => readingModel('x.vbm', () => loadModel(bytes.subarray(0, 20)))).toThrow(
      ModelFormatError,
    );
  });
});

const fp16 = saveModel(net, info, { weights: 'float16' });
const { formatVersion: _v1, ...unversioned } = header;
const fp16Header = { formatVersion: 2, weights: 'float16', ...unversioned };

describe('.vbm model file with float16 weights', () => {
  it('is version 2, says float16, stores 2 bytes a weight and loads as float32', () => {
    expect(fp16[4]).toBe(2);
    const json = modelHeaderLength(fp16.subarray(0, 12));
    expect(fp16.length - ((json + 3) & ~3) - 4).toBe(net.params.size * 2);
    const loaded = loadModel(fp16);
    expect(loaded.header).toEqual(fp16Header);
    expect(readModelHeader(fp16)).toEqual(fp16Header);
    expect(loaded.network.params.data).toEqual(
      net.params.data.map((w) => fromFloat16Bits(toFloat16Bits(w))),
    );
    expect(fp16).toEqual(craft(fp16Header, net.params.data, { version: 2, float16: true }));
  });

  it('saving a float16 model again as float16 is lossless, and as float32 exact', () => {
    const once = loadModel(fp16).network;
    expect(saveModel(once, info, { weights: 'float16' })).toEqual(fp16);
    const widened = loadModel(saveModel(once, info));
    expect(widened.header.formatVersion).toBe(1);
    expect(widened.network.params.data).toEqual(once.params.data);
  });

  it('gives outputs within a small tolerance of the float32 model on random input', () => {
    // realistic weight scale: a trained layer's weights are mostly within ±1
    const big = new Network({ ...arch, inputSize: 8, outputSize: 4 }, { seed: 3 });
    const half = loadModel(saveModel(big, info, { weights: 'float16' })).network;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: 96, maxLength: 96 }),
        (T, values) => {
          const x = Float32Array.from(values.slice(0, T * 8));
          const a = big.recognize(x, T).logProbs;
          const b = half.recognize(x, T).logProbs;
          for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-3);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects every truncation and every single corrupted byte with ModelFormatError', () => {
    expect(() => loadModel(fp16.subarray(0, fp16.length - 2))).toThrow(
      /model file is truncated: \d+ bytes, expected \d+/,
    );
    expect(() => loadModel(fp16.subarray(0, fp16.length - 1))).toThrow(/truncated|corrupted/);
    expectEveryDamageRefused(fp16);
  });

  it('refuses an encoding it does not know, and a weights field where it has no place', () => {
    const w = net.params.data;
    expect(() =>
      loadModel(craft({ ...fp16Header, weights: 'bfloat16' }, w, { version: 2, float16: true })),
    ).toThrow(/weights stored as "bfloat16", which this Verbatim cannot read .*update Verbatim/);
    expect(() => loadModel(craft({ ...header, formatVersion: 2 }, w, { version: 2 }))).toThrow(
      /weights stored as undefined/,
    );
    expect(() => loadModel(craft(fp16Header, w, { version: 1, float16: true }))).toThrow(
      /formatVersion 2 in a version 1 file/,
    );
    expect(() => loadModel(craft({ ...header, weights: 'float16' }, w))).toThrow(
      /version 1 file has no weights field/,
    );
    const infinite = w.slice();
    infinite[2] = Infinity;
    expect(() => loadModel(craft(fp16Header, infinite, { version: 2, float16: true }))).toThrow(
      /value 2 is not finite/,
    );
    expect(() => saveModel(net, info, { weights: 'int8' as unknown as 'float16' })).toThrow(
      /weights must be one of float32, float16, got "int8"/,
    );
  });

  it('a version 2 file may also hold float32 weights', () => {
    const header2 = { ...header, formatVersion: 2, weights: 'float32' };
    const loaded = loadModel(craft(header2, net.params.data, { version: 2 }));
    expect(loaded.network.params.data).toEqual(net.params.data);
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
