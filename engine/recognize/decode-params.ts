import {
  Alphabet,
  BeamSearchDecoder,
  Lexicon,
  NgramLm,
  parseArpa,
  type BeamResult,
  type BeamSearchOptions,
  type LexiconData,
  type NgramLmData,
} from 'ctc-decode-ts';
import {
  caseVariants,
  listedSpellings,
  modelSpellings,
  spellVocabulary,
  writeAsListed,
  type ListedSpellings,
  type VocabularyEntry,
} from './vocabulary';

/**
 * How one call decodes: the per-call knobs as a plain struct with defaults
 * (whisper.h's `whisper_full_params` style), small enough to cross a worker
 * boundary with every request. What the decoder decodes against (the LM and
 * the lexicon) is the model's, given apart as DecodeResources.
 */
export interface DecodeParams {
  /** 1 = greedy best path. */
  beamWidth: number;
  nbest: number;
  /** LM weight and word (or, under a character LM, character) insertion bonus. */
  alpha: number;
  beta: number;
  /**
   * 'open': words outside the lexicon are allowed at unkScoreOffset;
   * 'constrained': only lexicon words.
   */
  lexiconMode: 'open' | 'constrained';
  /** Open lexicon mode: added once per word that is not in the lexicon (natural log). */
  unkScoreOffset: number;
  /**
   * Added (natural log) at each space that ends a word: below 0 a word
   * insertion penalty, so that a model writing spaces keeps a word whole
   * rather than split into two.
   */
  delimiterScore: number;
  /**
   * Added (natural log) once to a word whose letters mix cases ("TaKE"),
   * unless the lexicon or a hotword spells it so; below 0 a word keeps one
   * case where the frames waver between capital and small letters that look
   * alike. A closed vocabulary's entries are never scored for it.
   */
  mixedCaseScore: number;
  /** Words or phrases to favour, with a boost each (natural log); they come out as written here. */
  hotwords: readonly { phrase: string; boost: number }[];
  /** Characters the output may use (e.g. "0123456789"), or null for all. */
  charset: string | null;
  /**
   * A closed vocabulary: only these words and phrases may be recognized (each
   * weight, natural log, added when its entry is), written as listed ("New
   * York" from a model without capitals), or null for any text. It
   * takes the place of the model's lexicon and word LM, as a grammar does: on
   * AN4's held-out speakers with the 96 AN4 words the LM knows, WER 10.8%
   * without the LM and 11.3% with it (and a word the LM lacks would score as
   * <unk>). A character LM stays and ranks the entries' spellings: on the
   * held-out UNIPEN words with the shipped list plus every test word listed,
   * ink-words read 86.34% without it and 88.08% with it.
   */
  vocabulary: readonly VocabularyEntry[] | null;
}

export function defaultDecodeParams(): DecodeParams {
  return {
    beamWidth: 16,
    nbest: 5,
    alpha: 0.5,
    beta: 1.0,
    lexiconMode: 'open',
    unkScoreOffset: -10,
    delimiterScore: 0,
    mixedCaseScore: 0,
    hotwords: [],
    charset: null,
    vocabulary: null,
  };
}

/**
 * What a decoder decodes against, as the text its files hold: a model's
 * language model and lexicon (model-package.ts reads them next to the model;
 * a batch job ships them to a queue worker).
 */
export interface DecodeResources {
  /** N-gram language model as ARPA text, or null. */
  lmArpa: string | null;
  /**
   * What the LM's tokens are: words (with the lexicon of its vocabulary unless
   * one is given), or characters (open vocabulary: spelling, not a word list).
   */
  lmUnit: 'word' | 'char';
  /**
   * Lexicon words, or null for none. Each word also matches as it is written at
   * the start of a sentence and in capitals (see caseVariants), and with the
   * punctuation written against words ("said," "(Tom"; ATTACHED_PUNCTUATION)
   * where the model's alphabet has those marks.
   */
  lexicon: readonly string[] | null;
}

export const NO_DECODE_RESOURCES: DecodeResources = Object.freeze({
  lmArpa: null,
  lmUnit: 'word',
  lexicon: null,
});

/**
 * DecodeResources parsed for a model's labels: the LM parsed and the lexicon
 * trie built once (seconds for a large word list), shared by every decoder.
 */
export interface PreparedResources {
  readonly alphabet: Alphabet;
  readonly lm: NgramLm | null;
  readonly lmUnit: 'word' | 'char';
  readonly lexicon: Lexicon | null;
}

export function prepareDecodeResources(
  labels: readonly string[],
  resources: DecodeResources,
): PreparedResources {
  const alphabet = new Alphabet(labels);
  const lm = resources.lmArpa ? parseArpa(resources.lmArpa) : null;
  // A word LM without a lexicon spells its own vocabulary (as the decoder would).
  const words =
    resources.lexicon !== null
      ? caseVariants(resources.lexicon)
      : lm !== null && resources.lmUnit === 'word'
        ? lm.words()
        : null;
  return {
    alphabet,
    lm,
    lmUnit: resources.lmUnit,
    lexicon: words === null ? null : new Lexicon(alphabet, words),
  };
}

/**
 * Prepared resources as plain data for other threads: the LM's and the
 * lexicon's tables on SharedArrayBuffers, which a worker reads in place
 * (adoptPreparedResources) instead of parsing and building its own copy
 * (for the words model's character LM and 109k-word lexicon: ~0.5 s of CPU,
 * a 55 MB peak, 21 MB kept).
 */
export interface SharedPreparedResources {
  readonly labels: readonly string[];
  readonly lm: NgramLmData | null;
  readonly lmUnit: 'word' | 'char';
  readonly lexicon: LexiconData | null;
}

/** Shares `prepared` (its tables move onto SharedArrayBuffers; it keeps working here). */
export function sharePreparedResources(prepared: PreparedResources): SharedPreparedResources {
  return {
    labels: prepared.alphabet.tokens,
    lm: prepared.lm?.share() ?? null,
    lmUnit: prepared.lmUnit,
    lexicon: prepared.lexicon?.share() ?? null,
  };
}

/** Resources another thread prepared and shared (sharePreparedResources), read in place. */
export function adoptPreparedResources(shared: SharedPreparedResources): PreparedResources {
  const alphabet = new Alphabet(shared.labels);
  return {
    alphabet,
    lm: shared.lm && NgramLm.fromShared(shared.lm),
    lmUnit: shared.lmUnit,
    lexicon: shared.lexicon && Lexicon.fromShared(alphabet, shared.lexicon),
  };
}

/** Expands a charset spec like "0-9", "A-Z", "a-z0-9", "abc" into its characters. */
export function expandCharset(spec: string): string {
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const from = spec.charCodeAt(i);
      const to = spec.charCodeAt(i + 2);
      if (to < from) throw new RangeError(`charset range ${spec.slice(i, i + 3)} runs backwards`);
      for (let c = from; c <= to; c++) out += String.fromCharCode(c);
      i += 2;
    } else out += spec[i];
  }
  return [...new Set(out)].join('');
}

const isPrepared = (r: DecodeResources | PreparedResources): r is PreparedResources =>
  'alphabet' in r;

/**
 * Builds the beam-search decoder of `params` against a model's resources
 * (prepared once, or as text: then parsed for this decoder alone).
 */
export function createDecoder(
  labels: readonly string[],
  params: DecodeParams,
  resources: DecodeResources | PreparedResources = NO_DECODE_RESOURCES,
): BeamSearchDecoder {
  const prepared = isPrepared(resources) ? resources : prepareDecodeResources(labels, resources);
  const alphabet = prepared.alphabet;
  if (alphabet.size !== labels.length) {
    throw new RangeError('the decode resources were prepared for another model');
  }
  const vocabulary =
    params.vocabulary === null ? null : spellVocabulary(alphabet.tokens, params.vocabulary);
  // Vocabulary entries and hotwords come out as listed ("New York", "iPhone").
  const respell = listedSpellings(alphabet.tokens, [
    ...(params.vocabulary ?? []),
    ...params.hotwords.map(({ phrase }) => ({ phrase, weight: 0 })),
  ]);
  const hotwords = modelSpellings(
    alphabet.tokens,
    params.hotwords.map((h) => h.phrase),
  );
  const options: BeamSearchOptions = {
    beamWidth: params.beamWidth,
    nbest: params.nbest,
    // A character LM stays behind a vocabulary: it knows spelling, not words, so it
    // ranks the listed entries as it ranks any text (a word LM would score them <unk>).
    lm: vocabulary === null || prepared.lmUnit === 'char' ? prepared.lm : null,
    lmUnit: prepared.lmUnit,
    alpha: params.alpha,
    beta: params.beta,
    lexicon: vocabulary === null ? prepared.lexicon : null,
    lexiconPunctuation: attachedMarks(alphabet.tokens),
    vocabulary,
    lexiconMode: params.lexiconMode,
    unkScoreOffset: params.unkScoreOffset,
    delimiterScore: params.delimiterScore,
    // The vocabulary's entries are spelled as listed ("iPhone").
    mixedCaseScore: vocabulary === null ? params.mixedCaseScore : 0,
    hotwords: params.hotwords.map((h, i) => ({ phrase: hotwords[i]!, weight: h.boost })),
  };
  if (params.charset !== null) {
    const allowed = expandCharset(params.charset);
    const tokens = alphabet.tokens
      .map((t, i) => (i !== alphabet.blank && [...t].every((ch) => allowed.includes(ch)) ? i : -1))
      .filter((i) => i >= 0);
    if (tokens.length === 0)
      throw new RangeError(`charset "${params.charset}" allows none of the model's characters`);
    options.allowedTokens = tokens;
  }
  const decoder = new BeamSearchDecoder(alphabet, options);
  if (respell) LISTED_SPELLINGS.set(decoder, respell);
  return decoder;
}

/**
 * Marks written against a word, before or after it, that leave it a lexicon
 * word ("said," "(Tom"). The apostrophe is not one: inside a word it is
 * spelling ("it's"). Words cut from sentences carry them: on the held-out
 * UNIPEN words, ink-words stage 3 read 84.98% -> 85.30% with its word list (28
 * gained, 4 lost); with every test word listed, where the marked forms are
 * listed already, 87.45% -> 87.35% (docs/experiments/ink-words-decoding.md).
 */
export const ATTACHED_PUNCTUATION = { leading: '"([', trailing: ',.;:!?")]' };

/** The attached marks a model's alphabet has. */
function attachedMarks(tokens: readonly string[]): { leading: string; trailing: string } {
  const has = (marks: string) => [...marks].filter((c) => tokens.includes(c)).join('');
  return {
    leading: has(ATTACHED_PUNCTUATION.leading),
    trailing: has(ATTACHED_PUNCTUATION.trailing),
  };
}

/** Decoders of a vocabulary the model spells otherwise than listed, and how to write it back. */
const LISTED_SPELLINGS = new WeakMap<BeamSearchDecoder, ListedSpellings>();

/**
 * The beams of `decoder` with the words of its vocabulary written as the user
 * listed them ("New York", "iPhone" from a model without capitals); as they
 * are for any other decoder.
 */
export function asListed(decoder: BeamSearchDecoder, beams: BeamResult[]): BeamResult[] {
  const spellings = LISTED_SPELLINGS.get(decoder);
  if (!spellings) return beams;
  const text = (t: string) =>
    writeAsListed(
      spellings,
      t.split(' ').map((word) => ({ word })),
      (_, word) => ({ word }),
    )
      .map((w) => w.word)
      .join(' ');
  return beams.map((b) => ({
    ...b,
    text: b.text && text(b.text),
    // A phrase written in other words than said: each spans all the words said.
    words: writeAsListed(spellings, b.words, (said, word) => ({
      word,
      startFrame: said[0]!.startFrame,
      endFrame: said.at(-1)!.endFrame,
      confidence: Math.min(...said.map((w) => w.confidence)),
    })),
  }));
}

/**
 * Decoders of one model's prepared resources by their knobs, for a host that
 * recognizes one request at a time: requests with the same knobs share one
 * (the key is the knobs' few hundred bytes, never the LM or the word list).
 * Keeps the `size` most recently used.
 */
export function createDecoderCache(
  labels: readonly string[],
  resources: PreparedResources = prepareDecodeResources(labels, NO_DECODE_RESOURCES),
  size = 4,
): (params: DecodeParams) => BeamSearchDecoder {
  const decoders = new Map<string, BeamSearchDecoder>();
  return (params) => {
    const key = knobsKey(params);
    let decoder = decoders.get(key);
    if (decoder) decoders.delete(key);
    else decoder = createDecoder(labels, params, resources);
    decoders.set(key, decoder);
    if (decoders.size > size) decoders.delete(decoders.keys().next().value!);
    return decoder;
  };
}

/** The knobs as a cache key: every field, in a fixed order (keys sorted). */
export function knobsKey(params: DecodeParams): string {
  const fields = params as unknown as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k]]),
  );
}
