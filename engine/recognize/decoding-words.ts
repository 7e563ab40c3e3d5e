// The words a decoder decodes against (its lexicon, else its word LM's
// vocabulary), read from the resources as text without building the LM: what
// a word outside them is judged by (unsure-words.ts) and what "What can I
// say?" lists.
import type { DecodeResources } from './decode-params';

const SPECIAL = new Set(['<s>', '</s>', '<unk>']);

/** The words of an ARPA file's unigram section (without <s>, </s>, <unk>). */
export function arpaVocabulary(arpa: string): string[] {
  const start = arpa.indexOf('\\1-grams:');
  if (start < 0) throw new Error('not an ARPA language model: no \\1-grams: section');
  const words: string[] = [];
  for (const line of arpa.slice(start).split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('\\')) break;
    if (fields[1] !== undefined && !SPECIAL.has(fields[1])) words.push(fields[1]);
  }
  return words;
}

/**
 * The words a decoder with these resources writes from a list: the lexicon,
 * else a word LM's vocabulary (as prepareDecodeResources builds it); null for
 * neither (a character LM spells, it lists no words).
 */
export function decodingWords(resources: DecodeResources): readonly string[] | null {
  if (resources.lexicon !== null) return resources.lexicon;
  return resources.lmArpa !== null && resources.lmUnit === 'word'
    ? arpaVocabulary(resources.lmArpa)
    : null;
}
