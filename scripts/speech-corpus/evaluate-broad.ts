/**
 * The broad speech model's held-out measures (issue 19, item 3), for any
 * speech model file:
 *  - held-out words said alone by real AN4 speakers (words no real training
 *    transcript contains), decoded with a closed list of 30 words;
 *  - the same words inside AN4 sentences (the month names), decoded with AN4's
 *    vocabulary closed: how many of the held-out words come out;
 *  - the FSDD speaker the model never trained on (greedy and digits only);
 *  - the synthetic voice family never trained on (greedy CER/WER);
 *  - AN4's validation speakers (greedy; beam with the speech-en LM and lexicon).
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type DecodeParams,
  type DecodeResources,
  defaultDecodeParams,
  NO_DECODE_RESOURCES,
  type Recognizer,
} from '../../engine/index';
import {
  type EvalSummary,
  evaluateSpeech,
  loadBestKernels,
  readAudioFile,
  readRecognizerFile,
  type SpeechExample,
  writeWavFile,
} from '../../engine/node/index';
import { DIGITS } from '../synth-vocabulary';
import { defaultCorpusDir } from './generate';
import { HELD_OUT_VOCABULARY, HELD_OUT_WORDS, realSplit } from './real-data';
import { readSplit, type CorpusEntry } from './shards';
import { runAsScript, printReport } from './script';
import { exitWithUsage, parseScriptArgs } from '../script-args';

const root = resolve(new URL('../..', import.meta.url).pathname);

/** Writes each corpus entry's slice of its shard audio as its own WAV (once), for the evaluators. */
export function sliceEntries(entries: CorpusEntry[], dir: string): SpeechExample[] {
  mkdirSync(dir, { recursive: true });
  const shards = new Map<string, Float32Array>();
  return entries.map((e, i) => {
    const path = join(dir, `${String(i).padStart(6, '0')}.wav`);
    if (!existsSync(path)) {
      let audio = shards.get(e.audio_filepath);
      if (!audio) {
        audio = readAudioFile(e.audio_filepath).samples;
        shards.set(e.audio_filepath, audio);
      }
      const start = Math.round(e.offset * 16000);
      writeWavFile(path, audio.subarray(start, start + Math.round(e.duration * 16000)), 16000);
    }
    return { audio: path, text: e.text, duration: e.duration };
  });
}

/**
 * Held-out word tokens recognized: per utterance, the held-out words of the
 * reference found in the hypothesis (as a multiset), over all references' held-out words.
 */
export function heldOutWordRecall(
  details: { reference: string; hypothesis: string }[],
  words: readonly string[],
): { tokens: number; right: number; recall: number } {
  let tokens = 0;
  let right = 0;
  for (const d of details) {
    const hyp = d.hypothesis.split(' ');
    for (const w of d.reference.split(' ')) {
      if (!words.includes(w)) continue;
      tokens++;
      const at = hyp.indexOf(w);
      if (at >= 0) {
        right++;
        hyp.splice(at, 1);
      }
    }
  }
  return { tokens, right, recall: tokens ? Math.round((right / tokens) * 1e4) / 1e4 : 0 };
}

const strip = ({ details: _d, ...s }: EvalSummary) => s;

/**
 * Only these words can come out: the closed vocabulary of `--vocabulary`
 * (short lists are scored exactly: every word alone, and the beam's sequences).
 */
export function closedVocabulary(words: readonly string[]): [DecodeParams, DecodeResources] {
  return [
    {
      ...defaultDecodeParams(),
      beamWidth: 16,
      vocabulary: words.map((phrase) => ({ phrase, weight: 0 })),
    },
    NO_DECODE_RESOURCES,
  ];
}

export function evaluateBroad(
  recognizer: Recognizer,
  o: { corpusDir: string; fsddSpeaker: string; synthetic: number },
) {
  const split = realSplit(o.fsddSpeaker);
  const base = defaultDecodeParams();
  const greedy: DecodeParams = { ...base, beamWidth: 1 };
  const beam: DecodeParams = { ...base, beamWidth: 16 };
  const alone = split.heldOutWords.filter((e) => !e.text.includes(' '));
  const inSentences = split.heldOutWords.filter((e) => e.text.includes(' '));
  const an4Vocabulary = [
    ...new Set([
      ...readFileSync(join(root, 'assets', 'lexicons', 'speech-en.txt'), 'utf8')
        .split('\n')
        .filter(Boolean),
      ...HELD_OUT_WORDS,
    ]),
  ];
  const sentences = evaluateSpeech(recognizer, inSentences, ...closedVocabulary(an4Vocabulary));
  const lmArpa = readFileSync(join(root, 'assets', 'lm', 'speech-en.3gram.arpa'), 'utf8');
  const evalEntries = readSplit(join(o.corpusDir, 'eval'));
  const step = Math.max(1, Math.floor(evalEntries.length / o.synthetic));
  const synthetic = sliceEntries(
    evalEntries.filter((_, i) => i % step === 0).slice(0, o.synthetic),
    join(o.corpusDir, 'eval-wav', `every-${step}`),
  );
  return {
    heldOutWordsAlone: {
      words: HELD_OUT_WORDS,
      closedList: HELD_OUT_VOCABULARY.length,
      ...strip(evaluateSpeech(recognizer, alone, ...closedVocabulary(HELD_OUT_VOCABULARY))),
    },
    heldOutWordsInSentences: {
      vocabulary: an4Vocabulary.length,
      ...heldOutWordRecall(sentences.details, HELD_OUT_WORDS),
      wer: sentences.wer,
    },
    fsddHeldOutSpeaker: {
      speaker: o.fsddSpeaker,
      greedy: strip(evaluateSpeech(recognizer, split.validFsdd, greedy)),
      digits: strip(evaluateSpeech(recognizer, split.validFsdd, ...closedVocabulary(DIGITS))),
    },
    syntheticHeldOutFamily: {
      family: evalEntries[0]?.family,
      greedy: strip(evaluateSpeech(recognizer, synthetic, greedy)),
    },
    an4ValidationSpeakers: {
      greedy: strip(evaluateSpeech(recognizer, split.validAn4, greedy)),
      beamLm: strip(
        evaluateSpeech(recognizer, split.validAn4, beam, {
          lmArpa,
          lmUnit: 'word',
          lexicon: an4Vocabulary,
        }),
      ),
    },
  };
}

const USAGE = `usage: npx tsx scripts/speech-corpus/evaluate-broad.ts MODEL.vbm [--corpus DIR]
    [--fsdd-speaker george] [--synthetic N] [--out metrics.json]`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseScriptArgs(
    USAGE,
    {
      corpus: { type: 'string' },
      'fsdd-speaker': { type: 'string', default: 'george' },
      synthetic: { type: 'string', default: '200' },
      out: { type: 'string' },
    },
    { args: argv, positionals: 1 },
  );
  if (positionals.length !== 1) exitWithUsage(USAGE, 'the model file is required');
  const recognizer = readRecognizerFile(positionals[0], { kernels: loadBestKernels() });
  const metrics = evaluateBroad(recognizer, {
    corpusDir: values.corpus ? resolve(values.corpus) : defaultCorpusDir(),
    fsddSpeaker: values['fsdd-speaker'],
    synthetic: Number(values.synthetic),
  });
  printReport(metrics, values.out);
  return 0;
}

runAsScript(import.meta.url, main);
