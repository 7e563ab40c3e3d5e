import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../use-cases/datasets/dataset-store';
import { readModelFileHeader } from '../../io/model-files';
import { listModels, registerUserModel } from '../../use-cases/models/model-store';
import { writeTinySpeechModel } from '../../test-support/tiny-speech-model';
import { jsonLines, runCli } from '../../test-support/run-cli';
import { useTempHome } from '../../test-support/temp-home';

const home = useTempHome('train-cmd-');

const chirp = (n: number, f: number) =>
  Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin((2 * Math.PI * f * i) / 16000));

describe('verbatim train', () => {
  it('trains a tiny fresh speech model on a dataset, prints JSON lines, registers it', async () => {
    const ds = createDataset('tiny', 'speech', join(home, 'datasets'));
    ds.addAudio(chirp(6400, 300), 'a', 'amy');
    ds.addAudio(chirp(6400, 900), 'b', 'amy');
    ds.addAudio(chirp(6400, 300), 'a', 'bob');
    ds.addAudio(chirp(6400, 900), 'b', 'bob');
    const { code, stdout, stderr } = await runCli(
      'train',
      'speech',
      '--data',
      'tiny',
      '--cell',
      'gru',
      '--layers',
      '1',
      '--hidden',
      '8',
      '--epochs',
      '2',
      '--batch',
      '2',
      '--workers',
      '1',
      '--valid',
      '0.5',
      '--name',
      'tiny-gru',
      '--json',
    );
    expect(stderr).toContain('2 training, 2 validation utterances');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.filter((l) => l.type === 'step')).toHaveLength(2);
    const epochs = lines.filter((l) => l.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[0].valid).toEqual({ cer: expect.any(Number), wer: expect.any(Number) });
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ type: 'done', name: 'tiny-gru', steps: 2, epochs: 2 });
    expect(listModels().find((m) => m.name === 'tiny-gru')?.role).toBe('speech');
    const metrics = readFileSync(join(home, 'runs', String(done.run), 'metrics.jsonl'), 'utf8');
    expect(jsonLines(metrics).map((l) => l.type)).toEqual([
      'step',
      'epoch',
      'step',
      'epoch',
      'done',
    ]);

    // fine-tune the model just made: same architecture and alphabet
    const tuned = await runCli(
      'train',
      'speech',
      '--data',
      ds.dir,
      '--base',
      'tiny-gru',
      '--epochs',
      '1',
      '--batch',
      '4',
      '--workers',
      '1',
      '--valid',
      '0',
      '--out',
      join(home, 'tuned.vbm'),
    );
    expect(tuned.stderr).not.toContain('verbatim train:');
    expect(tuned.code).toBe(0);
    expect(tuned.stdout).toMatch(/tuned\.vbm\t1 steps, 1 epochs/);
  }, 60_000);

  it('registers a fine-tuned model with its base’s LM, lexicon and decode settings; models list says what it recognizes', async () => {
    const en = listModels().find((m) => m.name === 'speech-en')!;
    registerUserModel({
      name: 'tiny-en',
      role: 'speech',
      path: writeTinySpeechModel(join(home, 'tiny-en.vbm')),
      lm: en.lm,
      lexicon: en.lexicon,
      decode: { lmWeight: 0.7 },
      domain: 'Numbers.',
    });
    const ds = createDataset('numbers', 'speech', join(home, 'datasets'));
    ds.addAudio(chirp(3200, 300), 'one two', 'amy');
    ds.addAudio(chirp(3200, 900), 'three', 'amy');
    const args = ['--data', 'numbers', '--base', 'tiny-en', '--epochs', '1', '--batch', '2'];
    const tuned = await runCli('train', 'speech', ...args, '--valid', '0', '--name', 'en-mine');
    expect(tuned.code).toBe(0);
    const row = jsonLines((await runCli('models', 'list', '--json')).stdout).find(
      (r) => r.name === 'en-mine',
    );
    // The shipped LM and lexicon are referenced (the labels' words are all in the lexicon).
    expect(row).toMatchObject({
      source: 'user',
      lm: en.lm,
      lexicon: en.lexicon,
      decode: { lmWeight: 0.7 },
      domain: 'tiny-en fine-tuned on numbers: Numbers.',
      broad: false,
    });
    const list = (await runCli('models', 'list')).stdout;
    expect(list).toMatch(/en-mine .* tiny-en fine-tuned on numbers: Numbers\.\n/);
  }, 60_000);

  it('stores a model fine-tuned from a float16 base as float16, unless --weights says otherwise', async () => {
    const base = writeTinySpeechModel(join(home, 'half.vbm'), { weights: 'float16' });
    const ds = createDataset('halves', 'speech', join(home, 'datasets'));
    ds.addAudio(chirp(3200, 300), 'a', 'amy');
    ds.addAudio(chirp(3200, 900), 'b', 'amy');
    const tune = (out: string, ...more: string[]) =>
      runCli(
        'train',
        'speech',
        ...['--data', 'halves', '--base', base, '--epochs', '1', '--batch', '2', '--valid', '0'],
        ...['--out', join(home, out), '--json', ...more],
      );
    const encoding = (file: string) => readModelFileHeader(join(home, file)).weights ?? 'float32';

    const inherited = await tune('half-tuned.vbm');
    expect(inherited.stderr).not.toContain('verbatim train:');
    expect(inherited.code).toBe(0);
    expect(encoding('half-tuned.vbm')).toBe('float16');
    expect(jsonLines(inherited.stdout).at(-1)).toMatchObject({ type: 'done', weights: 'float16' });

    const full = await tune('full-tuned.vbm', '--weights', 'float32');
    expect(full.code).toBe(0);
    expect(encoding('full-tuned.vbm')).toBe('float32');
    // The same weights at half the bytes (the header aside).
    const done = (r: { stdout: string }) => Number(jsonLines(r.stdout).at(-1)!.bytes);
    expect(done(inherited)).toBeLessThan(done(full));
  }, 60_000);

  it('refuses bad usage with exit 2', async () => {
    expect((await runCli('train', 'speech')).code).toBe(2);
    expect((await runCli('train', 'video', '--data', 'x')).code).toBe(2);
    expect((await runCli('train', 'ink', '--data', 'x', '--base', 'm', '--hidden', '8')).code).toBe(
      2,
    );
    expect(
      (await runCli('train', 'ink', '--data', 'x', '--epochs', '1', '--minutes', '1')).code,
    ).toBe(2);
    const badWeights = await runCli('train', 'ink', '--data', 'x', '--weights', 'int8');
    expect(badWeights.code).toBe(2);
    expect(badWeights.stderr).toContain('--weights must be one of float32, float16, got "int8"');
  });

  it('says when the data is missing', async () => {
    const r = await runCli('train', 'ink', '--data', join(home, 'nope'), '--hidden', '8');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('training data');
  });
});
