/**
 * Builds the broad speech model's English word LM and its lexicon (issue 19,
 * item 4) with ctc-decode-ts's trainNgramLm (modified Kneser-Ney), the same
 * way on any machine with Debian's word lists and WordNet (see english-lm.ts):
 *
 * Usage: USAGE below (`--help` prints it).
 *
 * --min-count C leaves out every n-gram of order 2 and above seen fewer than C
 * times (trainNgramLm's minCounts), which sizes the ARPA file.
 *
 * Writes DIR/english.<order>gram.arpa, DIR/english.txt (the lexicon: every
 * word of the LM), DIR/english.LICENSE (the notices of the word lists and
 * WordNet, which must travel with the LM) and DIR/english.json (sources,
 * counts, sizes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { trainNgramLm } from 'ctc-decode-ts';
import { seededRandom } from '../../engine/index';
import { writeFileAtomic } from '../../engine/node/index';
import { exitWithUsage, parseScriptArgs } from '../script-args';
import { englishLmText } from './english-lm';
import { loadWordLists } from './generate';
import { runAsScript } from './script';

const WORDNET_DIR = '/usr/share/wordnet';
const WORDNET_FILES = ['data.noun', 'data.verb', 'data.adj', 'data.adv'];
/** Debian's copyright files of the text's sources. */
const NOTICES = ['wamerican', 'wbritish', 'wordnet-base'].map(
  (p) => `/usr/share/doc/${p}/copyright`,
);

/** The settings of the shipped LM (docs/experiments/speech-broad.md, "Open dictation"). */
export const ENGLISH_LM = { order: 3, minCount: 3, generated: 60000, seed: 19, wordNet: true };

/** The sources' notices, one after the other: the LM's licence file, which ships with it. */
export function englishLmLicense(wordNet: boolean): string {
  return NOTICES.filter((p) => (wordNet || !p.includes('wordnet')) && existsSync(p))
    .map((p) => `==> ${p} <==\n${readFileSync(p, 'utf8')}`)
    .join('\n');
}

function readWordNet(): string[] {
  const paths = WORDNET_FILES.map((f) => join(WORDNET_DIR, f));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length)
    throw new Error(`WordNet not found (${missing.join(', ')}): apt install wordnet-base`);
  return paths.map((p) => readFileSync(p, 'utf8'));
}

export function buildEnglishLm(o: {
  order: number;
  minCount: number;
  generated: number;
  seed: number;
  wordNet: boolean;
}) {
  const text = englishLmText({
    wordNet: o.wordNet ? readWordNet() : [],
    lists: loadWordLists(),
    generated: o.generated,
    rng: seededRandom(o.seed),
  });
  const arpa = trainNgramLm(text.sentences, o.order, {
    smoothing: 'kneser-ney',
    minCounts: Array.from({ length: o.order - 1 }, () => o.minCount),
  }).toArpa();
  const lexicon = [...new Set(text.sentences.flat())].sort();
  return { arpa, lexicon, counts: text.counts };
}

const USAGE = `usage: npx tsx scripts/speech-corpus/build-english-lm.ts --out DIR
    [--order 3] [--min-count 3] [--generated 60000] [--seed 19] [--no-wordnet]`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseScriptArgs(
    USAGE,
    {
      out: { type: 'string' },
      order: { type: 'string', default: String(ENGLISH_LM.order) },
      'min-count': { type: 'string', default: String(ENGLISH_LM.minCount) },
      generated: { type: 'string', default: String(ENGLISH_LM.generated) },
      seed: { type: 'string', default: String(ENGLISH_LM.seed) },
      'no-wordnet': { type: 'boolean', default: false },
    },
    { args: argv },
  );
  if (!values.out) exitWithUsage(USAGE, '--out is required');
  const settings = {
    order: Number(values.order),
    minCount: Number(values['min-count']),
    generated: Number(values.generated),
    seed: Number(values.seed),
    wordNet: !values['no-wordnet'],
  };
  for (const [k, v] of Object.entries(settings))
    if (typeof v === 'number' && !(Number.isInteger(v) && v >= 0))
      throw new Error(`--${k} must be a whole number, got ${String(v)}`);
  const out = resolve(values.out);
  const { arpa, lexicon, counts } = buildEnglishLm(settings);
  const arpaFile = join(out, `english.${settings.order}gram.arpa`);
  writeFileAtomic(arpaFile, arpa);
  writeFileAtomic(join(out, 'english.txt'), `${lexicon.join('\n')}\n`);
  writeFileAtomic(join(out, 'english.LICENSE'), englishLmLicense(settings.wordNet));
  const header = arpa.slice(0, arpa.indexOf('\n\n', arpa.indexOf('ngram 1=')));
  const summary = {
    ...settings,
    sentences: counts,
    lexiconWords: lexicon.length,
    arpaBytes: Buffer.byteLength(arpa),
    ngrams: [...header.matchAll(/ngram (\d+)=(\d+)/g)].map((m) => Number(m[2])),
  };
  writeFileAtomic(join(out, 'english.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary));
  return 0;
}

runAsScript(import.meta.url, main);
