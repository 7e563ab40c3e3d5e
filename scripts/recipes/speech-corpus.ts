/**
 * The data of the default speech model: CMU AN4 (training set), FSDD and
 * synthetic speech, split speaker-independently. Used by the speech-en recipe and
 * the evaluation in eval-speech.ts so both see the same split.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  importAn4,
  importFsdd,
  type ManifestEntry,
  readExampleAudio,
  type SpeechExample,
  writeWavFile,
} from '../../engine/node/index';
import { padSilence, seededRandom, TARGET_SAMPLE_RATE } from '../../engine/index';
import { planSynthesis, synthesize } from '../synth-speech';
import { an4StyleSentences } from '../synth-vocabulary';
import { planDigitWords } from '../synth-accents';

export const dataDir = () =>
  resolve(process.env.VERBATIM_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'));

/** AN4 speakers held out for validation: every 7th of the sorted speaker list (10 of 74). */
export function an4ValidationSpeakers(speakers: string[]): Set<string> {
  const sorted = [...new Set(speakers)].sort();
  return new Set(sorted.filter((_, i) => i % 7 === 3));
}

/** The FSDD speaker never seen in training (the others train). */
export const FSDD_HELD_OUT = 'george';

/** Size of the synthetic-speech plan; a run uses a prefix of it. */
const SYNTH_PLAN = 2400;

const toExample = (e: ManifestEntry): SpeechExample => ({
  audio: e.audio_filepath,
  format: e.format,
  text: e.text,
  duration: e.duration,
});

export interface SpeechCorpus {
  train: SpeechExample[];
  validAn4: SpeechExample[];
  validFsdd: SpeechExample[];
  /** Transcripts of the training split (for the LM and lexicon). */
  trainTexts: string[];
  counts: Record<string, number>;
}

export async function buildSpeechCorpus(options: {
  synthCount: number;
  /** One-word digit clips, half of them read with foreign accents (synth-accents.ts). */
  digitWords?: number;
  cacheDir: string;
  seed?: number;
  onProgress?: (what: string, done: number, total: number) => void;
}): Promise<SpeechCorpus> {
  const root = dataDir();
  const an4 = importAn4(join(root, 'an4')).entries;
  const fsdd = importFsdd(join(root, 'fsdd')).entries;
  const heldOut = an4ValidationSpeakers(an4.map((e) => e.speaker ?? ''));
  const an4Train = an4.filter((e) => !heldOut.has(e.speaker ?? ''));
  const an4Valid = an4.filter((e) => heldOut.has(e.speaker ?? ''));
  const fsddTrain = fsdd.filter((e) => e.speaker !== FSDD_HELD_OUT);
  const fsddValid = fsdd.filter((e) => e.speaker === FSDD_HELD_OUT);

  // Synthetic speech reads the training transcripts and random AN4-style
  // sentences. The plan is drawn for SYNTH_PLAN requests whatever synthCount is,
  // so a smaller count takes a prefix of the same (cached) requests.
  const rng = seededRandom(options.seed ?? 7);
  const sentences = [
    ...an4Train.map((e) => e.text),
    ...an4StyleSentences(Math.max(0, SYNTH_PLAN - an4Train.length), rng),
  ];
  const requests = [
    ...planSynthesis(sentences, { variants: 1, rng }).slice(0, options.synthCount),
    ...planDigitWords(options.digitWords ?? 0, seededRandom(13)),
  ];
  const synth = await synthesize(requests, {
    outDir: join(options.cacheDir, 'synth'),
    concurrency: 2,
    onProgress: (d, t) => options.onProgress?.('synthesis', d, t),
  });

  const train = [...[...an4Train, ...fsddTrain, ...synth.entries].map(toExample)];
  return {
    train,
    validAn4: an4Valid.map(toExample),
    validFsdd: fsddValid.map(toExample),
    trainTexts: [...an4Train, ...fsddTrain].map((e) => e.text),
    counts: {
      an4Train: an4Train.length,
      an4Valid: an4Valid.length,
      an4ValidSpeakers: heldOut.size,
      fsddTrain: fsddTrain.length,
      fsddValid: fsddValid.length,
      synthetic: synth.entries.length,
      syntheticDigitWords: options.digitWords ?? 0,
      synthesisFailures: synth.failures.length,
    },
  };
}

/**
 * The examples with `ms` of silence before and after each recording, as a
 * microphone or an edited file leaves them around a word (FSDD's clips are cut
 * tight). Written once as 16 kHz WAVs under `dir`.
 */
export function withPauses(examples: SpeechExample[], dir: string, ms = 500): SpeechExample[] {
  mkdirSync(dir, { recursive: true });
  return examples.map((e) => {
    const path = join(dir, `${basename(e.audio).replace(/\.[^.]*$/, '')}.wav`);
    if (!existsSync(path)) {
      const audio = readExampleAudio(e);
      writeWavFile(path, padSilence(audio.samples, ms, ms, TARGET_SAMPLE_RATE), TARGET_SAMPLE_RATE);
    }
    return { audio: path, text: e.text, duration: e.duration + (2 * ms) / 1000 };
  });
}
