// What a model recognizes, for "What can I say?": its domain in words for
// people and, for a model that decodes against a word list, the words. Read
// from the model entry and the .vbm's header alone (no network is built).
import { readModelFileHeader } from '../../io/model-files';
import { readWordList, type ModelEntry } from './model-store';

export interface ModelDomain {
  /** What the model handles, e.g. "spelled letters, digits, dates and short commands". */
  description: string;
  /** The words it writes (its lexicon), or null for a broad model that spells any word. */
  words: string[] | null;
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
  return { description, words: entry.lexicon ? readWordList(entry.lexicon) : null };
}
