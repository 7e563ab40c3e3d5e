import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../kernels/reference';
import { ParamSet } from '../nn/param-set';
import { Rng } from '../util/rng';
import { Adam, clipGradientNorm } from './adam';
import { BatchAssembler, planBatches, validateSamples } from './batching';
import { EarlyStopping } from './early-stopping';
import { learningRate } from './schedule';

function params(): ParamSet {
  const p = new ParamSet(referenceKernels, [
    { name: 'w', shape: [2], decay: true },
    { name: 'b', shape: [1], decay: false },
  ]);
  p.data.set([1, -2, 0.5]);
  p.grad.set([0.1, -0.2, 0.3]);
  return p;
}

describe('Adam / AdamW', () => {
  it('first step moves each weight by lr·sign(g) (bias-corrected m̂/√v̂ = ±1)', () => {
    const p = params();
    new Adam(p, { kind: 'adam', eps: 0 }).step(0.01);
    expect(Array.from(p.data)).toEqual([1 - 0.01, -2 + 0.01, 0.5 - 0.01].map(Math.fround));
  });

  it('AdamW decays weights but not biases; Adam adds L2 to the gradient', () => {
    const p = params();
    new Adam(p, { kind: 'adamw', eps: 0, weightDecay: 0.1 }).step(0.01);
    expect(p.data[0]).toBeCloseTo(1 - 0.01 * (1 + 0.1 * 1), 6);
    expect(p.data[2]).toBeCloseTo(0.5 - 0.01, 6);
    const q = params();
    q.grad[0] = -0.05; // L2 term 0.1·1 flips the sign of the effective gradient
    new Adam(q, { kind: 'adam', eps: 0, weightDecay: 0.1 }).step(0.01);
    expect(q.data[0]).toBeCloseTo(1 - 0.01, 6);
  });
});

describe('training helpers', () => {
  it('clips the global norm and reports the norm before clipping', () => {
    const g = Float32Array.of(3, 4);
    expect(clipGradientNorm(g, 1)).toBeCloseTo(5);
    expect(g[0]).toBeCloseTo(0.6);
    expect(g[1]).toBeCloseTo(0.8);
    expect(clipGradientNorm(g, 10)).toBeCloseTo(1);
  });

  it('warm-up then cosine / linear decay to the final ratio', () => {
    const s = { peak: 1, warmupSteps: 4, decay: 'cosine' as const, finalRatio: 0.1 };
    expect(learningRate(s, 0, 104)).toBe(0.25);
    expect(learningRate(s, 3, 104)).toBe(1);
    expect(learningRate(s, 4, 104)).toBe(1);
    expect(learningRate(s, 54, 104)).toBeCloseTo(0.55);
    expect(learningRate(s, 104, 104)).toBeCloseTo(0.1);
    expect(learningRate({ ...s, decay: 'linear' }, 29, 104)).toBeCloseTo(1 - 0.9 * 0.25);
  });

  it('early stopping waits `patience` epochs without improvement', () => {
    const e = new EarlyStopping(2, 0.01);
    expect(e.update(1, 0)).toEqual({ improved: true, stop: false });
    expect(e.update(0.995, 1)).toEqual({ improved: false, stop: false });
    expect(e.update(0.5, 2)).toEqual({ improved: true, stop: false });
    expect(e.update(0.6, 3).stop).toBe(false);
    expect(e.update(0.6, 4).stop).toBe(true);
  });

  it('length-bucketed batches cover every sample once and group similar lengths', () => {
    const frames = Array.from({ length: 100 }, (_, i) => 10 + ((i * 37) % 90));
    const batches = planBatches(frames, 10, new Rng(1));
    expect(batches.flat().sort((a, b) => a - b)).toEqual(frames.map((_, i) => i));
    for (const b of batches) {
      const f = b.map((i) => frames[i]);
      expect(Math.max(...f) - Math.min(...f)).toBeLessThan(30);
    }
    expect(planBatches(frames, 10, new Rng(1))).toEqual(batches);
    const ascending = planBatches(frames, 10, new Rng(1), { ascending: true });
    const longest = ascending.map((b) => Math.max(...b.map((i) => frames[i])));
    const shortest = ascending.map((b) => Math.min(...b.map((i) => frames[i])));
    for (let k = 1; k < ascending.length; k++) {
      expect(shortest[k]).toBeGreaterThanOrEqual(Math.floor(shortest[k - 1] * 0.8));
    }
    expect(longest[0]).toBeLessThan(longest[longest.length - 1]);
  });

  it('assembles a zero-padded time-major batch', () => {
    const a = new BatchAssembler(referenceKernels, 2);
    const samples = [
      { features: Float32Array.of(1, 2, 3, 4), frames: 2, target: Int32Array.of(1) },
      { features: Float32Array.of(5, 6), frames: 1, target: Int32Array.of(2) },
    ];
    const b = a.assemble(samples, [0, 1]);
    expect(Array.from(b.x)).toEqual([1, 2, 5, 6, 3, 4, 0, 0]);
    expect(Array.from(b.lengths)).toEqual([2, 1]);
    expect(() => a.assemble([{ ...samples[0], frames: 3 }], [0])).toThrow(
      /expected frames·inputSize/,
    );
  });
});

describe('sample validation', () => {
  const ok = { features: Float32Array.of(1, 2, 3, 4), frames: 2, target: Int32Array.of(1) };
  it('names the bad sample and what is wrong', () => {
    expect(() => validateSamples([ok, { ...ok, frames: 3 }], 2, 'training')).toThrow(
      /training sample 1: expected 3·2 = 6 feature values/,
    );
    expect(() =>
      validateSamples([{ ...ok, features: Float32Array.of(1, 2, NaN, 4) }], 2, 'validation'),
    ).toThrow(/validation sample 0: feature 0 of frame 1 is NaN/);
    expect(() => validateSamples([{ ...ok, frames: 0 }], 2, 'training')).toThrow(/frames/);
    expect(() => validateSamples([ok], 2, 'training')).not.toThrow();
  });
});
