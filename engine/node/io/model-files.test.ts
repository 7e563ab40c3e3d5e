import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../model/vbm';
import { Network } from '../../nn/network';
import { modelFileKey, readModelFile, readModelFileHeader, writeModelFile } from './model-files';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny CTC network with 3 outputs. */
const tinyNetwork = (layer: { cell: 'lstm' | 'gru'; hidden: number; bidirectional: boolean }) =>
  new Network({ inputSize: 2, layers: [layer], head: 'ctc', outputSize: 3, dropout: 0 });

describe('model files on disk', () => {
  const net = tinyNetwork({ cell: 'lstm', hidden: 3, bidirectional: true });
  const info = { kind: 'speech' as const, alphabet: ['', 'a', 'b'], featureConfig: {} };

  it('writes atomically and reads back bit-exact', () => {
    const path = join(dir, 'models', 'tiny.vbm');
    writeModelFile(path, net, info);
    writeModelFile(path, net, info); // overwrite in place
    expect(readdirSync(join(dir, 'models'))).toEqual(['tiny.vbm']);
    expect(readModelFile(path).network.params.data).toEqual(net.params.data);
  });

  it('names the file in format errors', () => {
    const path = join(dir, 'notes.vbm');
    writeFileSync(path, 'hello, world');
    expect(() => readModelFile(path)).toThrow(ModelFormatError);
    expect(() => readModelFile(path)).toThrow(
      /notes\.vbm is not a usable Verbatim model: not a Verbatim model file/,
    );
  });
});

describe('model headers', () => {
  const net = tinyNetwork({ cell: 'gru', hidden: 2, bidirectional: false });
  const info = { kind: 'ink' as const, alphabet: ['', '1', '2'], featureConfig: { a: 1 } };

  it('reads the header from the head of the file alone, equal to the full load', () => {
    const path = join(dir, 'head.vbm');
    writeModelFile(path, net, info);
    const header = readModelFileHeader(path);
    expect(header).toEqual(readModelFile(path).header);
    // the weights are not read: a corrupted tensor byte still gives the header
    const bytes = readFileSync(path);
    bytes[bytes.length - 8] ^= 0xff;
    writeFileSync(path, bytes);
    expect(readModelFileHeader(path)).toEqual(header);
    expect(() => readModelFile(path)).toThrow(/head\.vbm is not a usable Verbatim model/);
  });

  it('refuses foreign, truncated and missing files with the path in the message', () => {
    const foreign = join(dir, 'foreign.vbm');
    writeFileSync(foreign, 'hello, world and more');
    expect(() => readModelFileHeader(foreign)).toThrow(
      /foreign\.vbm is not a usable Verbatim model: not a Verbatim model file/,
    );
    const short = join(dir, 'short.vbm');
    writeModelFile(short, net, info);
    writeFileSync(short, readFileSync(short).subarray(0, 30));
    expect(() => readModelFileHeader(short)).toThrow(/short\.vbm .*truncated/);
    expect(() => readModelFileHeader(join(dir, 'missing.vbm'))).toThrow(
      /cannot read model file .*missing\.vbm/,
    );
  });

  it('keys a file by its contents version', () => {
    const path = join(dir, 'keyed.vbm');
    writeModelFile(path, net, info);
    const before = modelFileKey(path);
    expect(modelFileKey(path)).toBe(before);
    writeModelFile(path, net, { ...info, metrics: { cer: 0.5 } });
    expect(modelFileKey(path)).not.toBe(before);
  });
});
