/**
 * Seeds of the random streams inside a data-parallel step, derived from the
 * step's seed (drawn by the coordinator from the run's Rng). An item's
 * augmentation depends only on the step and the item, not on which worker
 * builds it; dropout masks depend on the worker's shard.
 */
export const ItemStream = {
  /** + item index */
  item: 0,
  /** + worker index */
  dropout: 0x80000000,
} as const;

/** A 32-bit seed mixing `seed` and `stream` (murmur3's finaliser, so nearby inputs give unrelated seeds). */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream >>> 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
