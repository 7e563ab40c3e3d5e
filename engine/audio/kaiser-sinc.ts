/**
 * Kaiser-windowed sinc low-pass design shared by the resampler and the band
 * limiter (J. F. Kaiser, "Nonrecursive digital filter design using the I0-sinh
 * window function", 1974; J. O. Smith, "Digital Audio Resampling", 2002).
 */

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for x < 30). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/**
 * Impulse response of an ideal low-pass with cutoff `cutoff` (cycles per sample,
 * 0 < cutoff ≤ 0.5) at time `t` samples, windowed by a Kaiser window of half-width
 * `halfWidth` samples: h(t) = 2·fc·sinc(2·fc·t) · I0(β√(1−(t/W)²)) / I0(β).
 */
export function kaiserSinc(t: number, cutoff: number, halfWidth: number, beta: number): number {
  const r = t / halfWidth;
  if (r <= -1 || r >= 1) return 0;
  const x = 2 * cutoff * t;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  return 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta));
}

/** Kaiser's β for a stopband attenuation of `db` decibels. */
export function kaiserBeta(db: number): number {
  if (db > 50) return 0.1102 * (db - 8.7);
  if (db >= 21) return 0.5842 * (db - 21) ** 0.4 + 0.07886 * (db - 21);
  return 0;
}

/**
 * Odd-length linear-phase FIR low-pass with cutoff `cutoffHz` at `sampleRate`,
 * normalised to unit DC gain. `zeroCrossings` sinc lobes on each side.
 */
export function designLowPass(
  cutoffHz: number,
  sampleRate: number,
  zeroCrossings = 16,
  stopbandDb = 80,
): Float32Array {
  const fc = cutoffHz / sampleRate;
  const half = Math.ceil(zeroCrossings / (2 * fc));
  const beta = kaiserBeta(stopbandDb);
  const taps = new Float32Array(2 * half + 1);
  let sum = 0;
  for (let i = 0; i < taps.length; i++) {
    taps[i] = kaiserSinc(i - half, fc, half + 1, beta);
    sum += taps[i];
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum;
  return taps;
}

/** Convolves with a symmetric odd-length FIR, keeping the length and alignment (zero outside). */
export function filterSymmetric(samples: Float32Array, taps: Float32Array): Float32Array {
  const half = (taps.length - 1) / 2;
  const n = samples.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i + half);
    let acc = 0;
    for (let k = lo; k <= hi; k++) acc += samples[k] * taps[k - i + half];
    out[i] = acc;
  }
  return out;
}

/** Low-pass filter (e.g. 4 kHz "telephone band" on 16 kHz audio). */
export function lowPass(samples: Float32Array, cutoffHz: number, sampleRate: number): Float32Array {
  if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
    throw new RangeError(
      `lowPass: cutoff ${cutoffHz} Hz must be between 0 and the Nyquist frequency ${sampleRate / 2} Hz`,
    );
  }
  return filterSymmetric(samples, designLowPass(cutoffHz, sampleRate));
}
