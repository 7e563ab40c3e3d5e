import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../model/vbm';
import { Network } from '../../nn/network';
import { readModelFile, writeModelFile } from './model-files';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model files on disk', () => {
  const net = new Network({
    inputSize: 2,
    layers: [{ cell: 'lstm', hidden: 3, bidirectional: true }],
    head: 'ctc',
    outputSize: 3,
    dropout: 0,
  });
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
    expect(() => readModelFile(path)).toThrow(/notes\.vbm: not a Verbatim model file/);
  });
});
