/**
 * `--jobs N` (issue 21): the batch commands spread their inputs over worker
 * threads and print exactly what one thread prints, in input order.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWavFile } from '../io/audio-files';
import { activeModel } from '../use-cases/models/model-store';
import { runCli } from '../test-support/run-cli';

const root = mkdtempSync(join(tmpdir(), 'verbatim-jobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A vowel-like sound, different for every k. */
function utterance(k: number): Float32Array {
  const samples = new Float32Array(16000 * (0.6 + (k % 3) * 0.2));
  const f0 = 110 + ((k * 29) % 120);
  for (let i = 0; i < samples.length; i++) {
    const t = i / 16000;
    const envelope = Math.sin((Math.PI * i) / samples.length) ** 2;
    let v = 0;
    for (let h = 1; h <= 5; h++) v += Math.sin(2 * Math.PI * f0 * h * t + k) / h;
    samples[i] = 0.25 * envelope * v;
  }
  return samples;
}

const withoutTimes = (stdout: string) => stdout.replace(/"elapsedMs":\d+/g, '"elapsedMs":0');

describe.skipIf(activeModel('speech') === undefined)('--jobs with the speech model', () => {
  const files = Array.from({ length: 14 }, (_, k) => {
    const file = join(root, `s${String(k).padStart(2, '0')}.wav`);
    writeWavFile(file, utterance(k), k % 2 ? 16000 : 22050);
    return file;
  });
  // A missing file among them: its error line stays in its place.
  files.splice(5, 0, join(root, 'missing.wav'));

  it('transcribe prints the same bytes with 1, 2 and 3 jobs', async () => {
    const one = await runCli('transcribe', '--jobs', '1', ...files);
    expect(one.code).toBe(1);
    expect(one.stdout.split('\n').filter(Boolean)).toHaveLength(files.length - 1);
    for (const jobs of ['2', '3']) {
      const many = await runCli('transcribe', '--jobs', jobs, ...files);
      expect(many.stderr).toBe(one.stderr);
      expect(many.stdout).toBe(one.stdout);
      expect(many.code).toBe(one.code);
    }
    const json1 = await runCli('transcribe', '--jobs', '1', '--json', ...files);
    const json2 = await runCli('transcribe', '--jobs', '2', '--json', ...files);
    expect(withoutTimes(json2.stdout)).toBe(withoutTimes(json1.stdout));
  });

  it('eval speech scores the same with 1 and 2 jobs', async () => {
    const manifest = join(root, 'm.jsonl');
    writeFileSync(
      manifest,
      files
        .map((f, k) => `${JSON.stringify({ audio_filepath: f, duration: 1, text: `word ${k}` })}\n`)
        .join(''),
    );
    const args = ['eval', 'speech', '--manifest', manifest, '--json', '--details'];
    const one = await runCli(...args, '--jobs', '1');
    const two = await runCli(...args, '--jobs', '2');
    expect(one.code).toBe(1); // the missing file
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
    expect(JSON.parse(one.stdout).n).toBe(files.length - 1);
  });

  it('rejects a bad --jobs and queue flags without --redis', async () => {
    expect((await runCli('transcribe', '--jobs', '0', files[0])).code).toBe(2);
    const fresh = await runCli('transcribe', '--fresh', files[0]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain('--fresh goes with --redis');
  });
});

const unipen = resolve(
  process.env.VERBATIM_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'),
  'unipen',
);
const hasUnipen = existsSync(join(unipen, 'data', '1a', 'tos', 'f1'));

describe.skipIf(!hasUnipen || activeModel('digits') === undefined)(
  '--jobs with the digit model (UNIPEN)',
  () => {
    it('recognize-ink and eval ink print the same with 1 and 2 jobs', async () => {
      const tree = join(root, 'unipen');
      cpSync(join(unipen, 'data', '1a', 'tos', 'f1'), join(tree, 'data', '1a', 'tos', 'f1'), {
        recursive: true,
      });
      cpSync(join(unipen, 'include', 'tos'), join(tree, 'include', 'tos'), { recursive: true });
      const inputs = [join(tree, 'data', '1a', 'tos', 'f1'), join(root, 'nothing.dat')];
      const one = await runCli(
        'recognize-ink',
        '--model',
        'digits',
        '--json',
        '--jobs',
        '1',
        ...inputs,
      );
      const two = await runCli(
        'recognize-ink',
        '--model',
        'digits',
        '--json',
        '--jobs',
        '2',
        ...inputs,
      );
      expect(one.code).toBe(1);
      expect(one.stdout.split('\n').length).toBeGreaterThan(100);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      const evalArgs = ['eval', 'ink', '--unipen', tree, '--category', '1a', '--json', '--details'];
      const e1 = await runCli(...evalArgs, '--jobs', '1');
      const e2 = await runCli(...evalArgs, '--jobs', '2');
      expect(e1.code).toBe(0);
      expect(e2.stdout).toBe(e1.stdout);
    });
  },
);
