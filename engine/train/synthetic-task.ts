import { Rng } from '../util/rng';
import type { Sample } from './batching';

export interface SymbolTaskOptions {
  /** Number of sequences. */
  count: number;
  /** Distinct symbols; labels are 1..symbols (0 is the CTC blank). Default 5. */
  symbols?: number;
  /** Symbols per sequence, inclusive range. Default [2, 5]. */
  symbolsPerSequence?: [number, number];
  /** Frames per symbol, inclusive range. Default [2, 4]. */
  framesPerSymbol?: [number, number];
  /** Standard deviation of the Gaussian noise added to every feature. Default 0.2. */
  noise?: number;
  seed: number;
}

/**
 * A synthetic unsegmented-labelling task to check that a CTC model learns:
 * each sequence is a few symbols without immediate repeats, each lasting a
 * random number of frames, separated by 0–2 silence frames. A frame's features
 * are a noisy one-hot vector over (silence, symbol 1 … symbol S), so
 * inputSize = symbols + 1, and the target is the symbol sequence.
 */
export function makeSymbolTask(options: SymbolTaskOptions): Sample[] {
  const S = options.symbols ?? 5;
  const [minSyms, maxSyms] = options.symbolsPerSequence ?? [2, 5];
  const [minDur, maxDur] = options.framesPerSymbol ?? [2, 4];
  const noise = options.noise ?? 0.2;
  const rng = new Rng(options.seed);
  const between = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const samples: Sample[] = [];
  for (let n = 0; n < options.count; n++) {
    const labels: number[] = [];
    const classes: number[] = []; // per frame: 0 silence, k symbol k
    const silence = () => {
      for (let k = between(0, 2); k > 0; k--) classes.push(0);
    };
    silence();
    for (let k = between(minSyms, maxSyms); k > 0; k--) {
      let sym: number;
      do sym = 1 + rng.int(S);
      while (sym === labels[labels.length - 1]);
      labels.push(sym);
      for (let d = between(minDur, maxDur); d > 0; d--) classes.push(sym);
      silence();
    }
    const C = S + 1;
    const features = new Float32Array(classes.length * C);
    classes.forEach((cls, t) => {
      for (let c = 0; c < C; c++) features[t * C + c] = (c === cls ? 1 : 0) + noise * rng.normal();
    });
    samples.push({ features, frames: classes.length, target: Int32Array.from(labels) });
  }
  return samples;
}
