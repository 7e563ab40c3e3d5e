/**
 * The measured comparison of assets/README.md: recurrent cells (simple RNN,
 * GRU, LSTM), uni- vs bidirectional, and an end-of-sequence digit label vs
 * CTC, on FSDD spoken digits with a held-out speaker. Each model is trained by
 * the engine's data-parallel trainer with the same data, front end, size and
 * budget; printed as a Markdown table and written to assets/metrics.
 * `--loso` instead holds out each of the five speakers in turn
 * (leave-one-speaker-out) for the variants named by `--variants`.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  importFsdd,
  readAudioFile,
  type SpeechDataConfig,
  type SpeechExample,
  trainModel,
} from '../engine/node/index';
import {
  type Architecture,
  type CellKind,
  defaultSpeechFrontEnd,
  type Network,
  SPEECH_ALPHABET,
  speechFeatures,
  speechInputSize,
} from '../engine/index';
import { greedyDecode } from 'ctc-decode-ts';
import { writeAsset } from './recipes/assets';
import { dataDir, FSDD_HELD_OUT } from './recipes/speech-corpus';
import { DIGITS } from './synth-vocabulary';
import { parseScriptArgs } from './script-args';

const USAGE = `usage: npx tsx scripts/compare-fsdd.ts [--epochs 8] [--hidden 64] [--workers 2]
       npx tsx scripts/compare-fsdd.ts --loso [--variants lstm-bi-ctc,lstm-bi-label] [--epochs 30]`;

const { values } = parseScriptArgs(USAGE, {
  epochs: { type: 'string', default: '8' },
  hidden: { type: 'string', default: '64' },
  workers: { type: 'string', default: String(availableParallelism()) },
  loso: { type: 'boolean', default: false },
  variants: { type: 'string', default: 'lstm-bi-ctc' },
});
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const hidden = Number(values.hidden);
const digits = [...DIGITS].sort();
const toExample = (e: {
  audio_filepath: string;
  text: string;
  duration: number;
}): SpeechExample => ({
  audio: e.audio_filepath,
  text: e.text,
  duration: e.duration,
});
const fsdd = importFsdd(join(dataDir(), 'fsdd')).entries;
const speakers = [...new Set(fsdd.map((e) => e.speaker ?? ''))].sort();

/** Training recordings (the other speakers) and the held-out speaker's test set with features. */
function splitFor(heldOut: string) {
  const train = fsdd.filter((e) => e.speaker !== heldOut).map(toExample);
  const test = fsdd.filter((e) => e.speaker === heldOut).map(toExample);
  const features = test.map((e) =>
    speechFeatures(readAudioFile(e.audio).samples, defaultSpeechFrontEnd),
  );
  return { train, test, features };
}
type Split = ReturnType<typeof splitFor>;

const variants: {
  id: string;
  name: string;
  cell: CellKind;
  bidirectional: boolean;
  head: 'ctc' | 'sequence';
}[] = [
  {
    id: 'rnn-bi-ctc',
    name: 'simple RNN, bidirectional, CTC',
    cell: 'rnn',
    bidirectional: true,
    head: 'ctc',
  },
  {
    id: 'gru-bi-ctc',
    name: 'GRU, bidirectional, CTC',
    cell: 'gru',
    bidirectional: true,
    head: 'ctc',
  },
  {
    id: 'lstm-bi-ctc',
    name: 'LSTM, bidirectional, CTC',
    cell: 'lstm',
    bidirectional: true,
    head: 'ctc',
  },
  {
    id: 'lstm-uni-ctc',
    name: 'LSTM, unidirectional, CTC',
    cell: 'lstm',
    bidirectional: false,
    head: 'ctc',
  },
  {
    id: 'lstm-bi-label',
    name: 'LSTM, bidirectional, end-of-sequence label',
    cell: 'lstm',
    bidirectional: true,
    head: 'sequence',
  },
];

/** Share of held-out recordings recognized as the right digit word. */
function accuracy(
  network: Network,
  head: 'ctc' | 'sequence',
  { test, features }: Split,
): { accuracy: number; msPerUtterance: number } {
  let right = 0;
  const started = performance.now();
  test.forEach((e, i) => {
    const { x, T } = features[i];
    let text: string;
    if (head === 'sequence') {
      const out = network.infer({ x, T, B: 1, lengths: Int32Array.of(T) });
      let best = 0;
      for (let k = 1; k < out.V; k++) if (out.logProbs[k] > out.logProbs[best]) best = k;
      text = digits[best];
    } else {
      const { logProbs, frames } = network.recognize(x, T);
      text = greedyDecode(logProbs, frames, SPEECH_ALPHABET.length)
        .tokens.map((t) => SPEECH_ALPHABET[t])
        .join('')
        .trim();
    }
    if (text === e.text) right++;
  });
  return {
    accuracy: right / test.length,
    msPerUtterance: (performance.now() - started) / test.length,
  };
}

/** Trains variant `v` on the split's training speakers. */
async function trainVariant(v: (typeof variants)[number], { train }: Split) {
  const outputSize = v.head === 'ctc' ? SPEECH_ALPHABET.length : digits.length;
  const architecture: Architecture = {
    inputSize: speechInputSize(defaultSpeechFrontEnd),
    layers: [0, 1].map(() => ({ cell: v.cell, hidden, bidirectional: v.bidirectional })),
    head: v.head,
    outputSize,
    dropout: 0.1,
  };
  const config: SpeechDataConfig = {
    examples: train,
    alphabet: [...SPEECH_ALPHABET],
    frontEnd: defaultSpeechFrontEnd,
    augment: {
      speed: [0.9, 1.1],
      gainDb: [-12, 6],
      noiseProbability: 0.3,
      snrDb: [15, 30],
      bandLimitProbability: 0,
    },
    specAugment: null,
    ...(v.head === 'sequence' ? { classes: digits } : {}),
  };
  const trained = await trainModel({
    kind: 'speech',
    alphabet: v.head === 'ctc' ? [...SPEECH_ALPHABET] : digits,
    featureConfig: { ...defaultSpeechFrontEnd },
    architecture,
    train: { module: join(root, 'engine', 'io', 'training', 'speech-data-source.ts'), config },
    options: {
      epochs: Number(values.epochs),
      batchSize: 16,
      seed: 1,
      optimizer: { kind: 'adamw', weightDecay: 1e-4 },
      schedule: { peak: 3e-3, warmupSteps: 100, decay: 'cosine', finalRatio: 0.05 },
      clipNorm: 5,
    },
    workers: Number(values.workers),
  });
  return trained;
}

const rows: Record<string, unknown>[] = [];
if (values.loso) {
  const chosen = values.variants.split(',').map((id) => {
    const v = variants.find((x) => x.id === id);
    if (!v)
      throw new Error(`unknown variant ${id}; known: ${variants.map((x) => x.id).join(', ')}`);
    return v;
  });
  for (const v of chosen) {
    const bySpeaker: Record<string, number> = {};
    for (const speaker of speakers) {
      const split = splitFor(speaker);
      const trained = await trainVariant(v, split);
      bySpeaker[speaker] =
        Math.round(accuracy(trained.network, v.head, split).accuracy * 1000) / 10;
      console.error(`${v.name}, ${speaker} held out: ${bySpeaker[speaker]}%`);
    }
    const scores = Object.values(bySpeaker);
    const mean = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
    rows.push({ model: v.name, ...bySpeaker, mean });
  }
  console.log(
    [
      `| model | ${speakers.join(' | ')} | mean |`,
      `| --- | ${speakers.map(() => '---:').join(' | ')} | ---: |`,
      ...rows.map(
        (r) => `| ${r.model} | ${[...speakers, 'mean'].map((k) => `${r[k]}%`).join(' | ')} |`,
      ),
    ].join('\n'),
  );
  writeAsset(
    'metrics/fsdd-loso.json',
    `${JSON.stringify({ protocol: 'leave-one-speaker-out', speakers, epochs: Number(values.epochs), hidden, rows }, null, 2)}\n`,
  );
  process.exit(0);
}
const split = splitFor(FSDD_HELD_OUT);
for (const v of variants) {
  const trained = await trainVariant(v, split);
  const measured = accuracy(trained.network, v.head, split);
  const row = {
    model: v.name,
    parameters: trained.network.parameterCount,
    sizeMB: Math.round((trained.network.parameterCount * 4) / 1e4) / 100,
    accuracy: Math.round(measured.accuracy * 1000) / 10,
    msPerUtterance: Math.round(measured.msPerUtterance * 100) / 100,
    trainMinutes: Math.round(trained.seconds / 6) / 10,
  };
  rows.push(row);
  console.error(JSON.stringify(row));
}
const table = [
  '| model | parameters | size (MB) | digits right, unseen speaker | ms per utterance | training (min) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.model} | ${r.parameters} | ${r.sizeMB} | ${r.accuracy}% | ${r.msPerUtterance} | ${r.trainMinutes} |`,
  ),
].join('\n');
console.log(table);
writeAsset(
  'metrics/fsdd-comparison.json',
  `${JSON.stringify({ heldOutSpeaker: FSDD_HELD_OUT, train: split.train.length, test: split.test.length, epochs: Number(values.epochs), hidden, rows }, null, 2)}\n`,
);
