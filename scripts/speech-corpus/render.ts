/**
 * Renders one utterance of the broad English corpus: the synthesiser reads the
 * text, sox applies vocal-tract warp, speed, reverberation and band limiting,
 * then silence, noise (white, pink or babble of other utterances) and gain are
 * added here and the features computed once for the training cache.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  addNoise,
  applyGain,
  type AudioFeatureConfig,
  computeFeatures,
  gaussian,
  padSilence,
} from '../../engine/index';
import { readAudioFile } from '../../engine/node/index';
import { runEngine } from '../synth-speech';
import type { Random } from '../synth-vocabulary';
import { soxEffects, type RenderParams } from './params';
import type { Voice } from './voices';

const run = promisify(execFile);
const TIMEOUT_MS = 60_000;

/** Pink (1/f) noise by Paul Kellet's filter of white noise. */
export function pinkNoise(length: number, rng: Random): Float32Array {
  const out = new Float32Array(length);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < length; i++) {
    const w = gaussian(rng);
    b0 = 0.99765 * b0 + w * 0.099046;
    b1 = 0.963 * b1 + w * 0.2965164;
    b2 = 0.57 * b2 + w * 1.0526913;
    out[i] = b0 + b1 + b2 + w * 0.1848;
  }
  return out;
}

/** Babble: the sum of `count` clips from the pool, each from a random offset, looped to `length`. */
export function babble(pool: Float32Array[], count: number, length: number, rng: Random) {
  const out = new Float32Array(length);
  for (let k = 0; k < count; k++) {
    const clip = pool[Math.floor(rng() * pool.length)];
    if (clip.length === 0) continue;
    const offset = Math.floor(rng() * clip.length);
    for (let i = 0; i < length; i++) out[i] += clip[(offset + i) % clip.length];
  }
  return out;
}

/** Scales down so the peak stays under full scale (gain may push loud clips into clipping). */
function limitPeak(x: Float32Array): Float32Array {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  if (peak <= 0.98) return x;
  const g = 0.98 / peak;
  return x.map((v) => v * g);
}

export interface Rendered {
  /** The finished 16 kHz audio. */
  samples: Float32Array;
  /** The clean (pre-noise) speech, for other utterances' babble. */
  clean: Float32Array;
  features: { data: Float32Array; frames: number; dim: number };
}

/**
 * Renders one utterance. `babblePool` holds earlier clean utterances of the
 * shard; with fewer than 3 there, babble falls back to pink noise.
 */
export async function renderUtterance(
  voice: Voice,
  text: string,
  p: RenderParams,
  options: {
    scratch: string;
    rng: Random;
    babblePool: Float32Array[];
    features: AudioFeatureConfig;
  },
): Promise<Rendered> {
  mkdirSync(options.scratch, { recursive: true });
  const raw = join(options.scratch, `raw-${process.pid}.wav`);
  const out = join(options.scratch, `out-${process.pid}.wav`);
  try {
    await runEngine(
      { engine: voice.engine, voice: voice.name, rate: p.rate, pitch: p.pitch, text },
      raw,
      join(options.scratch, `text-${process.pid}`),
    );
    // -D: no dither, so a shard made again from its seed is the same to the bit.
    await run('sox', ['-D', raw, '-r', '16000', '-c', '1', '-b', '16', out, ...soxEffects(p)], {
      timeout: TIMEOUT_MS,
    });
    const clean = readAudioFile(out).samples;
    if (clean.length < 1600)
      throw new Error(`${voice.name} made ${clean.length} samples for '${text}'`);
    let x = padSilence(clean, p.padMs[0], p.padMs[1], 16000);
    if (p.noise) {
      const { kind, snrDb } = p.noise;
      const noise =
        kind === 'babble' && options.babblePool.length >= 3
          ? babble(options.babblePool, 3 + Math.floor(options.rng() * 4), x.length, options.rng)
          : kind === 'white'
            ? undefined
            : pinkNoise(x.length, options.rng);
      x = addNoise(x, snrDb, options.rng, noise);
    }
    x = limitPeak(applyGain(x, p.gainDb));
    const f = computeFeatures(x, options.features);
    return { samples: x, clean, features: { data: f.data, frames: f.frames, dim: f.dim } };
  } finally {
    rmSync(raw, { force: true });
    rmSync(out, { force: true });
  }
}
