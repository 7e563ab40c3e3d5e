import type { Alphabet } from '../src/alphabet.js';

/**
 * Builds [T, V] log-probabilities from a frame spec: a token string puts 0.9
 * on that token ('_' is the blank), an object gives explicit probabilities;
 * the rest of each frame's mass is spread evenly over the other tokens.
 */
export function framesFrom(
  alphabet: Alphabet,
  spec: readonly (string | Record<string, number>)[],
): Float32Array {
  const V = alphabet.size;
  const out = new Float32Array(spec.length * V);
  spec.forEach((frame, t) => {
    const probs = typeof frame === 'string' ? { [frame]: 0.9 } : frame;
    const p = new Float64Array(V);
    let mass = 0;
    for (const [token, value] of Object.entries(probs)) {
      const k = token === '_' ? alphabet.blank : alphabet.indexOf(token);
      if (k < 0) throw new Error(`framesFrom: unknown token ${token}`);
      p[k] = value;
      mass += value;
    }
    const free = V - Object.keys(probs).length;
    for (let k = 0; k < V; k++) {
      if (p[k] === 0) p[k] = (1 - mass) / free;
      out[t * V + k] = Math.log(p[k]);
    }
  });
  return out;
}

/** Frames spelling text: each character for `hold` frames, then a blank. */
export function spell(text: string, hold = 2): string[] {
  const frames: string[] = ['_'];
  for (const ch of text) {
    for (let i = 0; i < hold; i++) frames.push(ch);
    frames.push('_');
  }
  return frames;
}
