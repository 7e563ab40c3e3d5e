import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../../model/vbm';
import { Network } from '../../../nn/network';
import { runCli } from '../../test-support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-export-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modelFile(): { path: string; network: Network } {
  const network = new Network(
    {
      inputSize: 6,
      layers: [
        { cell: 'lstm', hidden: 5, bidirectional: true, subsample: { mode: 'stack', factor: 2 } },
        { cell: 'lstm', hidden: 4, bidirectional: true },
      ],
      head: 'ctc',
      outputSize: 4,
      dropout: 0,
    },
    { seed: 4 },
  );
  const path = join(dir, 'small.vbm');
  writeFileSync(
    path,
    saveModel(network, { kind: 'speech', alphabet: ['', 'a', 'b', 'c'], featureConfig: {} }),
  );
  return { path, network };
}

describe('verbatim export onnx', () => {
  it('writes an ONNX file that onnxruntime runs like the engine (also spelled --onnx)', async () => {
    const { path, network } = modelFile();
    for (const [i, format] of ['onnx', '--onnx'].entries()) {
      const out = join(dir, `small-${i}.onnx`);
      const r = await runCli('export', format, path, out);
      expect(r.stderr).toMatch(/wrote .*opset 17.*features \[T, 1, 6\] → log_probs \[T', 1, 4\]/);
      expect(r.code).toBe(0);
      const T = 7;
      const x = Float32Array.from({ length: T * 6 }, (_, k) => Math.cos(k));
      const session = await ort.InferenceSession.create(readFileSync(out));
      const y = (await session.run({ features: new ort.Tensor('float32', x, [T, 1, 6]) }))
        .log_probs;
      await session.release();
      const ours = network.recognize(x, T);
      expect(y.dims).toEqual([ours.frames, 1, 4]);
      const got = y.data as Float32Array;
      ours.logProbs.forEach((v, k) => expect(Math.abs(v - got[k])).toBeLessThan(1e-4));
    }
  });

  it('a file that is not a model: exit code 1 and a message that says what was expected', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello, not a model\n');
    const out = join(dir, 'notes.onnx');
    const r = await runCli('export', 'onnx', notes, out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /notes\.txt is not a usable Verbatim model: not a Verbatim model file/,
    );
    expect(existsSync(out)).toBe(false);
    const missing = await runCli('export', 'onnx', join(dir, 'none.vbm'), out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/none\.vbm does not exist/);
  });

  it('wrong usage: exit code 2 with the usage line', async () => {
    for (const args of [['model.vbm'], ['a.vbm', 'b.onnx', 'c'], ['--threads', '2', 'a', 'b']]) {
      const r = await runCli('export', 'onnx', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage: verbatim export onnx MODEL OUT\.onnx/);
    }
  });
});
