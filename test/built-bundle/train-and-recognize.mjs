// Drives the BUILT engine in plain Node, as the packaged app does, and prints
// one JSON line: writes synthetic ink (vertical strokes "1", circles "0"),
// trains a tiny model on it through the app's training path (trainOnData: the
// training worker threads and the ink data source, each loaded from out/main/
// by URL), registers the model and reads held-out ink in the recognition
// host's worker thread; then a few steps of speech training on tones (the
// speech data source).
//
//   node train-and-recognize.mjs <out/main of the package> <empty work dir>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outMain, dir] = process.argv.slice(2);
process.env.VERBATIM_HOME = join(dir, 'home');
const engine = await import(pathToFileURL(join(outMain, 'engine-node.js')).href);

let seed = 1;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const stroke = (n, at) => ({
  points: Array.from({ length: n }, (_, i) => ({ ...at(i / (n - 1)), t: i * 10 })),
});
const one = () => ({
  strokes: [stroke(20, (f) => ({ x: 50 + 3 * random() + 6 * f, y: 95 * f + 2 * random() }))],
});
const zero = () => ({
  strokes: [
    stroke(30, (f) => ({
      x: 50 + 25 * Math.sin(2 * Math.PI * f) + 2 * random(),
      y: 50 - 45 * Math.cos(2 * Math.PI * f) + 2 * random(),
    })),
  ],
});
const digits = (count) =>
  Array.from({ length: count }, (_, i) =>
    i % 2 ? { ink: one(), label: '1' } : { ink: zero(), label: '0' },
  );
engine.writeInkFile(join(dir, 'train.inkml'), digits(24));
engine.writeInkFile(join(dir, 'test.inkml'), digits(6));

/** Trains a fresh tiny BiLSTM (2 training worker threads, no validation split) into dir/<name>.vbm. */
const train = (name, request) =>
  engine.trainOnData({
    fresh: { cell: 'lstm', layers: 1, hidden: 8, bidirectional: true },
    validFraction: 0,
    workers: 2,
    out: join(dir, `${name}.vbm`),
    runDir: join(dir, `${name}-run`),
    ...request,
  });

const outcome = await train('ink', {
  kind: 'ink',
  data: [join(dir, 'train.inkml')],
  epochs: 80,
  batchSize: 8,
  learningRate: 0.01,
});
const entry = engine.registerUserModel({
  name: 'built-bundle-digits',
  role: 'digits',
  path: outcome.out,
});
const params = engine.decodeParamsFor(entry);
const pool = new engine.WorkerPool({ module: engine.recognitionHostUrl, size: 1 });
try {
  // The worker opens the model package by its files; only paths and knobs are posted.
  const recognizer = await pool.create('recognizer', [{ path: entry.path }]);
  const results = [];
  for (const item of engine.readInkFile(join(dir, 'test.inkml'))) {
    const { text } = await recognizer.recognizeInk(item.ink, params);
    results.push({ reference: item.label, text });
  }
  const speech = await trainSpeech();
  console.log(
    JSON.stringify({
      trained: { steps: outcome.steps, epochs: outcome.epochs, bytes: outcome.bytes },
      speech: { steps: speech.steps, epochs: speech.epochs, train: speech.train },
      registered: engine.listModels().find((m) => m.name === entry.name) ?? null,
      recognitionHost: engine.recognitionHostUrl.href,
      results,
    }),
  );
} finally {
  await pool.dispose();
}

/** Two steps on four one-second tones labelled "go" and "no" (a smoke run of the speech data source). */
async function trainSpeech() {
  const clips = Array.from({ length: 4 }, (_, i) => {
    const path = join(dir, `tone-${i}.wav`);
    const hz = 200 + 100 * i;
    const samples = Float32Array.from({ length: 16000 }, (_, t) =>
      t > 4000 && t < 12000 ? 0.3 * Math.sin((2 * Math.PI * hz * t) / 16000) : 0,
    );
    engine.writeWavFile(path, samples, 16000);
    return { audio_filepath: path, duration: 1, text: i % 2 ? 'go' : 'no', speaker: `s${i}` };
  });
  engine.writeManifest(join(dir, 'tones.jsonl'), clips);
  return train('speech', {
    kind: 'speech',
    data: [join(dir, 'tones.jsonl')],
    epochs: 1,
    batchSize: 2,
  });
}
