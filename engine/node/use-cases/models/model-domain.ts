// What a model recognizes, for "What can I say?": its domain in words for
// people and the words it decodes against (its lexicon, or its word LM's
// vocabulary), and whether it is a broad model of English, for which those
// words are a dictionary it prefers rather than all it can write. Read from
// the model entry, the .vbm's header and the word files (no network is built).
import { readModelFileHeader } from '../../io/model-files';
import { decodingWordsFor, type ModelEntry, type ModelSource } from './model-store';

export interface ModelDomain {
  /** What the model handles, e.g. "spelled letters, digits, dates and short commands". */
  description: string;
  /**
   * The words it decodes against: its lexicon, else its word LM's vocabulary
   * (the decoder's word list then); null when it has neither and spells what it hears.
   */
  words: string[] | null;
  /**
   * A broad model of English: its words (if any) come first, and a word
   * outside them is spelled as heard. False for a domain model, whose list is
   * what it writes. The entry's `broad`, else true exactly when it has no words.
   */
  broad: boolean;
}

/**
 * The domain of a model: the entry's `domain`, else the one its file's header
 * carries (training.domain, kept by a fine-tuned model), else its description.
 */
export function modelDomain(entry: ModelEntry): ModelDomain {
  let description = entry.domain;
  if (description === undefined) {
    const fromHeader = readModelFileHeader(entry.path).training?.domain;
    description = typeof fromHeader === 'string' ? fromHeader : (entry.description ?? '');
  }
  const words = domainWords(entry);
  return { description, words, broad: entry.broad ?? words === null };
}

/**
 * The words a model decodes against: its lexicon, else its word LM's
 * vocabulary (sorted: an LM lists its words by n-gram order); null for neither.
 */
export function domainWords(entry: ModelSource): string[] | null {
  const words = decodingWordsFor(entry);
  return words && (entry.lexicon ? [...words] : [...words].sort());
}
