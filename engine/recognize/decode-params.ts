import {
  Alphabet,
  BeamSearchDecoder,
  Lexicon,
  parseArpa,
  type BeamSearchOptions,
  type LanguageModel,
} from 'ctc-decode-ts';

/**
 * How a recognizer decodes, as a plain struct with defaults (whisper.h's
 * `whisper_full_params` style). Resources are given as text so the struct can
 * cross a worker boundary; they are parsed once per decoder.
 */
export interface DecodeParams {
  /** 1 = greedy best path. */
  beamWidth: number;
  nbest: number;
  /** N-gram language model as ARPA text, or null. */
  lmArpa: string | null;
  /**
   * What the LM's tokens are: words (with the lexicon of its vocabulary unless
   * one is given), or characters (open vocabulary: spelling, not a word list).
   */
  lmUnit: 'word' | 'char';
  /** LM weight and word insertion bonus. */
  alpha: number;
  beta: number;
  /**
   * Lexicon words, or null for none. Each word also matches as it is written at
   * the start of a sentence and in capitals (see withCaseVariants).
   */
  lexicon: readonly string[] | null;
  lexiconMode: 'open' | 'constrained';
  /** Open lexicon mode: added once per word that is not in the lexicon (natural log). */
  unkScoreOffset: number;
  /** Words or phrases to favour, with a boost each (natural log). */
  hotwords: readonly { phrase: string; boost: number }[];
  /** Characters the output may use (e.g. "0123456789"), or null for all. */
  charset: string | null;
}

export function defaultDecodeParams(): DecodeParams {
  return {
    beamWidth: 16,
    nbest: 5,
    lmArpa: null,
    lmUnit: 'word',
    alpha: 0.5,
    beta: 1.0,
    lexicon: null,
    lexiconMode: 'open',
    unkScoreOffset: -10,
    hotwords: [],
    charset: null,
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

/**
 * The words and their usual case variants: a lower-case word also Capitalised
 * and in UPPER CASE, a Capitalised one also in UPPER CASE ("the" → "The", "THE";
 * "Paris" → "PARIS"). Other spellings ("iPhone") stay as listed. Variants a
 * model cannot spell (a speech model has no capitals) are left out by the Lexicon.
 */
export function withCaseVariants(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    const rest = w.slice(1);
    if (rest !== rest.toLowerCase()) continue;
    const capital = w.charAt(0).toUpperCase() + rest;
    if (w === w.toLowerCase()) out.add(capital);
    if (w === w.toLowerCase() || w === capital) out.add(w.toUpperCase());
  }
  return [...out];
}

/** Builds the beam-search decoder of `params` for a model with these output labels. */
export function createDecoder(labels: readonly string[], params: DecodeParams): BeamSearchDecoder {
  const alphabet = new Alphabet(labels);
  let lm: LanguageModel | null = null;
  if (params.lmArpa) lm = parseArpa(params.lmArpa);
  const options: BeamSearchOptions = {
    beamWidth: params.beamWidth,
    nbest: params.nbest,
    lm,
    lmUnit: params.lmUnit,
    alpha: params.alpha,
    beta: params.beta,
    lexicon: params.lexicon ? new Lexicon(alphabet, withCaseVariants(params.lexicon)) : null,
    lexiconMode: params.lexiconMode,
    unkScoreOffset: params.unkScoreOffset,
    hotwords: params.hotwords.map((h) => ({ phrase: h.phrase, weight: h.boost })),
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
  return new BeamSearchDecoder(alphabet, options);
}

/**
 * Decoders by their parameters, for a host that recognizes one request at a
 * time with the same model: building one parses the LM and the lexicon trie
 * (seconds for a large word list), so requests with the same parameters share
 * one. Keeps the `size` most recently used.
 */
export function createDecoderCache(
  labels: readonly string[],
  size = 4,
): (params: DecodeParams) => BeamSearchDecoder {
  const decoders = new Map<string, BeamSearchDecoder>();
  return (params) => {
    const key = JSON.stringify(params);
    let decoder = decoders.get(key);
    if (decoder) decoders.delete(key);
    else decoder = createDecoder(labels, params);
    decoders.set(key, decoder);
    if (decoders.size > size) decoders.delete(decoders.keys().next().value!);
    return decoder;
  };
}
