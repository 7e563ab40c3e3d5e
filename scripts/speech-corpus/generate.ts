/**
 * Generates the broad English synthetic corpus in resumable shards (see
 * shards.ts for the layout): an evaluation split read only by the held-out
 * voice family, then training shards until the training split holds `--hours`
 * of audio. Re-running resumes; a larger `--hours` grows the corpus.
 *
 * Usage: USAGE below (`--help` prints it).
 *
 * DIR defaults to $VERBATIM_SPEECH_CORPUS or /work/cache/speech-corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultSpeechFrontEnd, seededRandom } from '../../engine/index';
import { writeFileAtomic } from '../../engine/node/index';
import { pickVoice, type RenderParams, sampleRenderParams } from './params';
import { renderUtterance } from './render';
import { completeShards, hours, readSplit, shardName, shardSeed, ShardWriter } from './shards';
import {
  createTextSampler,
  mergeWordLists,
  parseWordList,
  type TextKind,
  wordCycle,
  type WordLists,
} from './text';
import { HELD_OUT_FAMILY, installedVoices, type Voice, type VoiceFamily } from './voices';
import { runAsScript, stampedLog } from './script';
import { parseScriptArgs } from '../script-args';
import type { Random } from '../synth-vocabulary';

/**
 * One utterance to render: the voice, the text the manifest records and,
 * when it differs, the text the synthesiser is given (a respelling read
 * with a foreign voice's letter-to-sound rules).
 */
export interface PlannedUtterance {
  voice: Voice;
  kind: TextKind;
  text: string;
  spoken?: string;
  params: RenderParams;
}

export const defaultCorpusDir = () =>
  resolve(process.env.VERBATIM_SPEECH_CORPUS ?? '/work/cache/speech-corpus');

const WORD_LISTS = ['/usr/share/dict/american-english', '/usr/share/dict/british-english'];

/** Debian's word lists (wamerican, wbritish) that are installed, merged. */
export function loadWordLists(paths = WORD_LISTS): WordLists {
  const found = paths.filter((p) => existsSync(p));
  if (found.length === 0)
    throw new Error(`no word list found (${paths.join(', ')}): apt install wamerican wbritish`);
  return mergeWordLists(found.map((p) => parseWordList(readFileSync(p, 'utf8'))));
}

/** What the corpus was made with; a resume with other settings is refused. */
function corpusSettings() {
  return {
    version: 1,
    frontEnd: defaultSpeechFrontEnd.audio,
    heldOutFamily: HELD_OUT_FAMILY,
  };
}

function checkSettings(root: string) {
  const path = join(root, 'corpus.json');
  const settings = JSON.stringify(corpusSettings(), null, 2);
  if (existsSync(path)) {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing !== settings.trim())
      throw new Error(
        `${path} was made with other settings (front end or held-out family); use another --out or delete it`,
      );
  } else writeFileAtomic(path, `${settings}\n`);
}

/**
 * Dictionary words a training shard reads from the corpus-wide word cycle: more
 * than a shard's usual draws (about 300 of 400 utterances), so shards say
 * different words. Training shards from FIRST_CYCLED_SHARD on read the cycle;
 * the earlier ones (made before it) drew words at random, and stay as made.
 */
const WORDS_PER_SHARD = 400;
const FIRST_CYCLED_SHARD = 35;

/** Makes shard `index` of `split` (its content depends only on seed, split and index). */
export async function makeShard(o: {
  root: string;
  split: 'train' | 'eval';
  index: number;
  size: number;
  seed: number;
  voices: Voice[];
  words: WordLists;
  family?: VoiceFamily;
  log: (msg: string) => void;
  /** Another corpus's utterances (digit-corpus.ts); default the broad corpus's. */
  plan?: (rng: Random, i: number) => PlannedUtterance;
}): Promise<void> {
  const rng = seededRandom(shardSeed(o.seed, o.split, o.index));
  const cycled = o.split === 'train' && o.index >= FIRST_CYCLED_SHARD;
  const nextText = createTextSampler(
    o.words,
    rng,
    cycled ? wordCycle(o.words.words, o.seed, o.index * WORDS_PER_SHARD) : undefined,
  );
  const broad = (): PlannedUtterance => {
    const voice = pickVoice(o.voices, rng, o.family);
    const { kind, text } = nextText();
    return { voice, kind, text, params: sampleRenderParams(rng) };
  };
  const dir = join(o.root, o.split, shardName(o.index));
  const writer = new ShardWriter(dir);
  const pool: Float32Array[] = [];
  let failures = 0;
  for (let i = 0; i < o.size; i++) {
    const { voice, kind, text, spoken, params } = o.plan ? o.plan(rng, i) : broad();
    try {
      const r = await renderUtterance(voice, spoken ?? text, params, {
        scratch: join(o.root, '.scratch'),
        rng,
        babblePool: pool,
        features: defaultSpeechFrontEnd.audio,
      });
      pool.push(r.clean);
      if (pool.length > 40) pool.shift();
      writer.add({
        samples: r.samples,
        features: r.features.data,
        frames: r.features.frames,
        dim: r.features.dim,
        entry: {
          text,
          kind,
          speaker: `${voice.engine}:${voice.name}`,
          engine: voice.engine,
          voice: voice.name,
          family: voice.family,
          ...(spoken === undefined ? {} : { spoken }),
          params,
        },
      });
    } catch (err) {
      failures++;
      o.log(`${voice.engine} ${voice.name} '${text}': ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const entries = writer.finish();
  o.log(
    `${o.split}/${shardName(o.index)}: ${entries.length} utterances, ${(hours(entries) * 60).toFixed(1)} min, ${failures} failed`,
  );
}

const USAGE = `usage: nice -n 10 npx tsx scripts/speech-corpus/generate.ts [--out DIR] [--hours H]
    [--shard-size N] [--eval-shards K] [--seed S]`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseScriptArgs(
    USAGE,
    {
      out: { type: 'string' },
      hours: { type: 'string', default: '4' },
      'shard-size': { type: 'string', default: '400' },
      'eval-shards': { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
    },
    { args: argv },
  );
  const root = values.out ? resolve(values.out) : defaultCorpusDir();
  const log = stampedLog('speech-corpus');
  checkSettings(root);
  const voices = installedVoices();
  const words = loadWordLists();
  const count = (f: VoiceFamily) => voices.filter((v) => v.family === f).length;
  log(
    `${voices.length} voices (espeak English ${count('espeak-en')}, accents ${count('espeak-accent')}, Kal diphone ${count('kal-diphone')}, held out ${HELD_OUT_FAMILY} ${count(HELD_OUT_FAMILY)}); ${words.words.length} words, ${words.names.length} names`,
  );
  const common = {
    root,
    size: Number(values['shard-size']),
    seed: Number(values.seed),
    voices,
    words,
    log,
  };
  const evalDone = new Set(completeShards(join(root, 'eval')));
  for (let i = 0; i < Number(values['eval-shards']); i++)
    if (!evalDone.has(i))
      await makeShard({ ...common, split: 'eval', index: i, family: HELD_OUT_FAMILY });
  const target = Number(values.hours);
  const trainDir = join(root, 'train');
  let have = hours(readSplit(trainDir));
  const done = new Set(completeShards(trainDir));
  for (let i = 0; have < target; i++) {
    if (done.has(i)) continue;
    await makeShard({ ...common, split: 'train', index: i });
    have = hours(readSplit(trainDir));
    log(`train: ${have.toFixed(2)} of ${target} h`);
  }
  log(
    `done: train ${have.toFixed(2)} h, eval ${(hours(readSplit(join(root, 'eval'))) * 60).toFixed(1)} min`,
  );
  return 0;
}

runAsScript(import.meta.url, main);
