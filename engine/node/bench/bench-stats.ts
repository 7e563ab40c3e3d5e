/** Timing helpers of `verbatim bench`. */

/** The median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds of one call. */
export async function timeMs(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Median milliseconds per call of each contestant, after `warmup` untimed
 * calls each. Runs alternate between the contestants (a, b, a, b, …) so that,
 * on a shared machine, both see the same background load.
 */
export async function interleavedMedians(
  contestants: readonly (() => unknown)[],
  runs: number,
  warmup = 1,
): Promise<number[]> {
  for (let w = 0; w < warmup; w++) for (const run of contestants) await run();
  const times = contestants.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, run] of contestants.entries()) times[i].push(await timeMs(run));
  }
  return times.map(median);
}

/** Median milliseconds per call of one function. */
export async function medianMs(run: () => unknown, runs: number, warmup = 1): Promise<number> {
  return (await interleavedMedians([run], runs, warmup))[0];
}
