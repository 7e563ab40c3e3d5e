// Which speech model recognizes a request (issue 19: a domain model and a
// broad one ship side by side, and the app picks by task and says so). A model
// asked for by name always wins. Otherwise the default (active) speech model
// recognizes, unless a closed vocabulary is set with words outside its domain
// (its word list) and a broad speech model is installed: then the broad model
// does, and the note says why. The CLI (transcribe, eval speech), the app's
// back end and the API all decide here.
import { domainWords } from './model-domain';
import { activeModel, listModels, type ModelEntry, type ModelRole } from './model-store';

/** The part of the model store a choice reads. */
export interface ModelLookup {
  activeModel(role: ModelRole): ModelEntry | undefined;
  listModels(): ModelEntry[];
}

export interface SpeechModelChoice {
  /** The model that recognizes. */
  entry: ModelEntry;
  /** The default model and the listed words outside its domain, when they matter (else null). */
  outsideDomain: { model: ModelEntry; words: string[] } | null;
  /**
   * Said plainly to the user when the choice is not simply the default: the
   * broad model used instead, or the default kept though words of the list
   * are outside its domain (no broad model installed). Null otherwise.
   */
  note: string | null;
}

/** Words named in a note at most; the rest are counted. */
const NAMED = 5;

const listed = (words: string[]) =>
  words.length <= NAMED
    ? words.join(', ')
    : `${words.slice(0, NAMED).join(', ')} and ${words.length - NAMED} more`;

/** A model declared broad (its entry's `broad`): a dictionary it prefers, not a list it is limited to. */
const declaredBroad = (m: ModelEntry) => m.role === 'speech' && m.broad === true;

/** The vocabulary's words (each word of each phrase, lower case) that `words` lacks, in list order. */
export function wordsOutside(
  vocabulary: readonly { phrase: string }[],
  words: readonly string[],
): string[] {
  const known = new Set(words.map((w) => w.toLowerCase()));
  const outside = vocabulary
    .flatMap((e) => e.phrase.toLowerCase().split(/\s+/))
    .filter((w) => w !== '' && !known.has(w));
  return [...new Set(outside)];
}

/**
 * The speech model for a request: `requested` (the user's explicit choice)
 * as it is; else the default speech model, or an installed broad one when
 * the closed `vocabulary` has words outside the default's domain. Undefined
 * when no speech model is installed and none was requested. Hotwords never
 * change the choice (they only prefer words): without a vocabulary, hotwords
 * a domain model will hardly write are noted.
 */
export function chooseSpeechModel(
  request: {
    requested: ModelEntry | null;
    vocabulary: readonly { phrase: string }[] | null;
    hotwords?: readonly string[];
  },
  store: ModelLookup = { activeModel, listModels },
): SpeechModelChoice | undefined {
  const choice = chooseByVocabulary(request, store);
  if (!choice || choice.note !== null || request.vocabulary || !request.hotwords?.length)
    return choice;
  return { ...choice, note: hotwordsNote(choice.entry, request.hotwords, store) };
}

/**
 * Hotwords outside a domain model's words: it writes its own words, so a
 * bonus rarely brings them out ("zebra" stays "seven" for speech-en even at
 * boost 10). Says what does; null when they are inside or the model is broad.
 */
function hotwordsNote(
  entry: ModelEntry,
  hotwords: readonly string[],
  store: ModelLookup,
): string | null {
  const words = entry.broad === true ? null : domainWords(entry);
  if (words === null) return null;
  const outside = wordsOutside(
    hotwords.map((phrase) => ({ phrase })),
    words,
  );
  if (outside.length === 0) return null;
  const broad = store.listModels().find(declaredBroad);
  return `Hotwords outside ${entry.name}'s domain (${listed(outside)}) will rarely come out: it writes the words of its own list. Put them in a vocabulary${broad ? `, or use ${broad.name}` : ''}.`;
}

/**
 * The model asked for, as it is; said plainly when the vocabulary has words
 * outside its domain (they may come out as others).
 */
function chosen(
  entry: ModelEntry,
  vocabulary: readonly { phrase: string }[] | null,
): SpeechModelChoice {
  const words = vocabulary && entry.broad !== true ? domainWords(entry) : null;
  const outside = vocabulary && words ? wordsOutside(vocabulary, words) : [];
  if (outside.length === 0) return { entry, outsideDomain: null, note: null };
  return {
    entry,
    outsideDomain: { model: entry, words: outside },
    note: `Using ${entry.name} as chosen, though your list has words outside its domain (${listed(outside)}): those words may come out as others.`,
  };
}

function chooseByVocabulary(
  request: {
    requested: ModelEntry | null;
    vocabulary: readonly { phrase: string }[] | null;
  },
  store: ModelLookup,
): SpeechModelChoice | undefined {
  if (request.requested) return chosen(request.requested, request.vocabulary);
  const fallback = store.activeModel('speech');
  if (!fallback) return undefined;
  const plain = { entry: fallback, outsideDomain: null, note: null };
  if (!request.vocabulary || fallback.broad === true) return plain;
  const words = domainWords(fallback);
  // A model without a word list spells what it hears: it has no domain words to fall outside.
  if (words === null) return plain;
  const outside = wordsOutside(request.vocabulary, words);
  if (outside.length === 0) return plain;
  const outsideDomain = { model: fallback, words: outside };
  const because = `your list has words outside ${fallback.name}'s domain (${listed(outside)})`;
  // (Never the default itself: that one is not declared broad.)
  const broad = store.listModels().find(declaredBroad);
  if (!broad)
    return {
      entry: fallback,
      outsideDomain,
      note: `Using ${fallback.name}, though ${because}: no broad speech model is installed, so those words may come out as others.`,
    };
  return { entry: broad, outsideDomain, note: `Using ${broad.name}: ${because}.` };
}
