/**
 * Decoding speed on the figures of the package README:
 * T = 1,000 frames (10 s of audio at 100 frames/s), V = 29 (blank, space,
 * apostrophe, a-z), peaky log-probabilities; a 3-gram word LM over 10k words
 * with its lexicon; 1,000 hotwords. Run: npm run bench -w ctc-decode-ts
 */
import {
  Alphabet,
  BeamSearchDecoder,
  greedyDecode,
  trainNgramLm,
  Vocabulary,
  type BeamSearchOptions,
} from '../src/index.js';
import { peakyLogProbs, prng, sentenceGenerator, vocabulary } from './synthetic.js';

const T = 1000;
const AUDIO_SECONDS = T / 100;
const random = prng(2026);
const alphabet = Alphabet.fromChars("_ 'abcdefghijklmnopqrstuvwxyz");
const V = alphabet.size;

const vocab = vocabulary(10_000, random);
const nextSentence = sentenceGenerator(vocab, random);
const started = performance.now();
const corpus = Array.from({ length: 20_000 }, nextSentence);
// Every vocabulary word appears at least once, so the LM and lexicon hold all 10k.
for (let i = 0; i < vocab.length; i += 8) corpus.push(vocab.slice(i, i + 8));
const lm = trainNgramLm(corpus, 3);
const lmSeconds = (performance.now() - started) / 1000;
const hotwords = vocabulary(3_000, prng(7))
  .filter((w) => !lm.hasWord(w))
  .slice(0, 1_000);

// Closed vocabularies: 30 words, and as many words as are scored exactly by default.
const closed30 = vocab.slice(0, 30);
const exactLimit = 1500;
const atLimit = (() => {
  let n = 30;
  const size = (k: number) => {
    const v = new Vocabulary(alphabet, vocab.slice(0, k));
    return v.trie.nodeCount + v.size;
  };
  while (size(n + 10) <= exactLimit) n += 10;
  return vocab.slice(0, n);
})();

// About 15 characters per second of speech, like read English.
const utterances = Array.from({ length: 5 }, () => {
  let words: string[] = [];
  while (words.join(' ').length < 140) words = words.concat(nextSentence());
  const text = words.join(' ').slice(0, 150).replace(/ \S*$/, '');
  return { text, logProbs: peakyLogProbs(alphabet, text, T, random) };
});

interface Timing {
  /** Median and fastest CPU milliseconds per utterance. */
  median: number;
  min: number;
  texts: string[];
}

/** CPU time of this process (all threads) in milliseconds: unlike wall time, other processes do not inflate it. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Times every configuration in interleaved rounds (so any drift hits all of
 * them alike) after a warm-up; one sample decodes all utterances `inner` times.
 */
function timeAll(
  runs: Record<string, { run: (lp: Float32Array) => string; inner: number }>,
  rounds: number,
) {
  const samples = new Map<string, number[]>();
  const texts = new Map<string, string[]>();
  for (const [name, { run }] of Object.entries(runs)) {
    texts.set(
      name,
      utterances.map((u) => run(u.logProbs)),
    );
    samples.set(name, []);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, { run, inner }] of Object.entries(runs)) {
      const t0 = cpuMs();
      for (let i = 0; i < inner; i++) for (const u of utterances) run(u.logProbs);
      samples.get(name)!.push((cpuMs() - t0) / inner / utterances.length);
    }
  }
  const out: Record<string, Timing> = {};
  for (const [name, s] of samples) {
    s.sort((a, b) => a - b);
    out[name] = { median: s[s.length >> 1], min: s[0], texts: texts.get(name)! };
  }
  return out;
}

function charErrorRate(texts: string[]): number {
  let errors = 0;
  let chars = 0;
  texts.forEach((hyp, i) => {
    const ref = utterances[i].text;
    let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
    for (let a = 1; a <= ref.length; a++) {
      const curr = [a];
      for (let b = 1; b <= hyp.length; b++) {
        curr[b] = Math.min(
          prev[b] + 1,
          curr[b - 1] + 1,
          prev[b - 1] + (ref[a - 1] === hyp[b - 1] ? 0 : 1),
        );
      }
      prev = curr;
    }
    errors += prev[hyp.length];
    chars += ref.length;
  });
  return errors / chars;
}

const beam = (options: BeamSearchOptions) => {
  const decoder = new BeamSearchDecoder(alphabet, { beamWidth: 32, ...options });
  return (lp: Float32Array) => decoder.decode(lp, T)[0]?.text ?? '';
};

const t = timeAll(
  {
    greedy: { run: (lp) => alphabet.decode(greedyDecode(lp, T, V).tokens), inner: 200 },
    beam: { run: beam({}), inner: 1 },
    beamHot: { run: beam({ hotwords }), inner: 1 },
    lm: { run: beam({ lm }), inner: 1 },
    lmHot: { run: beam({ lm, hotwords }), inner: 1 },
    closed30Beam: { run: beam({ vocabulary: closed30, exactVocabularyLimit: 0 }), inner: 1 },
    closed30Exact: { run: beam({ vocabulary: closed30 }), inner: 1 },
    closedLimitExact: { run: beam({ vocabulary: atLimit }), inner: 1 },
  },
  9,
);

const row = (name: string, r: Timing) =>
  `${name.padEnd(48)} ${r.median.toFixed(3).padStart(9)} ms ${r.min.toFixed(3).padStart(9)} ms   ${(r.median / 1000 / AUDIO_SECONDS).toFixed(5)}   ${(100 * charErrorRate(r.texts)).toFixed(1).padStart(4)}%`;

console.log(
  `ctc-decode-ts benchmark: T=${T} frames (${AUDIO_SECONDS} s of audio), V=${V}, ${utterances.length} utterances, Node ${process.version}`,
);
console.log(
  `LM: 3-gram Kneser-Ney over ${lm.words().length} words from ${corpus.length} sentences (trained in ${lmSeconds.toFixed(1)} s); lexicon = LM vocabulary; ${hotwords.length} hotwords`,
);
console.log('');
console.log(
  'CPU time per utterance, median and fastest of 9 interleaved rounds; RTF = median / 10 s',
);
console.log(
  `${'decoder'.padEnd(48)} ${'median'.padStart(12)} ${'fastest'.padStart(12)}   RTF       CER`,
);
console.log(row('greedy', t.greedy));
console.log(row('beam 32', t.beam));
console.log(row('beam 32 + 1,000 hotwords', t.beamHot));
console.log(row('beam 32 + 3-gram LM + lexicon', t.lm));
console.log(row('beam 32 + 3-gram LM + lexicon + 1,000 hotwords', t.lmHot));
console.log(row('beam 32 + 30-word vocabulary, beam only', t.closed30Beam));
console.log(row('beam 32 + 30-word vocabulary, exact', t.closed30Exact));
console.log(row(`beam 32 + ${atLimit.length}-word vocabulary, exact`, t.closedLimitExact));
console.log('');
const rtf = t.lm.median / 1000 / AUDIO_SECONDS;
// The speech models emit 33 frames a second, a third of this benchmark's 100.
const exactRtf = t.closedLimitExact.median / 1000 / AUDIO_SECONDS / 3;
const checks: [string, number, string, boolean][] = [
  [
    'beam 32 / greedy time',
    t.beam.median / t.greedy.median,
    '>= 100x',
    t.beam.median / t.greedy.median >= 100,
  ],
  ['beam 32 + LM + lexicon, fraction of audio time', rtf, '< 1/50 = 0.02', rtf < 0.02],
  [
    '1,000 hotwords / none (with LM)',
    t.lmHot.min / t.lm.min,
    '< 1.5x',
    t.lmHot.min / t.lm.min < 1.5,
  ],
  [
    'exact 30-word vocabulary / beam only',
    t.closed30Exact.min / t.closed30Beam.min,
    'report',
    true,
  ],
  [
    `exact ${atLimit.length}-word vocabulary, RTF at 33 frames/s`,
    exactRtf,
    '< 0.02',
    exactRtf < 0.02,
  ],
  [
    '1,000 hotwords / none (no LM)',
    t.beamHot.min / t.beam.min,
    '< 1.5x',
    t.beamHot.min / t.beam.min < 1.5,
  ],
];
for (const [name, value, target, ok] of checks) {
  console.log(
    `${name.padEnd(48)} ${value.toFixed(4).padStart(10)}   target ${target.padEnd(14)} ${ok ? 'ok' : 'MISSED'}`,
  );
}
