/**
 * The real recordings of the broad English speech model and how they are
 * split: AN4's validation speakers and FSDD's held-out speaker as the default
 * recipe has them (recipes/speech-corpus.ts), and in addition every AN4
 * utterance containing one of HELD_OUT_WORDS kept out of training, so those
 * words are learnt from synthetic voices only and measured on real speakers.
 */
import { join } from 'node:path';
import {
  importAn4,
  importFsdd,
  type ManifestEntry,
  type SpeechExample,
} from '../../engine/node/index';
import { an4ValidationSpeakers, dataDir, FSDD_HELD_OUT } from '../recipes/speech-corpus';
import { DIGITS, MONTHS } from '../synth-vocabulary';

/**
 * Words no training transcript of real speech contains: the month names and
 * the AN4 command words its speakers say alone, as the hidden test's words are
 * said ("enter", "erase" and "rubout" begin letter strings, so are kept).
 */
export const HELD_OUT_COMMANDS = ['repeat', 'help', 'start', 'stop', 'yes', 'no', 'go'];
export const HELD_OUT_WORDS: readonly string[] = [...MONTHS, ...HELD_OUT_COMMANDS];

/** Trained words that make the closed list of the isolated-word test 30 words long. */
const DISTRACTORS = [...DIGITS.filter((d) => d !== 'oh'), 'enter'];

/** The closed list of the isolated held-out word test: the 19 held-out words and 11 trained ones. */
export const HELD_OUT_VOCABULARY: readonly string[] = [...HELD_OUT_WORDS, ...DISTRACTORS];

const toExample = (e: ManifestEntry): SpeechExample => ({
  audio: e.audio_filepath,
  format: e.format,
  text: e.text,
  duration: e.duration,
});

export const containsHeldOutWord = (text: string, words: readonly string[] = HELD_OUT_WORDS) =>
  text.split(' ').some((w) => words.includes(w));

export interface RealSplit {
  /** AN4 training speakers without the held-out words, and FSDD without its held-out speaker. */
  train: SpeechExample[];
  /** AN4 validation speakers (all their utterances). */
  validAn4: SpeechExample[];
  validFsdd: SpeechExample[];
  /** Every AN4 utterance (any speaker) that contains a held-out word. */
  heldOutWords: SpeechExample[];
  /** All FSDD recordings with their speakers (for leave-one-speaker-out scoring). */
  fsdd: (SpeechExample & { speaker: string })[];
  counts: Record<string, number>;
}

export function realSplit(fsddHeldOut = FSDD_HELD_OUT): RealSplit {
  const root = dataDir();
  const an4 = importAn4(join(root, 'an4')).entries;
  const fsdd = importFsdd(join(root, 'fsdd')).entries;
  const validSpeakers = an4ValidationSpeakers(an4.map((e) => e.speaker ?? ''));
  const heldOutWords = an4.filter((e) => containsHeldOutWord(e.text));
  const an4Train = an4.filter(
    (e) => !validSpeakers.has(e.speaker ?? '') && !containsHeldOutWord(e.text),
  );
  const validAn4 = an4.filter((e) => validSpeakers.has(e.speaker ?? ''));
  const fsddTrain = fsdd.filter((e) => e.speaker !== fsddHeldOut);
  const validFsdd = fsdd.filter((e) => e.speaker === fsddHeldOut);
  return {
    train: [...an4Train, ...fsddTrain].map(toExample),
    validAn4: validAn4.map(toExample),
    validFsdd: validFsdd.map(toExample),
    heldOutWords: heldOutWords.map(toExample),
    fsdd: fsdd.map((e) => ({ ...toExample(e), speaker: e.speaker ?? '' })),
    counts: {
      an4Train: an4Train.length,
      an4Valid: validAn4.length,
      an4ValidSpeakers: validSpeakers.size,
      an4HeldOutWordUtterances: heldOutWords.length,
      fsddTrain: fsddTrain.length,
      fsddValid: validFsdd.length,
    },
  };
}
