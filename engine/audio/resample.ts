import { kaiserBeta, kaiserSinc } from './kaiser-sinc';

export interface ResampleOptions {
  /** Passband edge as a fraction of the lower Nyquist frequency (default 0.92). */
  rolloff?: number;
  /** Sinc lobes on each side of the kernel (default 24): longer = sharper transition. */
  zeroCrossings?: number;
  /** Stopband attenuation the Kaiser window is designed for, in dB (default 90). */
  stopbandDb?: number;
}

interface PolyphaseTable {
  /** table[p·taps + m] = h(p/phases + K − 1 − m): weight of x[i − K + 1 + m] at t = i + p/phases. */
  table: Float32Array;
  taps: number;
  phases: number;
  K: number;
}

/** Tables are cached: training resamples thousands of clips between a few rate pairs. */
const MAX_CACHED_TABLES = 32;
const tables = new Map<string, PolyphaseTable>();

function polyphaseTable(
  fromRate: number,
  toRate: number,
  up: number,
  options: ResampleOptions,
): PolyphaseTable {
  const rolloff = options.rolloff ?? 0.92;
  const zeroCrossings = options.zeroCrossings ?? 24;
  const stopbandDb = options.stopbandDb ?? 90;
  const key = `${fromRate}:${toRate}:${rolloff}:${zeroCrossings}:${stopbandDb}`;
  const cached = tables.get(key);
  if (cached) return cached;
  const beta = kaiserBeta(stopbandDb);
  // Cutoff in cycles per input sample; kernel half-width W in input samples.
  const cutoff = (0.5 * rolloff * Math.min(fromRate, toRate)) / fromRate;
  const halfWidth = zeroCrossings / (2 * cutoff);
  const K = Math.ceil(halfWidth);
  const taps = 2 * K;
  const phases = Math.min(up, MAX_PHASES);
  const table = new Float32Array(phases * taps);
  for (let p = 0; p < phases; p++) {
    let sum = 0;
    for (let m = 0; m < taps; m++) {
      const w = kaiserSinc(p / phases + K - 1 - m, cutoff, halfWidth, beta);
      table[p * taps + m] = w;
      sum += w;
    }
    for (let m = 0; m < taps; m++) table[p * taps + m] /= sum;
  }
  const result = { table, taps, phases, K };
  if (tables.size >= MAX_CACHED_TABLES) tables.delete(tables.keys().next().value as string);
  tables.set(key, result);
  return result;
}

/** Phase tables larger than this are quantised (error < 1/2048 sample, i.e. > 50 dB SNR at 4 kHz). */
const MAX_PHASES = 1024;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Band-limited resampling between integer rates with a polyphase Kaiser-windowed
 * sinc filter (J. O. Smith, "Digital Audio Resampling Home Page"). The ratio is
 * reduced to up/down = L/M; output sample n sits at input time t = n·M/L and is
 * y[n] = Σ_k x[k]·h(t − k), where h low-passes at rolloff × min(inRate, outRate)/2
 * so nothing above the new Nyquist frequency aliases. Each phase is normalized
 * to unit DC gain.
 */
export function resample(
  samples: Float32Array,
  fromRate: number,
  toRate: number,
  options: ResampleOptions = {},
): Float32Array {
  for (const [name, rate] of [
    ['fromRate', fromRate],
    ['toRate', toRate],
  ] as const) {
    if (!Number.isInteger(rate) || rate <= 0) {
      throw new RangeError(`resample: ${name} must be a positive integer, got ${rate}`);
    }
  }
  if (fromRate === toRate) return samples.slice();
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  const { table, taps, phases, K } = polyphaseTable(fromRate, toRate, up, options);
  const n = samples.length;
  const outLength = Math.ceil((n * up) / down);
  const out = new Float32Array(outLength);
  for (let j = 0; j < outLength; j++) {
    const pos = j * down; // input time × up
    const i = Math.floor(pos / up);
    const p = phases === up ? pos - i * up : Math.round(((pos - i * up) / up) * phases);
    // Rounding can reach the next integer sample: that is phase 0 of i + 1.
    const base = p === phases ? i + 1 : i;
    const row = (p === phases ? 0 : p) * taps;
    const start = base - K + 1;
    const lo = Math.max(0, -start);
    const hi = Math.min(taps, n - start);
    let acc = 0;
    for (let m = lo; m < hi; m++) acc += samples[start + m] * table[row + m];
    out[j] = acc;
  }
  return out;
}
