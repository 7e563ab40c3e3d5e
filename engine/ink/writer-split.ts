import { seededRandom, shuffled } from '../util/rng';
import { writerKey } from './unipen-writers';

export interface WriterSplitOptions {
  /** Share of the samples (outside held-out labs) to put in validation, by whole writers. */
  validationFraction: number;
  /** Labs whose every sample goes to validation (and every writer seen in them). */
  heldOutLabs?: readonly string[];
  seed: number;
}

export interface WriterSplit<T> {
  train: T[];
  validation: T[];
  /** Writer keys (see writerKey) that ended in validation. */
  validationWriters: string[];
}

/**
 * Writer-independent split: no person has ink on both sides. Whole labs can be
 * held out, and so are their writers wherever else they wrote (the CENPARMI
 * labs share people). Then whole writers, in a seeded random order, move to
 * validation until it holds `validationFraction` of the remaining samples.
 * Which writers are chosen depends only on the set of writers and the seed.
 */
export function splitByWriter<T extends { lab: string; writer: string }>(
  samples: readonly T[],
  options: WriterSplitOptions,
): WriterSplit<T> {
  const { validationFraction, seed } = options;
  if (!(validationFraction >= 0 && validationFraction <= 1)) {
    throw new RangeError(`validationFraction must be in [0, 1], got ${validationFraction}`);
  }
  const heldLabs = new Set((options.heldOutLabs ?? []).map((l) => l.toLowerCase()));
  const counts = new Map<string, number>();
  const held = new Set<string>();
  for (const s of samples) {
    const key = writerKey(s.lab, s.writer);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (heldLabs.has(s.lab.toLowerCase())) held.add(key);
  }
  let remaining = 0;
  for (const [key, n] of counts) if (!held.has(key)) remaining += n;
  const target = validationFraction * remaining;
  const candidates = shuffled(
    [...counts.keys()].filter((k) => !held.has(k)).sort(),
    seededRandom(seed),
  );
  let taken = 0;
  const chosen = new Set(held);
  for (const key of candidates) {
    if (taken >= target) break;
    const n = counts.get(key) ?? 0;
    // Skip a writer that would overshoot the target more than leaving it out undershoots.
    if (taken > 0 && taken + n - target > target - taken) continue;
    chosen.add(key);
    taken += n;
  }
  const train: T[] = [];
  const validation: T[] = [];
  for (const s of samples) {
    if (chosen.has(writerKey(s.lab, s.writer)) || heldLabs.has(s.lab.toLowerCase())) {
      validation.push(s);
    } else {
      train.push(s);
    }
  }
  return { train, validation, validationWriters: [...chosen].sort() };
}
