/**
 * The hand of the fine-tuning experiment (scripts/finetune-experiment.ts): of
 * the writers a model never saw (`isHeldOut`), the one with the most samples;
 * alternate samples tune and test, so both halves hold every character the
 * writer wrote, in their order of writing.
 */
import { writerKey } from '../engine/index';

export function heldOutWriterSplit<S extends { lab: string; writer: string }>(
  samples: readonly S[],
  isHeldOut: (s: S) => boolean,
  counts: { train: number; test: number; least: number },
): { writer: string; samples: number; train: S[]; test: S[] } {
  const byWriter = new Map<string, S[]>();
  for (const s of samples) {
    if (!s.writer || !isHeldOut(s)) continue;
    const key = writerKey(s.lab, s.writer);
    byWriter.set(key, [...(byWriter.get(key) ?? []), s]);
  }
  // most samples first; ties by key, so the choice does not depend on data order
  const [writer, mine] =
    [...byWriter].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  if (!writer || mine.length < counts.least)
    throw new Error(
      `the held-out writers have too few samples (at most ${mine?.length ?? 0}, need ${counts.least})`,
    );
  const train = mine.filter((_, i) => i % 2 === 0).slice(0, counts.train);
  const test = mine.filter((_, i) => i % 2 === 1).slice(0, counts.test);
  return { writer, samples: mine.length, train, test };
}
