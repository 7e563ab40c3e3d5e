import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataset } from '../datasets/dataset-store';
import { splitByGroup, trainOnData } from './dataset-training';

const root = mkdtempSync(join(tmpdir(), 'ds-train-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const items = (groups: string[]) => groups.map((group, i) => ({ value: i, group }));

describe('splitByGroup', () => {
  it('holds out whole speakers, never all of them', () => {
    const split = splitByGroup(items(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']), 0.25, 3);
    expect(split.valid).toHaveLength(2);
    expect(split.validGroups).toHaveLength(1);
    const held = split.validGroups[0];
    expect(split.valid.every((i) => ['a', 'b', 'c', 'd'][Math.floor(i / 2)] === held)).toBe(true);
    const two = splitByGroup(items(['a', 'b']), 0.9);
    expect([two.train.length, two.valid.length]).toEqual([1, 1]);
  });

  it('splits items when there is one speaker, and keeps all with fraction 0', () => {
    const one = splitByGroup(items(['a', 'a', 'a', 'a']), 0.5);
    expect([one.train, one.valid]).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(splitByGroup(items(['a', 'b']), 0).valid).toEqual([]);
  });
});

describe('trainOnData', () => {
  it('stops when asked, keeps the checkpoint, and resumes to the end', async () => {
    const ds = createDataset('ink', 'ink', root);
    for (const [i, label] of ['1', '7', '1', '7'].entries())
      ds.addInk(
        {
          strokes: [{ points: [0, 1, 2, 3].map((k) => ({ x: k * (i + 1), y: k * k, t: k * 10 })) }],
        },
        label,
      );
    const request = {
      kind: 'ink' as const,
      data: [ds.dir],
      fresh: { cell: 'gru' as const, layers: 1, hidden: 6, bidirectional: false },
      epochs: 3,
      batchSize: 1,
      validFraction: 0,
      workers: 1,
      out: join(root, 'm.vbm'),
      runDir: join(root, 'run'),
    };
    let steps = 0;
    const first = await trainOnData(request, {
      onStep: () => steps++,
      shouldStop: () => steps >= 6,
    });
    expect(first.stopped).toBe(true);
    expect(first.steps).toBe(6);
    expect(existsSync(join(root, 'run', 'checkpoint.vbp'))).toBe(true); // from the end of epoch 1
    const resumed = await trainOnData({ ...request, resume: true });
    expect(resumed.stopped).toBe(false);
    expect([resumed.steps, resumed.epochs]).toEqual([12, 3]);
    await expect(trainOnData({ ...request, fresh: undefined })).rejects.toThrow(/base model/);
  }, 30_000);
});
