import { describe, expect, it } from 'vitest';
import { heldOutWriterSplit } from './finetune-writer';

const hand = (lab: string, writer: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ lab, writer, label: `${writer}${i}` }));

describe('the held-out writer of the fine-tuning experiment', () => {
  const samples = [...hand('app', 'many', 9), ...hand('tos', 'b', 6), ...hand('art', 'a', 6)];
  const heldOut = (s: { lab: string }) => s.lab !== 'app';

  it('is the held-out writer with the most samples (ties by key), split alternately', () => {
    const split = heldOutWriterSplit(samples, heldOut, { train: 50, test: 50, least: 4 });
    expect(split.writer).toBe('art/a');
    expect(split.samples).toBe(6);
    expect(split.train.map((s) => s.label)).toEqual(['a0', 'a2', 'a4']);
    expect(split.test.map((s) => s.label)).toEqual(['a1', 'a3', 'a5']);
  });

  it('takes at most the counts asked for, and refuses too few samples', () => {
    const split = heldOutWriterSplit(samples, heldOut, { train: 2, test: 1, least: 4 });
    expect(split.train.map((s) => s.label)).toEqual(['a0', 'a2']);
    expect(split.test.map((s) => s.label)).toEqual(['a1']);
    expect(() => heldOutWriterSplit(samples, heldOut, { train: 2, test: 2, least: 7 })).toThrow(
      /too few samples \(at most 6, need 7\)/,
    );
  });
});
