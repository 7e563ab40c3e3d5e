// What a model fine-tuned from a base keeps for decoding (issue 19: any
// speech model, including a fine-tuned one): the base's word LM, lexicon,
// character LM, charset, `broad` and tuned `decode` knobs, and a domain said
// from the base's. Fine-tuning keeps the base's alphabet (trainOnData refuses
// labels the base cannot write), so the base's word files spell in the new
// model's labels too. Two things may still not fit the training data, and are
// made to here:
// - the charset (an output filter, e.g. "0-9") may leave out characters of
//   the labels: it is widened by them;
// - the labels may hold words outside the base's words (its lexicon, else its
//   word LM's vocabulary): the open lexicon takes unkScoreOffset off each such
//   word, so the model would hardly write the words it was taught; they join
//   the base's words in a lexicon of the model's own.
// Files of the shipped assets are referenced; a file of a user model is
// copied next to the new model, so that each user model owns its files.
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { expandCharset } from '../../../recognize/decode-params';
import { isInside } from '../../io/path-inside';
import { writeFileAtomic } from '../../io/write-atomic';
import { modelDomain } from '../models/model-domain';
import { assetsDir, type ModelEntry } from '../models/model-store';

/** The fields of a fine-tuned model's registry entry that it takes from its base. */
export type FineTunedDecoding = Pick<
  ModelEntry,
  'lm' | 'lexicon' | 'charLm' | 'charset' | 'broad' | 'decode' | 'domain'
>;

/** How many data sources a domain names; the rest are counted. */
const NAMED_SOURCES = 3;

/** The data of a run as a domain names it: dataset names or file names without extension. */
function sourceNames(data: readonly string[]): string {
  const names = [...new Set(data.map((d) => basename(d, extname(d)) || d))];
  return names.length <= NAMED_SOURCES
    ? names.join(', ')
    : `${names.slice(0, NAMED_SOURCES).join(', ')} and ${names.length - NAMED_SOURCES} more`;
}

/**
 * `charset` widened by the characters of `labels` it leaves out (the base's
 * spec kept when it reads right with them appended; else every character
 * spelled out, '-' first so that it is never read as a range).
 */
export function widenCharset(charset: string, labels: readonly string[]): string {
  const allowed = expandCharset(charset);
  const extra = [...new Set(labels.join(''))].filter((c) => !allowed.includes(c)).sort();
  if (extra.length === 0) return charset;
  const want = new Set([...allowed, ...extra]);
  const appended = `${charset}${extra.join('')}`;
  const read = expandCharset(appended);
  if (read.length === want.size && [...read].every((c) => want.has(c))) return appended;
  return [...want].sort((a, b) => Number(b === '-') - Number(a === '-')).join('');
}

/** The words of `labels` (split at white space) that `words` lacks, as listed or lower-cased. */
function newWords(labels: readonly string[], words: readonly string[]): string[] {
  const known = new Set(words);
  const fresh = labels
    .flatMap((l) => l.split(/\s+/))
    .filter((w) => w !== '' && !known.has(w) && !known.has(w.toLowerCase()));
  return [...new Set(fresh)].sort();
}

/**
 * What a model fine-tuned from `base` decodes with (see the file comment).
 * `labels` are the run's transcripts (training and validation), `out` the new
 * model's .vbm: files of its own are written next to it (OUT.lexicon.txt,
 * OUT.lm.arpa, OUT.char-lm.arpa).
 */
export function fineTunedDecoding(
  base: ModelEntry,
  run: { labels: readonly string[]; data: readonly string[]; out: string },
): FineTunedDecoding {
  const stem = resolve(run.out).replace(/\.vbm$/i, '');
  const own = (path: string | undefined, suffix: string): string | undefined => {
    if (path === undefined || isInside(path, assetsDir)) return path;
    const copy = `${stem}.${suffix}`;
    if (resolve(path) !== copy) writeFileAtomic(copy, readFileSync(path));
    return copy;
  };
  const { description, words } = modelDomain(base);
  const added = words === null ? [] : newWords(run.labels, words);
  const lexicon =
    added.length > 0
      ? writeLexicon(`${stem}.lexicon.txt`, base, [...words!, ...added])
      : own(base.lexicon, 'lexicon.txt');
  const decoding: FineTunedDecoding = {
    lm: own(base.lm, 'lm.arpa'),
    lexicon,
    charLm: own(base.charLm, 'char-lm.arpa'),
    charset: base.charset === undefined ? undefined : widenCharset(base.charset, run.labels),
    broad: base.broad,
    decode: base.decode,
    domain: `${base.name} fine-tuned on ${sourceNames(run.data)}${description ? `: ${description}` : ''}`,
  };
  return Object.fromEntries(
    Object.entries(decoding).filter(([, v]) => v !== undefined),
  ) as FineTunedDecoding;
}

function writeLexicon(path: string, base: ModelEntry, words: string[]): string {
  const from = base.lexicon ? 'lexicon' : 'word LM';
  const text = `# the words of ${base.name}'s ${from} and of the fine-tuning transcripts\n${[...new Set(words)].join('\n')}\n`;
  writeFileAtomic(path, text);
  return path;
}
