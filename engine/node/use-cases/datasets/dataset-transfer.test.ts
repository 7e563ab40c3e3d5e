import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readInkFile } from '../../io/ink-files';
import { readManifest } from '../../io/manifest';
import { createDataset } from './dataset-store';
import { exportDataset, importIntoDataset, TransferCancelled } from './dataset-transfer';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vb-tr-'));
});
/** Imports the data/ of a UNIPEN tree holding `files` (paths in the tree) into a new ink dataset. */
async function importUnipen(files: Record<string, string>) {
  const tree = join(root, 'unipen');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  const ds = createDataset('u', 'ink', root);
  return { tree, ds, result: await importIntoDataset(ds, 'unipen', join(tree, 'data')) };
}
const tone = (n: number) => Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin(i / 3));

function speechDataset() {
  const ds = createDataset('s', 'speech', root);
  ds.addAudio(tone(8000), 'yes', 'bob');
  ds.addAudio(tone(4000), 'no', 'amy');
  ds.addAudio(tone(4000), '', 'amy'); // unlabelled: not exported
  return ds;
}

describe('dataset export', () => {
  it('writes NeMo JSONL that the manifest reader accepts, labelled samples only', async () => {
    const ds = speechDataset();
    const out = join(root, 'out.jsonl');
    const progress: number[] = [];
    const r = await exportDataset(ds, 'nemo', out, { onProgress: (d) => progress.push(d) });
    expect(r.samples).toBe(2);
    expect(progress).toEqual([1, 2]);
    const entries = readManifest(out);
    expect(entries.map((e) => [e.text, e.duration, e.speaker])).toEqual([
      ['yes', 0.5, 'bob'],
      ['no', 0.25, 'amy'],
    ]);
    expect(existsSync(entries[0].audio_filepath)).toBe(true);
  });

  it('writes a Kaldi data folder sorted by utterance id', async () => {
    const ds = speechDataset();
    const out = join(root, 'kaldi');
    await exportDataset(ds, 'kaldi', out);
    expect(readdirSync(out).sort()).toEqual(['spk2utt', 'text', 'utt2spk', 'wav.scp']);
    const text = readFileSync(join(out, 'text'), 'utf8').trim().split('\n');
    expect(text.map((l) => l.split(' ').slice(1).join(' '))).toEqual(['no', 'yes']);
    expect(text[0]).toMatch(/^amy-/);
    const spk2utt = readFileSync(join(out, 'spk2utt'), 'utf8').trim().split('\n');
    expect(spk2utt.map((l) => l.split(' ')[0])).toEqual(['amy', 'bob']);
  });

  it('cancels without leaving files and refuses the wrong kind', async () => {
    const ds = speechDataset();
    const controller = new AbortController();
    controller.abort();
    await expect(
      exportDataset(ds, 'kaldi', join(root, 'k'), { signal: controller.signal }),
    ).rejects.toThrow(TransferCancelled);
    expect(existsSync(join(root, 'k'))).toBe(false);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await expect(exportDataset(ds, 'inkml', join(root, 'i'))).rejects.toThrow(/holds speech/);
  });
});

describe('dataset import', () => {
  it('round-trips speech through NeMo JSONL', async () => {
    const ds = speechDataset();
    const dir = join(root, 'nemo');
    await exportDataset(ds, 'nemo', join(dir, 'm.jsonl'));
    const copy = createDataset('copy', 'speech', root);
    const r = await importIntoDataset(copy, 'nemo', dir);
    expect(r).toEqual({ added: 2, failures: [] });
    expect(copy.samples().map((s) => [s.text, s.duration, s.status])).toEqual([
      ['yes', 0.5, 'labelled'],
      ['no', 0.25, 'labelled'],
    ]);
  });

  it('round-trips ink through InkML; a cancelled import adds nothing', async () => {
    const ink = createDataset('ink', 'ink', root);
    ink.addInk(
      {
        strokes: [
          {
            points: [
              { x: 0, y: 0 },
              { x: 3, y: 4 },
            ],
          },
        ],
      },
      'a',
      'w9',
    );
    const out = join(root, 'inkml');
    await exportDataset(ink, 'inkml', out);
    const [item] = readInkFile(join(out, readdirSync(out)[0]));
    expect([item.label, item.annotations?.writer]).toEqual(['a', 'w9']);
    const copy = createDataset('ink2', 'ink', root);
    const controller = new AbortController();
    controller.abort();
    await expect(
      importIntoDataset(copy, 'inkml', out, { signal: controller.signal }),
    ).rejects.toThrow(/cancelled/);
    expect(copy.samples()).toEqual([]);
    expect(readdirSync(join(copy.dir, 'ink'))).toEqual([]);
    await importIntoDataset(copy, 'inkml', out);
    expect(copy.samples().map((s) => [s.text, s.writer])).toEqual([['a', 'w9']]);
  });

  it('imports UNIPEN tolerantly: a bad point is left out and reported, its segment comes in', async () => {
    // Lab hpb's quirk: a 3-number point after 2-number ones in one block.
    const { ds, result } = await importUnipen({
      'include/lab/p.dat': '.PEN_DOWN\n1 2\n-1 3 4\n5 6\n.PEN_UP\n',
      'data/7/lab/w.dat': '.INCLUDE lab/p.dat\n.WRITER_ID w1\n.SEGMENT WORD 0 ? "hi"\n',
    });
    expect(result).toEqual({
      added: 1,
      failures: [],
      skipped: [
        "lab/p.dat:3: expected 2 numbers per point like the block's first point, got 3 (bad-point, skipped)",
      ],
    });
    // Its writer (lab and id) comes along, so training keeps writers apart.
    expect(ds.samples().map((s) => [s.text, s.writer])).toEqual([['hi', 'lab/w1']]);
    const [item] = readInkFile(ds.fileOf(ds.samples()[0]));
    expect(item.ink.strokes[0].points.map((p) => [p.x, p.y])).toEqual([
      [1, -2],
      [5, -6],
    ]);
  });

  it('imports UNIPEN tolerantly: a file whose pen data is not in the data is left out whole and reported, not failed', async () => {
    // Lab att's quirk: a segment file includes a pen file the data lacks.
    const { tree, ds, result } = await importUnipen({
      'include/lab/p.dat': '.PEN_DOWN\n1 2\n5 6\n.PEN_UP\n',
      'data/7/lab/a.dat': '.INCLUDE lab/gone.dat\n.SEGMENT WORD 0 ? "no"\n',
      'data/7/lab/b.dat': '.INCLUDE lab/p.dat\n.SEGMENT WORD 0 ? "hi"\n',
    });
    expect(result).toEqual({
      added: 1,
      failures: [],
      skipped: [
        `${join(tree, 'data/7/lab/a.dat')}: .INCLUDE lab/gone.dat: cannot read ${join(tree, 'include/lab/gone.dat')}: no such file (missing-include, skipped)`,
      ],
    });
    expect(ds.samples().map((s) => s.text)).toEqual(['hi']);
  });
});
