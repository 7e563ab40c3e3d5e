/**
 * Per-utterance random rendering parameters of the broad English corpus and
 * the sox effect chain they give. Pure: the rng is passed in, so a shard's
 * utterances are the same every time it is (re)generated.
 */
import type { Random } from '../synth-vocabulary';
import type { Voice, VoiceFamily } from './voices';

export interface RenderParams {
  /** Synthesiser speaking rate, words per minute (espeak-ng's scale). */
  rate: number;
  /** Synthesiser pitch 0–99 (espeak-ng's scale). */
  pitch: number;
  /** Resampling speed factor (tempo, pitch and formants together), 0.8–1.25. */
  speed: number;
  /**
   * Vocal-tract-length warp: formants (and F0) scaled by this factor with the
   * tempo kept (sox `pitch`); the synthesiser's own random pitch makes F0
   * independent of it.
   */
  vtlp: number;
  /** sox reverb, or null for a dry room. */
  reverb: {
    reverberance: number;
    hfDamping: number;
    roomScale: number;
    preDelayMs: number;
    wetGainDb: number;
  } | null;
  /** Band-limited to the telephone band (through 8 kHz and back). */
  telephone: boolean;
  /** Silence around the speech before noise is added, ms. */
  padMs: [number, number];
  /** Additive noise, or null. Babble sums 3–6 other utterances of the shard. */
  noise: { kind: 'white' | 'pink' | 'babble'; snrDb: number } | null;
  /** Final gain in dB (the peak is then limited to just under full scale). */
  gainDb: number;
}

const uniform = (rng: Random, lo: number, hi: number) => lo + (hi - lo) * rng();
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One random draw of the rendering parameters. */
export function sampleRenderParams(rng: Random): RenderParams {
  const rate = Math.round(uniform(rng, 130, 210));
  const pitch = Math.round(uniform(rng, 15, 85));
  const speed = round(uniform(rng, 0.8, 1.25), 3);
  const vtlp = round(uniform(rng, 0.88, 1.14), 3);
  const reverb =
    rng() < 0.4
      ? {
          reverberance: Math.round(uniform(rng, 10, 80)),
          hfDamping: Math.round(uniform(rng, 20, 90)),
          roomScale: Math.round(uniform(rng, 10, 100)),
          preDelayMs: Math.round(uniform(rng, 0, 25)),
          wetGainDb: round(uniform(rng, -8, 0), 1),
        }
      : null;
  const telephone = rng() < 0.25;
  const padMs: [number, number] = [
    Math.round(uniform(rng, 0, 400)),
    Math.round(uniform(rng, 0, 400)),
  ];
  const n = rng();
  const noise =
    n < 0.2
      ? { kind: 'white' as const, snrDb: round(uniform(rng, 8, 35), 1) }
      : n < 0.35
        ? { kind: 'pink' as const, snrDb: round(uniform(rng, 5, 30), 1) }
        : n < 0.55
          ? { kind: 'babble' as const, snrDb: round(uniform(rng, 5, 25), 1) }
          : null;
  const gainDb = round(uniform(rng, -18, 4), 1);
  return { rate, pitch, speed, vtlp, reverb, telephone, padMs, noise, gainDb };
}

/** How often each family is drawn for training (the held-out family is never drawn). */
export const FAMILY_WEIGHTS: Record<VoiceFamily, number> = {
  'espeak-en': 0.62,
  'espeak-accent': 0.12,
  'kal-diphone': 0.26,
  'flite-cg': 0,
};

/**
 * A voice drawn by family weight, then uniformly within the family. `only`
 * restricts the draw to one family (the held-out evaluation split).
 */
export function pickVoice(voices: Voice[], rng: Random, only?: VoiceFamily): Voice {
  const byFamily = new Map<VoiceFamily, Voice[]>();
  for (const v of voices) {
    if (only ? v.family !== only : FAMILY_WEIGHTS[v.family] <= 0) continue;
    byFamily.set(v.family, [...(byFamily.get(v.family) ?? []), v]);
  }
  const families = [...byFamily.keys()];
  if (families.length === 0)
    throw new Error(
      only ? `no installed voice of the family ${only}` : 'no training voice installed',
    );
  const weight = (f: VoiceFamily) => (only ? 1 : FAMILY_WEIGHTS[f]);
  const total = families.reduce((s, f) => s + weight(f), 0);
  let x = rng() * total;
  let family = families[families.length - 1];
  for (const f of families) {
    if ((x -= weight(f)) < 0) {
      family = f;
      break;
    }
  }
  const members = byFamily.get(family) as Voice[];
  return members[Math.floor(rng() * members.length)];
}

/** The sox effects (after the input is read and converted to 16 kHz mono) for these parameters. */
export function soxEffects(p: RenderParams): string[] {
  const effects: string[] = [];
  if (p.vtlp !== 1) effects.push('pitch', (1200 * Math.log2(p.vtlp)).toFixed(0));
  if (p.speed !== 1) effects.push('speed', String(p.speed));
  if (p.reverb) {
    const r = p.reverb;
    effects.push(
      'reverb',
      String(r.reverberance),
      String(r.hfDamping),
      String(r.roomScale),
      '100',
      String(r.preDelayMs),
      String(r.wetGainDb),
    );
  }
  if (p.telephone) effects.push('rate', '8000');
  effects.push('rate', '16000', 'channels', '1');
  return effects;
}
