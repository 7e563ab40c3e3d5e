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
  return (await timeCall(run)).wall;
}

/** Wall-clock and CPU milliseconds of one call (CPU: every thread of this process). */
async function timeCall(run: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
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
  return (await interleavedTimings(contestants, runs, warmup)).wall;
}

/**
 * interleavedMedians by wall clock and, from the same calls, by CPU time: the
 * latter is what an idle core would give, since other load on a shared
 * machine only adds wall time.
 */
export async function interleavedTimings(
  contestants: readonly (() => unknown)[],
  runs: number,
  warmup = 1,
): Promise<{ wall: number[]; cpu: number[] }> {
  for (let w = 0; w < warmup; w++) for (const run of contestants) await run();
  const times = contestants.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let r = 0; r < runs; r++) {
    for (const [i, run] of contestants.entries()) {
      const t = await timeCall(run);
      times[i].wall.push(t.wall);
      times[i].cpu.push(t.cpu);
    }
  }
  return { wall: times.map((t) => median(t.wall)), cpu: times.map((t) => median(t.cpu)) };
}

/** Median milliseconds per call of one function. */
export async function medianMs(run: () => unknown, runs: number, warmup = 1): Promise<number> {
  return (await interleavedMedians([run], runs, warmup))[0];
}
