/**
 * Isolated spoken digits ("zero" … "nine", one word per clip) by many
 * synthetic voices, the way the Free Spoken Digit Dataset says them: short
 * clips cut close to the word, mostly through the telephone band (FSDD is
 * 8 kHz). Same shard format, voices and rendering as the broad corpus
 * (generate.ts), so a recipe reads it as cached features (the speech-corpus
 * source's `corpusDir`) or as recordings (the fsdd-fold source's
 * `digitCorpus`). Voices: every English
 * espeak-ng voice and variant, the other-language espeak-ng voices reading the
 * English word or, where synth-accents.ts has one, a respelling in their own
 * orthography (Greek, Russian, Bulgarian too), and the Kal diphone voices;
 * never the held-out clustergen family.
 *
 * Usage: USAGE below (`--help` prints it).
 *
 * DIR defaults to /work/cache/speech-digits. Re-running resumes (a shard
 * depends only on seed and index).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readAudioFile, type SpeechExample, writeWavFile } from '../../engine/node/index';
import { ENGLISH_DIGITS, RESPELLINGS } from '../synth-accents';
import { pick, type Random } from '../synth-vocabulary';
import { loadWordLists, makeShard, type PlannedUtterance } from './generate';
import { sampleRenderParams } from './params';
import { runAsScript, stampedLog } from './script';
import { parseScriptArgs } from '../script-args';
import { readShardManifest } from './shard-format';
import { missingShards, requireShards, shardName } from './shards';
import { installedVoices, type Voice } from './voices';

export const defaultDigitCorpusDir = () => resolve('/work/cache/speech-digits');

/** Share of the draws by kind of voice (the rest: the Kal diphone voices). */
const ENGLISH_SHARE = 0.45;
const ACCENT_SHARE = 0.4;
/** Of the accent draws for a language with a respelling, the share that reads the respelling. */
const RESPELLED_SHARE = 0.6;

/**
 * The plan of a digit corpus over the installed voices: utterance i says
 * digit i mod 10 (so every shard is balanced), the voice and rendering are
 * drawn from rng. Rendering as the broad corpus's, but with at most 150 ms of
 * silence each side and the telephone band 60% of the time.
 */
export function digitPlan(voices: Voice[]): (rng: Random, i: number) => PlannedUtterance {
  const english = voices.filter((v) => v.family === 'espeak-en');
  const kal = voices.filter((v) => v.family === 'kal-diphone');
  if (english.length === 0 || kal.length === 0)
    throw new Error('digit corpus: needs espeak-ng English voices and a Kal diphone voice');
  const variants = [...new Set(english.map((v) => v.name.replace(/^[^+]*/, '')))];
  const accentLanguages = new Set(
    voices.filter((v) => v.family === 'espeak-accent').map((v) => v.name.replace(/\+.*$/, '')),
  );
  const languages = [...new Set([...accentLanguages, ...Object.keys(RESPELLINGS)])].sort();
  return (rng, i) => {
    const digit = i % ENGLISH_DIGITS.length;
    const text = ENGLISH_DIGITS[digit];
    const r = rng();
    let voice: Voice;
    let spoken: string | undefined;
    if (r < ENGLISH_SHARE) voice = pick(rng, english);
    else if (r < ENGLISH_SHARE + ACCENT_SHARE) {
      const language = pick(rng, languages);
      voice = {
        engine: 'espeak-ng',
        name: language + pick(rng, variants),
        family: 'espeak-accent',
      };
      // Languages without a respelling (and non-Latin scripts always) need one.
      const respelling = RESPELLINGS[language];
      if (respelling && (!accentLanguages.has(language) || rng() < RESPELLED_SHARE))
        spoken = respelling[digit];
    } else voice = pick(rng, kal);
    const params = sampleRenderParams(rng);
    params.padMs = [Math.round(rng() * 150), Math.round(rng() * 150)];
    params.telephone = rng() < 0.6;
    return { voice, kind: 'digits', text, spoken, params };
  };
}

/**
 * The utterances of the first `shards` shards as examples a recording-based
 * data source reads (one 16 kHz WAV each, cut from the shard's audio once and
 * kept under ROOT/clips/): for recipes whose data are recordings, not the
 * cached features (the fsdd-fold source's `digitCorpus`, beside FSDD's recordings).
 */
export function digitCorpusExamples(root: string, shards: number): SpeechExample[] {
  const indices = requireShards(
    join(root, 'train'),
    shards,
    `run scripts/speech-corpus/digit-corpus.ts --shards ${shards}`,
  );
  return indices
    .map((shard) => {
      const dir = join(root, 'clips', shardName(shard));
      mkdirSync(dir, { recursive: true });
      const entries = readShardManifest(join(root, 'train', shardName(shard), 'manifest.jsonl'));
      let audio: Float32Array | undefined;
      return entries.map((e, i) => {
        const path = join(dir, `${String(i).padStart(4, '0')}.wav`);
        if (!existsSync(path)) {
          audio ??= readAudioFile(e.audio_filepath).samples;
          const start = Math.round(e.offset * 16000);
          writeWavFile(path, audio.subarray(start, start + Math.round(e.duration * 16000)), 16000);
        }
        return { audio: path, text: e.text, duration: e.duration };
      });
    })
    .flat();
}

const USAGE = `usage: nice -n 19 npx tsx scripts/speech-corpus/digit-corpus.ts [--out DIR] [--shards N]
    [--shard-size N] [--seed S]`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseScriptArgs(
    USAGE,
    {
      out: { type: 'string' },
      shards: { type: 'string', default: '10' },
      'shard-size': { type: 'string', default: '400' },
      seed: { type: 'string', default: '1' },
    },
    { args: argv },
  );
  const root = values.out ? resolve(values.out) : defaultDigitCorpusDir();
  const log = stampedLog('digit-corpus');
  const voices = installedVoices();
  const plan = digitPlan(voices);
  const words = loadWordLists();
  const todo = missingShards(join(root, 'train'), Number(values.shards));
  log(`${todo.length} shards to make in ${root}`);
  for (const index of todo)
    await makeShard({
      root,
      split: 'train',
      index,
      size: Number(values['shard-size']),
      seed: Number(values.seed),
      voices,
      words,
      log,
      plan,
    });
  return 0;
}

runAsScript(import.meta.url, main);
