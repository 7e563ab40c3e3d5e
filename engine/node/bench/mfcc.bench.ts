import Meyda from 'meyda';
import { computeFeatures } from '../../audio/features';
import { logMelFeatureConfig, mfccFeatureConfig } from '../../audio/feature-config';

export interface MfccBenchResult {
  name: string;
  /** Seconds of audio processed per second of compute (one thread). */
  realTimeFactor: number;
  microsecondsPerFrame: number;
}

function speechLike(seconds: number): Float32Array {
  let s = 3;
  return Float32Array.from({ length: 16000 * seconds }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return 0.3 * Math.sin(i * 0.05 + Math.sin(i * 0.0003) * 20) + 0.02 * (s / 2147483648 - 0.5);
  });
}

function timeIt(seconds: number, frames: number, run: () => void): { rtf: number; us: number } {
  run(); // warm up the JIT
  const start = performance.now();
  let reps = 0;
  while (performance.now() - start < 1000) {
    run();
    reps++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rtf: (seconds * reps) / elapsed, us: (elapsed * 1e6) / (frames * reps) };
}

/**
 * Throughput of the feature front end on 10 s of audio: our cached-table path
 * (MFCC + Δ + ΔΔ and log-mel) against meyda's per-frame `extract('mfcc')`
 * (which also has to run its FFT, filterbank and DCT), measured in the same run.
 */
export function benchMfcc(seconds = 10): MfccBenchResult[] {
  const x = speechLike(seconds);
  const frames = 1 + Math.floor((x.length - 400) / 160);
  const results: MfccBenchResult[] = [];
  for (const [name, config] of [
    ['verbatim mfcc+Δ+ΔΔ (39)', mfccFeatureConfig],
    ['verbatim log-mel (40)', logMelFeatureConfig],
  ] as const) {
    const { rtf, us } = timeIt(seconds, frames, () => computeFeatures(x, config));
    results.push({ name, realTimeFactor: rtf, microsecondsPerFrame: us });
  }
  Meyda.bufferSize = 512;
  Meyda.sampleRate = 16000;
  Meyda.melBands = 40;
  Meyda.numberOfMFCCCoefficients = 13;
  Meyda.windowingFunction = 'hanning';
  const frame = new Float32Array(512);
  const { rtf, us } = timeIt(seconds, frames, () => {
    for (let t = 0; t < frames; t++) {
      frame.set(x.subarray(t * 160, t * 160 + 400));
      Meyda.extract('mfcc', frame);
    }
  });
  results.push({
    name: 'meyda extract(mfcc) per frame (13)',
    realTimeFactor: rtf,
    microsecondsPerFrame: us,
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of benchMfcc()) {
    console.log(
      `${r.name.padEnd(38)} ${r.realTimeFactor.toFixed(0).padStart(6)}× real time  ${r.microsecondsPerFrame.toFixed(1)} µs/frame`,
    );
  }
}
