import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, openDataset } from '../../io/datasets/dataset-store';
import { writeInkFile } from '../../io/ink-files';
import { main } from '../main';

const home = mkdtempSync(join(tmpdir(), 'rows-cmd-'));
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

describe('dataset rows of verbatim import / export', () => {
  it('imports InkML into a new ink dataset and exports it as InkML', async () => {
    const file = join(home, 'in.inkml');
    writeInkFile(file, [
      {
        ink: {
          strokes: [
            {
              points: [
                { x: 0, y: 0 },
                { x: 1, y: 2 },
              ],
            },
          ],
        },
        label: '4',
      },
      {
        ink: {
          strokes: [
            {
              points: [
                { x: 5, y: 0 },
                { x: 1, y: 9 },
              ],
            },
          ],
        },
        label: '5',
      },
    ]);
    const r = await run('import', 'inkml', file, '--dataset', 'pen', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'inkml', added: 2, failures: [] });
    expect(openDataset('pen').kind).toBe('ink');
    const out = join(home, 'pen-out');
    expect((await run('export', 'inkml', '--dataset', 'pen', '--out', out)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('exports a speech dataset as NeMo JSONL and a Kaldi folder', async () => {
    const ds = createDataset('talk', 'speech', join(home, 'datasets'));
    ds.addAudio(new Float32Array(1600).fill(0.1), 'hello there', 'sam');
    const nemo = join(home, 'talk.jsonl');
    const a = await run('export', 'nemo', '--dataset', 'talk', '--out', nemo);
    expect(a.stdout).toContain('1 samples');
    expect(JSON.parse(readFileSync(nemo, 'utf8'))).toMatchObject({
      text: 'hello there',
      duration: 0.1,
    });
    const kaldi = join(home, 'kaldi');
    expect((await run('export', 'kaldi', '--dataset', 'talk', '--out', kaldi)).code).toBe(0);
    expect(readFileSync(join(kaldi, 'utt2spk'), 'utf8')).toMatch(/^sam-\S+ sam\n$/);
    expect((await run('export', 'nemo', '--out', nemo)).code).toBe(2);
  });
});
