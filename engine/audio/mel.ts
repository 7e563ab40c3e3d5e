/** HTK mel scale: m = 2595·log10(1 + f/700) (Young et al., The HTK Book). */
export const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters over the bins [first, first + weights.length) of a power spectrum. */
export interface MelFilter {
  first: number;
  weights: Float32Array;
}

/**
 * `bands` triangular filters equally spaced on the mel scale between `minHz` and
 * `maxHz`; each FFT bin k (frequency k·rate/fftSize) gets the triangle's height at
 * its mel value, as in Kaldi's MelBanks. Stored sparsely: only non-zero weights.
 */
export function melFilterbank(
  bands: number,
  fftSize: number,
  sampleRate: number,
  minHz: number,
  maxHz: number,
): MelFilter[] {
  if (!(minHz >= 0 && maxHz > minHz && maxHz <= sampleRate / 2)) {
    throw new RangeError(
      `mel filterbank: need 0 ≤ minFrequency < maxFrequency ≤ ${sampleRate / 2} Hz, got ${minHz}–${maxHz}`,
    );
  }
  const lo = hzToMel(minHz);
  const step = (hzToMel(maxHz) - lo) / (bands + 1);
  const bins = fftSize / 2 + 1;
  const filters: MelFilter[] = [];
  for (let b = 0; b < bands; b++) {
    const left = lo + b * step;
    const centre = left + step;
    const right = centre + step;
    const weights: number[] = [];
    let first = -1;
    for (let k = 0; k < bins; k++) {
      const mel = hzToMel((k * sampleRate) / fftSize);
      const w =
        mel <= left || mel >= right
          ? 0
          : mel <= centre
            ? (mel - left) / step
            : (right - mel) / step;
      if (w > 0) {
        if (first < 0) first = k;
        // fill gaps so weights stay contiguous from `first`
        while (first + weights.length < k) weights.push(0);
        weights.push(w);
      }
    }
    if (first < 0) {
      throw new RangeError(
        `mel filterbank: band ${b} (${melToHz(left).toFixed(0)}–${melToHz(right).toFixed(0)} Hz) ` +
          `covers no FFT bin; use fewer mel bands or a larger FFT`,
      );
    }
    filters.push({ first, weights: Float32Array.from(weights) });
  }
  return filters;
}
