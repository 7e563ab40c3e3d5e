/**
 * Recipe of the default English speech model (assets/models/speech-en.vbm):
 * CMU AN4 + FSDD + synthetic speech (espeak-ng, flite, festival), augmented,
 * speaker-held-out validation, trained by the engine's data-parallel trainer,
 * then evaluated greedy and with beam search + the shipped 3-gram LM.
 *
 *   npm run train:speech -- [--minutes 60] [--epochs 30] [--hidden 128] [--layers 3] [--workers 2] [--resume]
 *                           [--crop P --crop-ms START,END] [--speed MIN,MAX]
 *                           [--pad P --pad-ms BEFORE,AFTER] [--eval-only]
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { trainNgramLm } from 'ctc-decode-ts';
import {
  defaultDecodeParams,
  defaultSpeechFrontEnd,
  loadRecognizer,
  type Network,
  saveModel,
  seededRandom,
  SPEECH_ALPHABET,
  speechInputSize,
} from '../engine/index';
import {
  evaluateSpeech,
  loadBestKernels,
  type SpeechDataConfig,
  trainModel,
  writeModelFile,
} from '../engine/node/index';
import { buildSpeechCorpus, FSDD_HELD_OUT, withPauses } from './recipes/speech-corpus';
import {
  loadRecipeModel,
  recipeOptions,
  recipeRun,
  registerAssetModel,
  writeAsset,
} from './recipes/assets';
import { an4StyleSentences, DIGITS } from './synth-vocabulary';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    epochs: { type: 'string', default: '30' },
    hidden: { type: 'string', default: '128' },
    layers: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(availableParallelism()) },
    synth: { type: 'string', default: '2400' },
    // One-word digit clips, half with foreign accents (scripts/synth-accents.ts).
    'digit-words': { type: 'string', default: '0' },
    resume: { type: 'boolean', default: false },
    // Continue from an earlier stage's model (warm restart of the schedule), e.g. stage 2 of the recipe.
    'init-from': { type: 'string' },
    peak: { type: 'string', default: '2e-3' },
    // Probability of cropping into the speech, and the most cut at its start,end in ms.
    crop: { type: 'string', default: '0' },
    'crop-ms': { type: 'string', default: '120,60' },
    // Probability of padding a clip with silence, and the most added before,after in ms.
    pad: { type: 'string', default: '0' },
    'pad-ms': { type: 'string', default: '500,500' },
    warmup: { type: 'string', default: '300' },
    // Range of the speed perturbation (resampling: tempo and pitch together), MIN,MAX.
    speed: { type: 'string', default: '0.9,1.1' },
    // Re-measure the shipped model (e.g. after a front-end or decoding change), no training.
    'eval-only': { type: 'boolean', default: false },
  },
});
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cacheDir = join(root, '.verbatim-cache');
const checkpointPath = join(cacheDir, 'speech-en.ckpt');
const log = (msg: string) =>
  console.error(`[train:speech ${new Date().toISOString().slice(11, 19)}] ${msg}`);

const corpus = await buildSpeechCorpus({
  synthCount: Number(values.synth),
  digitWords: Number(values['digit-words']),
  cacheDir,
  onProgress: (what, done, total) => done % 500 === 0 && log(`${what} ${done}/${total}`),
});
log(`data: ${JSON.stringify(corpus.counts)}`);

// Decoding resources: a 3-gram word LM (modified Kneser-Ney) over the training
// transcripts plus AN4-style sentences, and the lexicon of the task vocabulary.
const lmSentences = [...corpus.trainTexts, ...an4StyleSentences(20000, seededRandom(11))];
const lm = trainNgramLm(
  lmSentences.map((s) => s.split(' ')),
  3,
  { smoothing: 'kneser-ney' },
);
const an4Dictionary = readFileSync(
  join(
    process.env.VERBATIM_DATA_DIR ?? join(root, '..', 'shared', 'data'),
    'an4',
    'etc',
    'an4.dic',
  ),
  'utf8',
)
  .split('\n')
  .map((l) =>
    l
      .split(/\s+/)[0]
      ?.replace(/\(\d+\)$/, '')
      .toLowerCase(),
  )
  .filter((w): w is string => Boolean(w) && /^[a-z']+$/.test(w));
const lexicon = [
  ...new Set([...lmSentences.flatMap((s) => s.split(' ')), ...an4Dictionary]),
].sort();
const lmArpa = lm.toArpa();
writeAsset('lm/speech-en.3gram.arpa', lmArpa);
writeAsset('lexicons/speech-en.txt', `${lexicon.join('\n')}\n`);
log(`LM: ${lmSentences.length} sentences; lexicon: ${lexicon.length} words`);

const frontEnd = defaultSpeechFrontEnd;
const hidden = Number(values.hidden);
const architecture = {
  inputSize: speechInputSize(frontEnd),
  layers: Array.from({ length: Number(values.layers) }, () => ({
    cell: 'lstm' as const,
    hidden,
    bidirectional: true,
  })),
  head: 'ctc' as const,
  outputSize: SPEECH_ALPHABET.length,
  dropout: 0.15,
};
const dataModule = join(root, 'engine', 'io', 'training', 'speech-data-source.ts');
const [cropStart, cropEnd] = values['crop-ms'].split(',').map(Number);
const [speedMin, speedMax] = values.speed.split(',').map(Number);
const [padBefore, padAfter] = values['pad-ms'].split(',').map(Number);
const trainConfig: SpeechDataConfig = {
  examples: corpus.train,
  alphabet: [...SPEECH_ALPHABET],
  frontEnd,
  augment: {
    // Cuts into the onset and end of the speech, as tightly trimmed clips (FSDD) do.
    cropProbability: Number(values.crop),
    cropMs: [cropStart, cropEnd],
    // Pauses around the speech, as the microphone and most recordings have them.
    padProbability: Number(values.pad),
    padMs: [padBefore, padAfter],
    speed: [speedMin, speedMax],
    gainDb: [-12, 6],
    noiseProbability: 0.4,
    snrDb: [10, 30],
    bandLimitProbability: 0.4,
    bandLimitHz: 4000,
  },
  specAugment: {
    freqMasks: 2,
    maxFreqWidth: 6,
    timeMasks: 2,
    maxTimeWidth: 12,
    maxTimeFraction: 0.15,
  },
};
const validConfig: SpeechDataConfig = {
  ...trainConfig,
  examples: corpus.validAn4,
  augment: null,
  specAugment: null,
};
const options = recipeOptions({
  epochs: Number(values.epochs),
  batchSize: 16,
  peak: Number(values.peak),
  warmupSteps: Number(values.warmup),
  checkpointEvery: 200,
});

/** What a run yields: the network, its front end and the training described in its header. */
interface Run {
  network: Network;
  featureConfig: Record<string, unknown>;
  training: Record<string, unknown>;
}

/** Trains from scratch or --init-from and describes the run for the model header. */
async function train(): Promise<Run> {
  log(
    `training ${JSON.stringify(architecture.layers[0])} ×${architecture.layers.length}, ${options.epochs} epochs or ${values.minutes} min, ${values.workers} workers`,
  );
  let lastLog = 0;
  const base = values['init-from'] ? loadRecipeModel(values['init-from']) : undefined;
  const trained = await trainModel({
    kind: 'speech',
    base,
    alphabet: [...SPEECH_ALPHABET],
    featureConfig: { ...frontEnd },
    architecture,
    train: { module: dataModule, config: trainConfig },
    valid: { module: dataModule, config: validConfig },
    options,
    minutes: Number(values.minutes),
    workers: Number(values.workers),
    checkpointPath,
    resume: values.resume && existsSync(checkpointPath) ? readFileSync(checkpointPath) : undefined,
    onStep: (p) => {
      if (Date.now() - lastLog < 30_000) return;
      lastLog = Date.now();
      log(
        `epoch ${p.epoch + 1} step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)} lr ${p.learningRate.toExponential(2)} ${p.samplesPerSecond.toFixed(1)} utt/s eta ${(p.etaSeconds / 60).toFixed(1)} min`,
      );
    },
    onEpoch: (p) =>
      log(
        `epoch ${p.epoch + 1}: train loss ${p.trainLoss.toFixed(3)}, valid loss ${p.validLoss?.toFixed(3)} (${p.seconds.toFixed(0)} s)${p.improved ? ' *' : ''}`,
      ),
  });
  log(
    `trained ${trained.result.steps} steps, ${trained.result.epochs} epochs in ${(trained.seconds / 60).toFixed(1)} min (${trained.kernels})`,
  );
  const training = {
    ...recipeRun('scripts/train-speech.ts', base, trained, options.schedule),
    data: corpus.counts,
    architecture: `${architecture.layers.length}×BiLSTM ${hidden}, log-mel 40 stacked ×${frontEnd.stack}`,
    options,
    augmentation: { wave: trainConfig.augment, specAugment: trainConfig.specAugment },
    steps: trained.result.steps,
    epochs: trained.result.epochs,
    minutes: Math.round(trained.seconds / 6) / 10,
    workers: Number(values.workers),
    kernels: trained.kernels,
    machine: '2 cores, no GPU',
  };
  return { network: trained.network, featureConfig: { ...frontEnd }, training };
}

/** The shipped model and the training described in its header (--eval-only). */
function shipped(): Run {
  const { network, header } = loadRecipeModel(join(root, 'assets', 'models', 'speech-en.vbm'));
  return {
    network,
    featureConfig: header.featureConfig,
    training: header.training as Record<string, unknown>,
  };
}

const { network, featureConfig, training } = values['eval-only'] ? shipped() : await train();

// Evaluation on speakers never seen in training.
const recognizer = loadRecognizer(
  saveModel(network, { kind: 'speech', alphabet: [...SPEECH_ALPHABET], featureConfig }),
  { kernels: loadBestKernels() },
);
const greedy = { ...defaultDecodeParams(), beamWidth: 1 };
const beam = { ...defaultDecodeParams(), beamWidth: 16 };
const withLm = { lmArpa, lmUnit: 'word' as const, lexicon };
const digitsOnly = { ...beam, lexiconMode: 'constrained' as const };
const digitWords = { lmArpa: null, lmUnit: 'word' as const, lexicon: DIGITS };
const pausedFsdd = withPauses(corpus.validFsdd, join(cacheDir, `${FSDD_HELD_OUT}-paused`));
const strip = ({ details: _d, ...s }: ReturnType<typeof evaluateSpeech>) => s;
const metrics = {
  an4HeldOutSpeakers: {
    speakers: corpus.counts.an4ValidSpeakers,
    greedy: strip(evaluateSpeech(recognizer, corpus.validAn4, greedy)),
    beamLm: strip(evaluateSpeech(recognizer, corpus.validAn4, beam, withLm)),
  },
  fsddHeldOutSpeaker: {
    speaker: FSDD_HELD_OUT,
    greedy: strip(evaluateSpeech(recognizer, corpus.validFsdd, greedy)),
    beamLm: strip(evaluateSpeech(recognizer, corpus.validFsdd, beam, withLm)),
    digitLexicon: strip(evaluateSpeech(recognizer, corpus.validFsdd, digitsOnly, digitWords)),
  },
  // The same recordings with half a second of silence before and after each.
  fsddHeldOutSpeakerPaused: {
    speaker: FSDD_HELD_OUT,
    pauseMs: 500,
    greedy: strip(evaluateSpeech(recognizer, pausedFsdd, greedy)),
    beamLm: strip(evaluateSpeech(recognizer, pausedFsdd, beam, withLm)),
  },
};
log(`metrics: ${JSON.stringify(metrics)}`);

const bytes = writeModelFile(join(root, 'assets', 'models', 'speech-en.vbm'), network, {
  kind: 'speech',
  alphabet: [...SPEECH_ALPHABET],
  featureConfig,
  training,
  metrics,
});
registerAssetModel({
  name: 'speech-en',
  role: 'speech',
  file: 'models/speech-en.vbm',
  lm: 'lm/speech-en.3gram.arpa',
  lexicon: 'lexicons/speech-en.txt',
  description:
    'English dictation: AN4 domain (spelled letters, digits and numbers, dates, commands)',
});
writeAsset('metrics/speech-en.json', `${JSON.stringify({ training, metrics, bytes }, null, 2)}\n`);
log(`wrote assets/models/speech-en.vbm (${(bytes / 1e6).toFixed(1)} MB)`);
