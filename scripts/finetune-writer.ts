/**
 * The hands of the fine-tuning experiment (scripts/finetune-experiment.ts):
 * the writers a model never saw (`isHeldOut`) with at least `least` samples,
 * most samples first; alternate samples tune and test, so both halves hold
 * every character the writer wrote, in their order of writing.
 */
import { writerKey } from '../engine/index';

export interface WriterSplit<S> {
  writer: string;
  samples: number;
  train: S[];
  test: S[];
}

export function heldOutWriters<S extends { lab: string; writer: string }>(
  samples: readonly S[],
  isHeldOut: (s: S) => boolean,
  counts: { train: number; test: number; least: number },
): WriterSplit<S>[] {
  const byWriter = new Map<string, S[]>();
  for (const s of samples) {
    if (!s.writer || !isHeldOut(s)) continue;
    const key = writerKey(s.lab, s.writer);
    byWriter.set(key, [...(byWriter.get(key) ?? []), s]);
  }
  const most = Math.max(0, ...[...byWriter.values()].map((m) => m.length));
  if (most < counts.least)
    throw new Error(
      `the held-out writers have too few samples (at most ${most}, need ${counts.least})`,
    );
  // most samples first; ties by key, so the order does not depend on data order
  return [...byWriter]
    .filter(([, mine]) => mine.length >= counts.least)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([writer, mine]) => ({
      writer,
      samples: mine.length,
      train: mine.filter((_, i) => i % 2 === 0).slice(0, counts.train),
      test: mine.filter((_, i) => i % 2 === 1).slice(0, counts.test),
    }));
}

/**
 * The writer whose tuning half `errorRate` finds worst read (ties: the one
 * with more samples): a hand the model gets wrong, chosen on the samples a
 * user would give, so that the test half does not choose itself.
 */
export function mostMisread<S>(
  writers: readonly WriterSplit<S>[],
  errorRate: (train: S[]) => number,
): WriterSplit<S> & { trainErrorRate: number } {
  const rated = writers.map((w) => ({ ...w, trainErrorRate: errorRate(w.train) }));
  return rated.reduce((best, w) => (w.trainErrorRate > best.trainErrorRate ? w : best));
}
