/**
 * Deterministic synthetic data for the benchmark: a vocabulary, a Zipf-like
 * sentence generator with some word-to-word structure, and "peaky"
 * log-probabilities that spell a sentence like a trained CTC model would
 * (mostly blanks, 1-3 frames per character, occasional confusions).
 */
import { readFileSync } from 'node:fs';
import type { Alphabet } from '../src/index.js';

/** Mulberry32: a tiny seeded PRNG, so every run benchmarks the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct lowercase words: from /usr/share/dict/words when present, else made up. */
export function vocabulary(count: number, random: () => number): string[] {
  let words: string[] = [];
  try {
    words = readFileSync('/usr/share/dict/words', 'utf8')
      .split('\n')
      .filter((w) => /^[a-z']{2,12}$/.test(w));
  } catch {
    // No system word list: syllables make plausible words.
  }
  const chosen = new Set<string>();
  const syllables = ['ka', 'lo', 'mi', 'ter', 'sa', 'ne', 'ro', 'di', 'pu', 'ven', 'ash', 'tri'];
  while (chosen.size < count) {
    if (words.length > 0) chosen.add(words[Math.floor(random() * words.length)]);
    else {
      let w = '';
      const n = 1 + Math.floor(random() * 3);
      for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
      chosen.add(w);
    }
  }
  return [...chosen];
}

/** Sentences whose words follow a Zipf law, each word biased towards a few "successors". */
export function sentenceGenerator(vocab: string[], random: () => number): () => string[] {
  const zipf = (): number => {
    // Inverse-CDF sampling of p(r) ~ 1/r over ranks 1..N.
    const N = vocab.length;
    return Math.min(N - 1, Math.floor(Math.exp(random() * Math.log(N + 1))) - 1);
  };
  const successors = vocab.map(() => [zipf(), zipf(), zipf()]);
  return () => {
    const n = 4 + Math.floor(random() * 12);
    const out: number[] = [zipf()];
    while (out.length < n) {
      const prev = out[out.length - 1];
      out.push(random() < 0.5 ? successors[prev][Math.floor(random() * 3)] : zipf());
    }
    return out.map((i) => vocab[i]);
  };
}

/**
 * Log-probabilities [T, V] spelling `text` over exactly T frames: each
 * character gets 1-3 frames with probability 0.75-0.98 (sometimes a
 * confusable second choice), blanks fill the gaps; the rest is noise.
 */
export function peakyLogProbs(
  alphabet: Alphabet,
  text: string,
  T: number,
  random: () => number,
): Float32Array {
  const V = alphabet.size;
  const tokens = alphabet.encode(text);
  const frames = new Int32Array(T).fill(alphabet.blank);
  const slot = T / tokens.length;
  tokens.forEach((k, i) => {
    const start = Math.floor(i * slot + random() * Math.max(0, slot - 3));
    const hold = 1 + Math.floor(random() * Math.min(3, slot));
    for (let t = start; t < Math.min(T, start + hold); t++) frames[t] = k;
  });
  const out = new Float32Array(T * V);
  const p = new Float64Array(V);
  for (let t = 0; t < T; t++) {
    let sum = 0;
    for (let k = 0; k < V; k++) sum += p[k] = random() ** 4;
    const confused = random() < 0.1;
    const top = confused ? 0.5 + 0.2 * random() : 0.75 + 0.23 * random();
    const confusion = confused ? (1 - top) * (0.6 + 0.3 * random()) : 0;
    const rival = 1 + Math.floor(random() * (V - 1));
    const rest = 1 - top - confusion;
    for (let k = 0; k < V; k++) p[k] = (p[k] / sum) * rest;
    p[frames[t]] += top;
    p[rival === frames[t] ? alphabet.blank : rival] += confusion;
    for (let k = 0; k < V; k++) out[t * V + k] = Math.log(p[k]);
  }
  return out;
}
