export interface LrSchedule {
  /** Learning rate at the end of warm-up. */
  peak: number;
  /** Linear warm-up from peak/warmupSteps to peak over this many steps. */
  warmupSteps: number;
  /** Shape after warm-up, down to peak·finalRatio at totalSteps. */
  decay: 'cosine' | 'linear' | 'constant';
  /** Final learning rate as a fraction of the peak. Default 0.05. */
  finalRatio?: number;
}

/** Learning rate for 0-based `step` of `totalSteps` (cosine: Loshchilov & Hutter 2017, no restarts). */
export function learningRate(s: LrSchedule, step: number, totalSteps: number): number {
  if (step < s.warmupSteps) return (s.peak * (step + 1)) / s.warmupSteps;
  if (s.decay === 'constant') return s.peak;
  const final = s.finalRatio ?? 0.05;
  const span = Math.max(1, totalSteps - s.warmupSteps);
  const p = Math.min(1, (step - s.warmupSteps) / span);
  const shape = s.decay === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * p)) : 1 - p;
  return s.peak * (final + (1 - final) * shape);
}
