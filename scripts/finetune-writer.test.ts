import { describe, expect, it } from 'vitest';
import { heldOutWriters, mostMisread } from './finetune-writer';

const hand = (lab: string, writer: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ lab, writer, label: `${writer}${i}` }));
const labels = (samples: { label: string }[]) => samples.map((s) => s.label);

describe('the held-out writers of the fine-tuning experiment', () => {
  const samples = [
    ...hand('app', 'many', 9),
    ...hand('tos', 'b', 6),
    ...hand('art', 'a', 6),
    ...hand('pri', 'few', 3),
  ];
  const heldOut = (s: { lab: string }) => s.lab !== 'app';

  it('are the held-out writers with enough samples, most first (ties by key), split alternately', () => {
    const writers = heldOutWriters(samples, heldOut, { train: 50, test: 50, least: 4 });
    expect(writers.map((w) => [w.writer, w.samples])).toEqual([
      ['art/a', 6],
      ['tos/b', 6],
    ]);
    expect(labels(writers[0].train)).toEqual(['a0', 'a2', 'a4']);
    expect(labels(writers[0].test)).toEqual(['a1', 'a3', 'a5']);
  });

  it('take at most the counts asked for, and refuse too few samples', () => {
    const [first] = heldOutWriters(samples, heldOut, { train: 2, test: 1, least: 4 });
    expect(labels(first.train)).toEqual(['a0', 'a2']);
    expect(labels(first.test)).toEqual(['a1']);
    expect(() => heldOutWriters(samples, heldOut, { train: 2, test: 2, least: 7 })).toThrow(
      /too few samples \(at most 6, need 7\)/,
    );
  });

  it('the most misread is chosen on the tuning half alone', () => {
    const writers = heldOutWriters(samples, heldOut, { train: 50, test: 50, least: 3 });
    // tos/b's tuning half holds b2, which "reads wrong"; its test half is never looked at
    const worst = mostMisread(writers, (train) => (train.some((s) => s.label === 'b2') ? 0.5 : 0));
    expect(worst).toMatchObject({ writer: 'tos/b', trainErrorRate: 0.5 });
    // all read right: the first (most samples)
    expect(mostMisread(writers, () => 0).writer).toBe('art/a');
  });
});
