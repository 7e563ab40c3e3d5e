import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network } from '../../../nn/network';
import { loadModel, saveModel } from '../../../model/vbm';
import { activeModel, listModels } from '../../use-cases/models/model-store';
import { jsonLines, runCli } from '../../test-support/run-cli';
import { useTempHome } from '../../test-support/temp-home';

const home = useTempHome('models-cmd-');

function tinyInkModel(path: string, weights: 'float32' | 'float16' = 'float32') {
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
  const info = { kind: 'ink' as const, alphabet, featureConfig: {}, metrics: { cer: 0.1 } };
  writeFileSync(path, saveModel(network, info, { weights }));
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

  it('converts a model to float16 weights and back, never over its input', async () => {
    const file = join(home, 'wide.vbm');
    tinyInkModel(file);
    const half = join(home, 'half.vbm');
    const r = await runCli('models', 'convert', file, half, '--weights', 'float16');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('float16 weights');
    const before = loadModel(readFileSync(file));
    const after = loadModel(readFileSync(half));
    expect(after.header).toMatchObject({ weights: 'float16', metrics: { cer: 0.1 } });
    expect(after.header.createdAt).toBe(before.header.createdAt);
    expect(statSync(half).size).toBeLessThan(statSync(file).size * 0.75);
    const back = join(home, 'back.vbm');
    expect((await runCli('models', 'convert', half, back, '--weights', 'float32')).code).toBe(0);
    expect(loadModel(readFileSync(back)).network.params.data).toEqual(after.network.params.data);

    const original = readFileSync(file);
    const same = await runCli('models', 'convert', file, file, '--weights', 'float16');
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/will not write over the input/);
    expect(readFileSync(file)).toEqual(original);
    const missing = await runCli('models', 'convert', file, half);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--weights must be one of float32, float16/);
    expect((await runCli('models', 'convert', file, half, '--weights', 'int8')).code).toBe(2);
  });

  it('imports a float16 model like any other', async () => {
    const file = join(home, 'half digits.vbm');
    tinyInkModel(file, 'float16');
    expect((await runCli('models', 'import', file)).stdout).toContain(
      'imported half-digits (digits)',
    );
    const row = jsonLines((await runCli('models', 'list', '--json')).stdout).find(
      (m) => m.name === 'half-digits',
    );
    expect(row).toMatchObject({ role: 'digits', kind: 'ink', source: 'user' });
    expect((await runCli('models', 'activate', 'half-digits')).code).toBe(0);
    expect(activeModel('digits')?.name).toBe('half-digits');
  });

  it('says what each model recognizes in one line, and with --json what it decodes with', async () => {
    const lines = (await runCli('models', 'list')).stdout.split('\n');
    const line = (name: string) => lines.find((l) => l.slice(2).startsWith(`${name} `)) ?? '';
    // A shipped model's description, cut to one short line.
    expect(line('speech-broad')).toMatch(/ {2}Broad English: picks out any word you list .*…$/);
    expect(line('speech-broad').length).toBeLessThanOrEqual(140);
    expect(line('ink-digits')).toMatch(/ {2}Handwritten digits 0–9$/);
    const rows = jsonLines((await runCli('models', 'list', '--json')).stdout);
    for (const name of ['speech-broad', 'ink-digits', 'ink-words']) {
      const m = listModels().find((e) => e.name === name)!;
      expect(rows.find((r) => r.name === name)).toEqual({
        name,
        role: m.role,
        kind: expect.any(String),
        source: 'shipped',
        active: expect.any(Boolean),
        bytes: expect.any(Number),
        created: expect.any(String),
        path: m.path,
        metrics: expect.anything(),
        recipe: expect.toBeOneOf([expect.any(String), null]),
        description: m.description ?? null,
        domain: m.domain ?? null,
        broad: m.broad ?? false,
        lm: m.lm ?? null,
        lexicon: m.lexicon ?? null,
        charLm: m.charLm ?? null,
        charset: m.charset ?? null,
        decode: m.decode ?? null,
      });
    }
    expect(rows.find((r) => r.name === 'speech-broad')).toMatchObject({
      broad: true,
      domain: expect.stringMatching(/^General English/),
    });
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
