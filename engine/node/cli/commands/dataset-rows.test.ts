import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDataset, openDataset } from '../../use-cases/datasets/dataset-store';
import { writeInkFile } from '../../io/ink-files';
import { runCli } from '../../test-support/run-cli';
import { useTempHome } from '../../test-support/temp-home';

const home = useTempHome('rows-cmd-');

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
    const r = await runCli('import', 'inkml', file, '--dataset', 'pen', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'inkml', added: 2, failures: [] });
    expect(openDataset('pen').kind).toBe('ink');
    const out = join(home, 'pen-out');
    expect((await runCli('export', 'inkml', '--dataset', 'pen', '--out', out)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('exports a speech dataset as NeMo JSONL and a Kaldi folder', async () => {
    const ds = createDataset('talk', 'speech', join(home, 'datasets'));
    ds.addAudio(new Float32Array(1600).fill(0.1), 'hello there', 'sam');
    const nemo = join(home, 'talk.jsonl');
    const a = await runCli('export', 'nemo', '--dataset', 'talk', '--out', nemo);
    expect(a.stdout).toContain('1 samples');
    expect(JSON.parse(readFileSync(nemo, 'utf8'))).toMatchObject({
      text: 'hello there',
      duration: 0.1,
    });
    const kaldi = join(home, 'kaldi');
    expect((await runCli('export', 'kaldi', '--dataset', 'talk', '--out', kaldi)).code).toBe(0);
    expect(readFileSync(join(kaldi, 'utt2spk'), 'utf8')).toMatch(/^sam-\S+ sam\n$/);
    expect((await runCli('export', 'nemo', '--out', nemo)).code).toBe(2);
  });
});
