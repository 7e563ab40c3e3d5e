import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network } from '../../../nn/network';
import { saveModel } from '../../../model/vbm';
import { activeModel, listModels } from '../../use-cases/models/model-store';
import { jsonLines, runCli } from '../../test-support/run-cli';
import { useTempHome } from '../../test-support/temp-home';

const home = useTempHome('models-cmd-');

function tinyInkModel(path: string) {
  const network = new Network(
    {
      inputSize: 3,
      layers: [{ cell: 'lstm', hidden: 4, bidirectional: true }],
      head: 'ctc',
      outputSize: 11,
      dropout: 0,
    },
    { seed: 1 },
  );
  const alphabet = ['', ...'0123456789'];
  writeFileSync(path, saveModel(network, { kind: 'ink', alphabet, featureConfig: {} }));
}

describe('verbatim models', () => {
  it('imports (validated), lists, activates, renames, exports and removes', async () => {
    const file = join(home, 'my digits.vbm');
    tinyInkModel(file);
    const imported = await runCli('models', 'import', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported my-digits (digits)');
    const list = await runCli('models', 'list', '--json');
    const row = jsonLines(list.stdout).find((r) => r.name === 'my-digits');
    expect(row).toMatchObject({ role: 'digits', kind: 'ink', source: 'user' });
    expect((await runCli('models', 'activate', 'my-digits')).code).toBe(0);
    expect(activeModel('digits')?.name).toBe('my-digits');
    expect((await runCli('models', 'rename', 'my-digits', 'pen')).code).toBe(0);
    expect(activeModel('digits')?.name).toBe('pen');
    const out = join(home, 'out.vbm');
    expect((await runCli('models', 'export', 'pen', out)).code).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(file));
    const onnx = join(home, 'out.onnx');
    expect((await runCli('models', 'export', 'pen', onnx)).code).toBe(0);
    expect(readFileSync(onnx).length).toBeGreaterThan(100);
    const path = listModels().find((m) => m.name === 'pen')!.path;
    expect((await runCli('models', 'remove', 'pen')).code).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(listModels().some((m) => m.name === 'pen')).toBe(false);
  });

  it('refuses a bad file with the reason and keeps nothing', async () => {
    const bad = join(home, 'bad.vbm');
    writeFileSync(bad, 'not a model at all');
    const r = await runCli('models', 'import', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.vbm is not a usable Verbatim model: .+/);
    expect(listModels().some((m) => m.name === 'bad')).toBe(false);
    expect((await runCli('models', 'frobnicate')).code).toBe(2);
  });
});
