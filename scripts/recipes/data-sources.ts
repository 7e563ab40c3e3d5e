/**
 * The data a recipe stage trains on, by source name (a recipe's `data.source`):
 * the training and held-out examples of its modality, split by speaker or
 * writer, and what the publishing evaluation needs besides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Ink, SPEECH_ALPHABET, splitByWriter, writerKey } from '../../engine/index';
import {
  type DataSourceSpec,
  loadUnipenSamples,
  sharedUnipenRoot,
  type SpeechAugment,
  type SpeechExample,
  speechTraining,
  splitByGroup,
  type TrainingModality,
} from '../../engine/node/index';
import { synthesizeWordInk } from './ink-synth-words';
import { loadUnipenComplete, SyntheticWordsOptions, UnipenCompleteOptions } from './unipen-source';
import { buildSpeechCorpus, type SpeechCorpus } from './speech-corpus';
import { defaultDigitCorpusDir, digitCorpusExamples } from '../speech-corpus/digit-corpus';
import { defaultCorpusDir } from '../speech-corpus/generate';
import type { MixedDataConfig } from '../speech-corpus/mixed-data-source';
import { realSplit } from '../speech-corpus/real-data';
import { requireShards } from '../speech-corpus/shards';

export interface DataContext {
  modality: TrainingModality;
  /** The recipes' cache (synthetic speech, example files). */
  cacheDir: string;
  log(message: string): void;
}

/** The workers' data sources, for a source that does not use its modality's. */
type SourcesOf = (o: {
  alphabet: string[];
  featureConfig: Record<string, unknown>;
  augment: unknown;
}) => { train: DataSourceSpec; valid?: DataSourceSpec };

export interface StageData {
  /** Examples of the recipe's modality. */
  train: unknown[];
  /** Held out (other speakers or writers): the validation of every epoch. */
  valid: unknown[];
  /** The output labels when the data fixes them (an ink charset); else the modality's. */
  alphabet?: string[];
  /** What the model header records about the data. */
  counts: Record<string, unknown>;
  /** Replaces the modality's data sources (e.g. synthetic shards mixed with recordings). */
  sources?: SourcesOf;
  /** What a publishing evaluation reads besides (the held-out sets, the texts of an LM). */
  extra?: unknown;
}

type Source = (options: unknown, ctx: DataContext) => Promise<StageData>;

/** Parses a source's options, naming the source in the error. */
function optionsOf<T extends z.ZodType>(source: string, schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `data source "${source}": ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** The user's own data: dataset names or folders, manifests, ink files; whole speakers/writers held out. */
const files: Source = async (value, { modality, log }) => {
  const o = optionsOf(
    'files',
    z
      .object({
        source: z.literal('files'),
        paths: z.array(z.string()).min(1),
        validFraction: z.number().min(0).max(0.9).default(0.2),
        seed: z.number().int().default(1),
      })
      .strict(),
    value,
  );
  const examples = modality.loadExamples(o.paths, (what) => log(`left out: ${what}`));
  const split = splitByGroup(examples, o.validFraction, o.seed);
  return {
    train: split.train,
    valid: split.valid,
    counts: { paths: o.paths, train: split.train.length, validation: split.valid.length },
  };
};

/** What the speech-en evaluation reads: the corpus with its held-out AN4 speakers and FSDD speaker. */
export type An4FsddData = SpeechCorpus;

/** CMU AN4 + FSDD + synthetic speech (recipes/speech-corpus.ts); AN4's held-out speakers validate. */
const an4FsddSynth: Source = async (value, { cacheDir, log }) => {
  const o = optionsOf(
    'an4-fsdd-synth',
    z
      .object({
        source: z.literal('an4-fsdd-synth'),
        synth: z.number().int().min(0),
        digitWords: z.number().int().min(0).default(0),
      })
      .strict(),
    value,
  );
  const corpus = await buildSpeechCorpus({
    synthCount: o.synth,
    digitWords: o.digitWords,
    cacheDir,
    onProgress: (what, done, total) => done % 500 === 0 && log(`${what} ${done}/${total}`),
  });
  return { train: corpus.train, valid: corpus.validAn4, counts: corpus.counts, extra: corpus };
};

const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CHARSETS = {
  digits: '0123456789',
  letters: UPPER + UPPER.toLowerCase(),
  printable: PRINTABLE,
};
const isChar = (category: string) => ['1a', '1b', '1c'].includes(category);

/** Debian's wamerican word list (printable ASCII entries), empty when it is not installed. */
export function englishWords(): string[] {
  const path = '/usr/share/dict/american-english';
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((w) => /^[\x21-\x7e]+$/.test(w))
    : [];
}

/** What the ink evaluations read: the labels written in training (for a lexicon and LM). */
export interface UnipenData {
  /** Every training label (isolated characters too), synthetic words not included. */
  trainLabels: string[];
  /** The training labels of the word categories only. */
  trainWords: string[];
}

const UnipenOptions = z
  .object({
    source: z.literal('unipen'),
    categories: z.array(z.string()).min(1),
    charset: z.enum(['digits', 'letters', 'printable']),
    /** Labs held out whole (and their writers everywhere): the writer-independent test. */
    heldOutLabs: z.array(z.string()),
    validationFraction: z.number().min(0).max(1).default(0.1),
    splitSeed: z.number().int().default(5),
    /** With words: keep every n-th isolated character, so words dominate. */
    isolatedCharactersEvery: z.number().int().positive().default(1),
    syntheticWords: SyntheticWordsOptions.optional(),
  })
  .strict();

/** UNIPEN categories (train/1a digits, 1b/1c letters, 6/7 words), split writer-independently. */
const unipen: Source = async (value, { log }) => {
  const o = optionsOf('unipen', UnipenOptions, value);
  const root = sharedUnipenRoot(fileURLToPath(new URL('../..', import.meta.url)));
  if (!root) throw new Error('UNIPEN data not found: set VERBATIM_DATA_DIR (see README)');
  const charset = CHARSETS[o.charset];
  let skipped = 0;
  const all = loadUnipenSamples(root, o.categories, { onSkip: () => skipped++ }).filter(
    (s) => s.label !== '' && [...s.label].every((c) => charset.includes(c)),
  );
  let k = 0;
  const samples =
    o.isolatedCharactersEvery > 1
      ? all.filter((s) => !isChar(s.category) || k++ % o.isolatedCharactersEvery === 0)
      : all;
  const split = splitByWriter(samples, {
    validationFraction: o.validationFraction,
    heldOutLabs: o.heldOutLabs,
    seed: o.splitSeed,
  });
  log(
    `${samples.length} samples from ${o.categories.join(', ')} (${skipped} skipped by the reader): ${split.train.length} train, ${split.validation.length} validation (${split.validationWriters.length} writers)`,
  );
  const trainWords = split.train.filter((s) => !isChar(s.category)).map((s) => s.label);
  let synthetic: { ink: Ink; label: string }[] = [];
  if (o.syntheticWords && o.syntheticWords.count > 0) {
    // Only training writers lend their characters: none of validation or a held-out lab.
    const excluded = new Set(split.validationWriters);
    const heldOut = new Set(o.heldOutLabs);
    const chars = all.filter(
      (s) => isChar(s.category) && !heldOut.has(s.lab) && !excluded.has(writerKey(s.lab, s.writer)),
    );
    const { count, seed, cursive } = o.syntheticWords;
    synthetic = synthesizeWordInk(chars, [...trainWords, ...englishWords()], count, seed, {
      cursive,
    });
    log(`synthesized ${synthetic.length} words from ${chars.length} isolated characters`);
  }
  const extra: UnipenData = { trainLabels: split.train.map((s) => s.label), trainWords };
  return {
    train: [...split.train, ...synthetic],
    valid: split.validation.map((s) => ({ ink: s.ink, label: s.label })),
    alphabet: ['', ...charset],
    counts: {
      categories: o.categories,
      train: split.train.length,
      syntheticWords: o.syntheticWords?.count ?? 0,
      syntheticSeed: o.syntheticWords?.seed,
      cursiveShare: o.syntheticWords?.cursive ?? 0,
      validation: split.validation.length,
      heldOutLabs: o.heldOutLabs,
      validationWriters: split.validationWriters.length,
    },
    extra,
  };
};

/** The complete UNIPEN data with the checked-in held-out labs and writers (unipen-source.ts). */
const unipenComplete: Source = async (value, { log }) => {
  const o = optionsOf('unipen-complete', UnipenCompleteOptions, value);
  const d = loadUnipenComplete(o, log);
  const extra: UnipenData = { trainLabels: d.trainLabels, trainWords: d.trainWords };
  return { train: d.train, valid: d.valid, alphabet: ['', ...d.charset], counts: d.counts, extra };
};

const mixedDataModule = fileURLToPath(
  new URL('../speech-corpus/mixed-data-source.ts', import.meta.url),
);

/**
 * Training draws from cached corpus shards, each replaced with probability
 * `realProbability` by a real recording of about its length (augmented by the
 * stage's `wave`); SpecAugment on both. The real examples validate.
 */
function mixedSources(
  splitDir: string,
  shards: number[],
  realTrain: SpeechExample[],
  valid: SpeechExample[],
  realProbability: number,
  realAnyLength?: MixedDataConfig['realAnyLength'],
): SourcesOf {
  return ({ alphabet, featureConfig, augment }) => {
    const { wave, specAugment } = augment as SpeechAugment;
    const realSources = speechTraining.dataSources({
      train: realTrain,
      valid,
      alphabet,
      featureConfig,
      augment: { wave, specAugment },
      workDir: splitDir,
    });
    const config: MixedDataConfig = {
      synthetic: { splitDir, shards },
      alphabet,
      frontEnd: featureConfig as unknown as MixedDataConfig['frontEnd'],
      specAugment,
      real: realSources.train as MixedDataConfig['real'],
      realProbability,
      ...(realAnyLength ? { realAnyLength } : {}),
    };
    return { train: { module: mixedDataModule, config }, valid: realSources.valid };
  };
}

/**
 * The synthetic speech corpus's cached shards (scripts/speech-corpus/) with
 * real AN4 + FSDD recordings mixed into every batch; AN4's held-out speakers
 * and FSDD's held-out speaker validate. The stage's augment is SpeechAugment:
 * `wave` for the real recordings, `specAugment` for both.
 */
const syntheticCorpus: Source = async (value) => {
  const o = optionsOf(
    'speech-corpus',
    z
      .object({
        source: z.literal('speech-corpus'),
        /** The corpus folder (default: scripts/speech-corpus/generate.ts's). */
        corpusDir: z.string().optional(),
        /** The generator's seed of the shards (scripts/speech-corpus/generate.ts --seed). */
        seed: z.number().int(),
        split: z.literal('train').default('train'),
        /** The first `shards` shards of the split. */
        shards: z.number().int().positive(),
        /** Probability that a training draw is a real recording instead of a synthetic one. */
        realProbability: z.number().min(0).max(1),
        /** The FSDD speaker that validates (the other four train). */
        fsddHeldOut: z.string().optional(),
        /**
         * false: no FSDD recording at all (AN4's held-out speakers alone
         * validate), for a base that every FSDD speaker is new to (fsdd-loso).
         */
        fsdd: z.boolean().default(true),
        /**
         * Share of the real draws that are an FSDD training recording drawn
         * uniformly, whatever its length. Without it every real draw is matched
         * by length, and FSDD's ~0.4 s digits are shorter than nearly every
         * corpus item: 9% of the real draws, only its 140 longest clips of 2,000
         * (docs/experiments/speech-broad.md).
         */
        fsddShare: z.number().min(0).max(1).optional(),
        /**
         * false: no validation, the stage runs its schedule and keeps its last
         * weights (a stage that specialises, e.g. on isolated digits, whose
         * AN4 validation loss would keep its first epoch).
         */
        validation: z.boolean().default(true),
      })
      .strict()
      .refine((x) => (x.fsddHeldOut === undefined) === !x.fsdd, {
        message: 'fsddHeldOut names the FSDD speaker held out, and only when fsdd is not false',
      })
      .refine((x) => x.fsddShare === undefined || x.fsdd, {
        message: 'fsddShare draws FSDD recordings, so fsdd must not be false',
      }),
    value,
  );
  const splitDir = join(o.corpusDir ?? defaultCorpusDir(), o.split);
  const shards = requireShards(
    splitDir,
    o.shards,
    `run scripts/speech-corpus/generate.ts --seed ${o.seed} until it has them`,
  );
  const split = realSplit(o.fsddHeldOut);
  const fsddFiles = new Set(split.fsdd.map((e) => e.audio));
  const real = o.fsdd
    ? split
    : { ...split, train: split.train.filter((e) => !fsddFiles.has(e.audio)), validFsdd: [] };
  const valid: SpeechExample[] = o.validation ? [...real.validAn4, ...real.validFsdd] : [];
  const fsddItems = real.train.flatMap((e, i) => (fsddFiles.has(e.audio) ? [i] : []));
  const sources = mixedSources(
    splitDir,
    shards,
    real.train,
    valid,
    o.realProbability,
    o.fsddShare === undefined ? undefined : { probability: o.fsddShare, items: fsddItems },
  );
  return {
    train: real.train,
    valid,
    // The corpus spells with the whole speech alphabet ("o'clock"), not only
    // the real transcripts' characters.
    alphabet: [...SPEECH_ALPHABET],
    counts: o.fsdd
      ? { ...real.counts, syntheticShards: shards.length }
      : { ...real.counts, fsddTrain: 0, fsddValid: 0, syntheticShards: shards.length },
    sources,
    extra: real,
  };
};

/** The first `shards` shards of the isolated-digit corpus (scripts/speech-corpus/digit-corpus.ts), as recordings. */
const DigitCorpusOption = z
  .object({ shards: z.number().int().positive(), corpusDir: z.string().optional() })
  .strict();

const digitCorpusOf = (o: z.infer<typeof DigitCorpusOption> | undefined) =>
  o ? digitCorpusExamples(o.corpusDir ?? defaultDigitCorpusDir(), o.shards) : [];

/**
 * One fold of FSDD leave-one-speaker-out: the other speakers' recordings train;
 * `heldOut` is never seen, not even to validate (it is the fold's test), so
 * there is no validation and the stage runs its schedule to the end. With
 * `digitCorpus`, the isolated digits of scripts/speech-corpus/digit-corpus.ts
 * (its first `shards` shards, as recordings) train too, beside `fsddCopies`
 * copies of the four speakers' recordings.
 */
const fsddFold: Source = async (value) => {
  const o = optionsOf(
    'fsdd-fold',
    z
      .object({
        source: z.literal('fsdd-fold'),
        heldOut: z.string(),
        digitCorpus: DigitCorpusOption.optional(),
        fsddCopies: z.number().int().positive().default(1),
      })
      .strict(),
    value,
  );
  const { fsdd } = realSplit(o.heldOut);
  const speakers = [...new Set(fsdd.map((e) => e.speaker))].sort();
  if (!speakers.includes(o.heldOut))
    throw new Error(
      `data source "fsdd-fold": no FSDD speaker "${o.heldOut}" (one of ${speakers.join(', ')})`,
    );
  const real = fsdd.filter((e) => e.speaker !== o.heldOut).map(({ speaker: _s, ...e }) => e);
  const digits = digitCorpusOf(o.digitCorpus);
  const train = [...Array.from({ length: o.fsddCopies }, () => real).flat(), ...digits];
  return {
    train,
    valid: [],
    counts: {
      fsddTrain: real.length,
      fsddHeldOut: o.heldOut,
      ...(digits.length ? { fsddCopies: o.fsddCopies, digitCorpus: digits.length } : {}),
    },
  };
};

const SOURCES: Record<string, Source> = {
  files,
  'an4-fsdd-synth': an4FsddSynth,
  unipen,
  'unipen-complete': unipenComplete,
  'speech-corpus': syntheticCorpus,
  'fsdd-fold': fsddFold,
};

/** The stage's data from its source (`options.source`). */
export function loadStageData(options: { source: string }, ctx: DataContext): Promise<StageData> {
  const source = SOURCES[options.source];
  if (!source)
    throw new Error(
      `unknown data source "${options.source}": one of ${Object.keys(SOURCES).join(', ')}`,
    );
  return source(options, ctx);
}
