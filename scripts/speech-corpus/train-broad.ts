/**
 * Trains one stage of the broad English speech model (a stage file under
 * assets/stages/) with the engine's trainer: the synthetic corpus's cached
 * features with real AN4 and FSDD recordings mixed into every batch
 * (mixed-data-source.ts), validation on AN4's held-out speakers and FSDD's
 * held-out speaker. The run lives in its own folder (checkpoint, the latest
 * epoch's model, the final model and its held-out measures) and resumes
 * exactly from its checkpoint when started again.
 *
 *   nice -n 10 npx tsx scripts/speech-corpus/train-broad.ts assets/stages/speech-broad-1.json
 *       [--run-dir DIR] [--corpus DIR] [--workers 1] [--minutes M]
 *
 * DIR defaults to $VERBATIM_SPEECH_RUNS (or /work/cache/speech-broad)/<stage name>.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  type Architecture,
  defaultSpeechFrontEnd,
  loadRecognizer,
  Network,
  saveModel,
  SPEECH_ALPHABET,
  speechInputSize,
} from '../../engine/index';
import {
  loadBestKernels,
  type SpeechDataConfig,
  trainModel,
  writeFileAtomic,
  writeModelFile,
} from '../../engine/node/index';
import { loadRecipeModel, recipeOptions } from '../recipes/assets';
import { evaluateBroad } from './evaluate-broad';
import { defaultCorpusDir } from './generate';
import type { MixedDataConfig } from './mixed-data-source';
import { realSplit } from './real-data';
import { completeShards } from './shards';
import { readStage, type BroadStage } from './stage';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const engineData = join(root, 'engine', 'node', 'use-cases', 'training', 'speech-data-source.ts');
const mixedData = join(here, 'mixed-data-source.ts');

export const defaultRunsDir = () =>
  resolve(process.env.VERBATIM_SPEECH_RUNS ?? '/work/cache/speech-broad');

/** The network a stage describes: BiLSTM layers over the default speech front end, character CTC. */
export function stageArchitecture(stage: BroadStage): Architecture {
  return {
    inputSize: speechInputSize(defaultSpeechFrontEnd),
    layers: Array.from({ length: stage.architecture.layers }, () => ({
      cell: 'lstm' as const,
      hidden: stage.architecture.hidden,
      bidirectional: true,
    })),
    head: 'ctc',
    outputSize: SPEECH_ALPHABET.length,
    dropout: stage.architecture.dropout,
  };
}

/** The training and validation data sources of a stage. */
export function stageData(stage: BroadStage, corpusDir: string) {
  const splitDir = join(corpusDir, stage.corpus.split);
  const have = new Set(completeShards(splitDir));
  const shards = Array.from({ length: stage.corpus.shards }, (_, i) => i);
  const missing = shards.filter((i) => !have.has(i));
  if (missing.length)
    throw new Error(
      `${splitDir} lacks ${missing.length} of the stage's ${shards.length} shards (first: ${missing[0]}); run scripts/speech-corpus/generate.ts --seed ${stage.corpus.seed} until it has them`,
    );
  const real = realSplit(stage.real.fsddHeldOut);
  const frontEnd = defaultSpeechFrontEnd;
  const realConfig: SpeechDataConfig = {
    examples: real.train,
    alphabet: [...SPEECH_ALPHABET],
    frontEnd,
    augment: stage.augment.real,
    specAugment: stage.augment.specAugment,
  };
  const train: MixedDataConfig = {
    synthetic: { splitDir, shards },
    alphabet: [...SPEECH_ALPHABET],
    frontEnd,
    specAugment: stage.augment.specAugment,
    real: { module: engineData, config: realConfig },
    realProbability: stage.real.probability,
  };
  const valid: SpeechDataConfig = {
    ...realConfig,
    examples: [...real.validAn4, ...real.validFsdd],
    augment: null,
    specAugment: null,
  };
  return { train, valid, counts: { ...real.counts, syntheticShards: shards.length } };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'run-dir': { type: 'string' },
      corpus: { type: 'string' },
      workers: { type: 'string', default: '1' },
      minutes: { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    console.error(
      'usage: tsx scripts/speech-corpus/train-broad.ts STAGE.json [--run-dir DIR] [--corpus DIR] [--workers N] [--minutes M]',
    );
    return 2;
  }
  const stagePath = resolve(positionals[0]);
  const stage = readStage(stagePath);
  const runDir = values['run-dir']
    ? resolve(values['run-dir'])
    : join(defaultRunsDir(), stage.name);
  const corpusDir = values.corpus ? resolve(values.corpus) : defaultCorpusDir();
  const log = (msg: string) =>
    console.error(`[${stage.name} ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  const data = stageData(stage, corpusDir);
  log(`data: ${JSON.stringify(data.counts)}; run folder ${runDir}`);

  const architecture = stageArchitecture(stage);
  const alphabet = [...SPEECH_ALPHABET];
  const featureConfig = { ...defaultSpeechFrontEnd };
  const base = stage.initFrom
    ? loadRecipeModel(join(dirname(stagePath), `${stage.initFrom}.vbm`))
    : undefined;
  const options = {
    ...recipeOptions({
      epochs: stage.training.epochs,
      batchSize: stage.training.batchSize,
      peak: stage.training.peak,
      warmupSteps: stage.training.warmupSteps,
      checkpointEvery: stage.training.checkpointEvery,
    }),
    seed: stage.training.seed,
    sortaGradEpochs: stage.training.sortaGradEpochs,
  };
  const checkpointPath = join(runDir, 'checkpoint.vbp');
  const resume = existsSync(checkpointPath) ? readFileSync(checkpointPath) : undefined;
  const header = (extra: Record<string, unknown>) => ({
    kind: 'speech' as const,
    alphabet,
    featureConfig,
    training: { stage, data: data.counts, machine: '2 cores, no GPU', ...extra },
  });
  const save = (path: string, weights: Float32Array, extra: Record<string, unknown>) => {
    const network = new Network(architecture);
    network.params.data.set(weights);
    writeFileAtomic(path, saveModel(network, { ...header(extra), metrics: {} }));
  };
  log(
    `${resume ? 'resuming' : 'starting'}: ${architecture.layers.length}×BiLSTM ${stage.architecture.hidden}, ${values.workers} worker(s)`,
  );
  let lastLog = 0;
  const trained = await trainModel({
    kind: 'speech',
    base,
    alphabet,
    featureConfig,
    architecture,
    train: { module: mixedData, config: data.train },
    valid: { module: engineData, config: data.valid },
    options,
    minutes: values.minutes ? Number(values.minutes) : undefined,
    workers: Number(values.workers),
    checkpointPath,
    resume,
    onStep: (p) => {
      if (Date.now() - lastLog < 60_000) return;
      lastLog = Date.now();
      log(
        `epoch ${p.epoch + 1} step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)} lr ${p.learningRate.toExponential(2)} ${p.samplesPerSecond.toFixed(1)} utt/s`,
      );
    },
    onEpoch: (p) =>
      log(
        `epoch ${p.epoch + 1}: train loss ${p.trainLoss.toFixed(3)}, valid loss ${p.validLoss?.toFixed(3)} (${p.seconds.toFixed(0)} s)${p.improved ? ' *' : ''}`,
      ),
    onEpochWeights: (p, weights) =>
      save(join(runDir, 'latest.vbm'), weights, { epoch: p.epoch + 1, validLoss: p.validLoss }),
  });
  log(
    `trained ${trained.result.steps} steps, ${trained.result.epochs} epochs (${trained.kernels})`,
  );
  const modelPath = join(runDir, 'final.vbm');
  const recognizer = loadRecognizer(saveModel(trained.network, { ...header({}), metrics: {} }), {
    kernels: loadBestKernels(),
  });
  const metrics = evaluateBroad(recognizer, {
    corpusDir,
    fsddSpeaker: stage.real.fsddHeldOut,
    synthetic: 200,
  });
  log(`metrics: ${JSON.stringify(metrics)}`);
  writeModelFile(modelPath, trained.network, {
    ...header({ steps: trained.result.steps, epochs: trained.result.epochs }),
    metrics,
  });
  log(`wrote ${modelPath}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
