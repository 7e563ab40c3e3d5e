import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../nn/network';
import { saveModel } from '../../model/vbm';
import { activeModel, listModels } from '../../io/model-store';
import { main } from '../main';

const home = mkdtempSync(join(tmpdir(), 'models-cmd-'));
const previous = process.env.VERBATIM_HOME;
beforeAll(() => {
  process.env.VERBATIM_HOME = home;
});
afterAll(() => {
  process.env.VERBATIM_HOME = previous;
  rmSync(home, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    interactive: false,
  });
  return { code, stdout, stderr };
}

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
    const imported = await run('models', 'import', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported my-digits (digits)');
    const list = await run('models', 'list', '--json');
    const row = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((r) => r.name === 'my-digits');
    expect(row).toMatchObject({ role: 'digits', kind: 'ink', source: 'user' });
    expect((await run('models', 'activate', 'my-digits')).code).toBe(0);
    expect(activeModel('digits')?.name).toBe('my-digits');
    expect((await run('models', 'rename', 'my-digits', 'pen')).code).toBe(0);
    expect(activeModel('digits')?.name).toBe('pen');
    const out = join(home, 'out.vbm');
    expect((await run('models', 'export', 'pen', out)).code).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(file));
    const onnx = join(home, 'out.onnx');
    expect((await run('models', 'export', 'pen', onnx)).code).toBe(0);
    expect(readFileSync(onnx).length).toBeGreaterThan(100);
    const path = listModels().find((m) => m.name === 'pen')!.path;
    expect((await run('models', 'remove', 'pen')).code).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(listModels().some((m) => m.name === 'pen')).toBe(false);
  });

  it('refuses a bad file with the reason and keeps nothing', async () => {
    const bad = join(home, 'bad.vbm');
    writeFileSync(bad, 'not a model at all');
    const r = await run('models', 'import', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.vbm is not a usable Verbatim model: .+/);
    expect(listModels().some((m) => m.name === 'bad')).toBe(false);
    expect((await run('models', 'frobnicate')).code).toBe(2);
  });
});
