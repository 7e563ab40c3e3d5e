/**
 * CTC prefix beam search (Hannun et al. 2014, "First-pass large vocabulary
 * continuous speech recognition using bi-directional recurrent DNNs"; the
 * decoder of DeepSpeech, pyctcdecode and flashlight) with a lexicon trie,
 * a closed vocabulary (grammar), a word or character n-gram LM, hotwords, a
 * token mask, timestamps and streaming.
 *
 * Each prefix keeps two log-probabilities apart: pB (all alignments of the
 * prefix ending in blank) and pNB (ending in its last token), so that a
 * repeated token is merged unless a blank separates the repeats. Prefixes are
 * nodes of a tree; a node's context score (LM, word bonus, lexicon penalty,
 * vocabulary weights, hotword bonus) is computed once when the node is created, so a frame costs
 * O(beamWidth x candidate tokens) hash probes and no string work except at
 * word ends.
 */
import { Alphabet } from './alphabet.js';
import { HotwordTrie, type Hotword } from './hotwords.js';
import { CHAR_LM_SPACE, type LanguageModel } from './language-model.js';
import { Lexicon } from './lexicon.js';
import { logAddExp } from './log-math.js';
import { toTokenMask } from './token-mask.js';
import { TokenTrie } from './token-trie.js';
import { Vocabulary, type VocabularyEntry, type VocabularyStates } from './vocabulary.js';
import { ExactVocabulary } from './exact-vocabulary.js';
import { checkFinite, checkInteger, checkLogProbs, checkNumber } from './validate.js';
import { timedWords, type TokenTiming, type WordTiming } from './timed-words.js';

export type { TokenTiming, WordTiming } from './timed-words.js';

export interface BeamSearchOptions {
  /** Prefixes kept after every frame. Default 32. */
  beamWidth?: number;
  /** Drop prefixes scoring more than this (natural log, <= 0) below the best. Default -10. */
  beamPruneLogProb?: number;
  /** Per frame, tokens below this log-probability are not tried (the frame's best always is). Default -5. */
  tokenMinLogProb?: number;
  /** Number of results returned by end()/decode(). Default 1. */
  nbest?: number;
  /** Language model (e.g. an NgramLm from parseArpa or trainNgramLm). Default none. */
  lm?: LanguageModel | null;
  /** Whether `lm` scores words (at word ends) or characters (every token). Default 'word'. */
  lmUnit?: 'word' | 'char';
  /** LM weight: score += alpha * ln P_lm. Default 0.5. */
  alpha?: number;
  /** Insertion bonus per LM unit (word or character), applied with an LM only. Default 1.0. */
  beta?: number;
  /** Added once to a word that leaves the lexicon (open mode). Default -10. */
  unkScoreOffset?: number;
  /**
   * Added (natural log) each time a delimiter ends a word, on top of any LM
   * score and bonus: below 0 a word insertion penalty, which keeps a word
   * whole rather than split in two (flashlight's silScore). Default 0.
   */
  delimiterScore?: number;
  /**
   * Words to favour or allow. Default: the word LM's vocabulary when lmUnit is
   * 'word', else none.
   */
  lexicon?: Iterable<string> | Lexicon | null;
  /** 'open' penalises other words by unkScoreOffset; 'constrained' only produces lexicon words. Default 'open'. */
  lexiconMode?: 'open' | 'constrained';
  /**
   * A closed vocabulary: the only words and phrases that may be produced (a
   * phrase as its words in order), each with an optional weight added when it
   * is produced. Composes with the LM, lexicon and hotwords (which then only
   * rescore what the vocabulary allows). Given, the word LM's vocabulary is no
   * longer the default lexicon. Default none (any text).
   */
  vocabulary?: Iterable<string | VocabularyEntry> | Vocabulary | null;
  /**
   * A closed vocabulary alone (no LM, lexicon or hotwords) whose trie has at
   * most this many nodes plus entries is scored exactly at the end: every
   * entry said alone, and every text the beam found, by ln P(text) summed over
   * all its alignments plus its weights (see ExactVocabulary); results then
   * carry a posterior. 0 turns it off. Default 1500 (about 200 words: a frame
   * then costs ~4,500 log-additions, ~0.13 ms).
   */
  exactVocabularyLimit?: number;
  /**
   * Added (natural log) once to a word whose letters are cased otherwise than
   * all lower, Capitalised or all in CAPITALS ("TAke", "OpTOELECTRONIC"),
   * unless the lexicon or a hotword spells it so ("McDonald"). Letters parted
   * by other characters are judged run by run ("Coca-Cola", "ISN'T"). Below 0,
   * a word keeps one case where the frames waver between capital and small
   * letters that look alike (o/O, s/S, w/W). Default 0.
   */
  mixedCaseScore?: number;
  /**
   * Punctuation written against words: a lexicon word with any of the
   * `leading` characters before it (e.g. `"(`) or `trailing` ones after it
   * (e.g. `,.;:!?")`) still counts as a lexicon word ("said," and "(Tom").
   * Characters the lexicon spells inside words (an apostrophe) keep that role
   * where the trie goes on. A word LM scores the word with its marks. Default none.
   */
  lexiconPunctuation?: { leading?: string; trailing?: string };
  /** Words or phrases to boost; usable with or without LM and lexicon. Default none. */
  hotwords?: readonly (string | Hotword)[];
  /** Bonus (natural log) of a completed hotword without its own weight. Default 5. */
  hotwordWeight?: number;
  /** Tokens that may be emitted (indices or a 0/1 mask of length V); blank always may. Default all. */
  allowedTokens?: ArrayLike<number | boolean> | Iterable<number> | null;
}

export interface BeamResult {
  text: string;
  /** Total score: acoustic + alpha*LM + bonuses + penalties (natural log). */
  score: number;
  /** ln of the CTC probability of the token sequence (sum over its alignments kept by the beam). */
  acousticScore: number;
  tokens: TokenTiming[];
  words: WordTiming[];
  /**
   * With a vocabulary scored exactly (exactVocabularyLimit): P(this text |
   * frames) among every entry said alone and the beam's texts, weights as
   * log-priors. Absent otherwise.
   */
  posterior?: number;
}

/** Prefix.lexNode outside the trie: not a lexicon word, or a lexicon word followed by trailing marks. */
const OUT_OF_LEXICON = -1;
const AFTER_WORD = -2;

/** A prefix: one node of the prefix tree. */
class Prefix {
  /** Extensions by token; null marks an extension the lexicon forbids. */
  children: Map<number, Prefix | null> | null = null;
  pB = -Infinity;
  pNB = -Infinity;
  /** Accumulators for the frame being computed, valid when stamp is that frame. */
  nB = -Infinity;
  nNB = -Infinity;
  stamp = -1;
  /** Collection in which this prefix was last found alive. */
  mark = 0;
  /** Last frame after which this prefix was in the beam (-1: the start, -2: never). */
  kept = -2;
  score = -Infinity;
  /** First and last frame where the last token was the frame's most likely output (-1: none). */
  firstFrame = -1;
  lastFrame = -1;
  /** Frame where the last token's log-probability peaked. */
  peakFrame = 0;
  peakLogProb = -Infinity;
  // Context after this prefix.
  wordLen = 0;
  base = 0;
  ctx = 0;
  lmState = -1;
  lexNode = OUT_OF_LEXICON;
  /** Places in the closed vocabulary (null without one). */
  voc: VocabularyStates | null = null;
  hot: number[] | null = null;
  /** Upper bound of the hotword bonus one more token can add to ctx. */
  hotGain = 0;
  penalized = false;
  /** The case of the word's last run of letters (NO_LETTER ... MIXED_CASE). */
  caseRun = NO_LETTER;
  /** Whether the word mixes cases: NOT_MIXED, MIXED_KNOWN (the lexicon or a hotword may spell it) or MIXED_SCORED. */
  mixedCase = NOT_MIXED;

  constructor(
    readonly parent: Prefix | null,
    readonly token: number,
  ) {}
}

const byScore = (a: Prefix, b: Prefix) => b.score - a.score;

/** Frames between two collections of the prefix tree. */
const COLLECT_EVERY = 32;

export class BeamSearchDecoder {
  readonly alphabet: Alphabet;
  private readonly V: number;
  private readonly blank: number;
  private readonly delim: number;
  private readonly beamWidth: number;
  private readonly pruneLogProb: number;
  private readonly tokenMin: number;
  private readonly nbest: number;
  private readonly lm: LanguageModel | null;
  private readonly charLm: boolean;
  /**
   * A character LM that never saw CHAR_LM_SPACE (trained on single words,
   * each a sentence): a delimiter ends its sentence (</s>) and the next word
   * starts a new one (<s>), instead of scoring '<space>' as <unk>.
   */
  private readonly spaceEndsSentence: boolean;
  private readonly alpha: number;
  private readonly beta: number;
  private readonly unkOffset: number;
  private readonly delimScore: number;
  private readonly mixedCaseScore: number;
  /** Per token: SMALL_LETTER, CAPITAL_LETTER or 0 (no letter); null without a mixedCaseScore. */
  private readonly letterCase: Uint8Array | null;
  private readonly lexicon: TokenTrie | null;
  private readonly leadingMarks: Uint8Array;
  private readonly trailingMarks: Uint8Array;
  private readonly constrained: boolean;
  private readonly vocabulary: Vocabulary | null;
  /** Exact scoring of the vocabulary's entries (null: the beam's scores stand). */
  private readonly exact: ExactVocabulary | null;
  private readonly hotwords: HotwordTrie | null;
  private mask: Uint8Array;
  /** Upper bound of how much one token can raise a context score through LM and lexicon. */
  private readonly lmGain: number;
  /** Per token: the hotword bonus it can add when it starts a word (0 without hotwords). */
  private readonly startGain: Float64Array;

  private beams: Prefix[] | null = null;
  private frame = 0;
  private collections = 0;
  private readonly candidates: number[] = [];
  private readonly touched: Prefix[] = [];

  constructor(alphabet: Alphabet, options: BeamSearchOptions = {}) {
    if (!(alphabet instanceof Alphabet)) {
      throw new TypeError('alphabet must be an Alphabet (new Alphabet(tokens, { blank }))');
    }
    this.alphabet = alphabet;
    this.V = alphabet.size;
    this.blank = alphabet.blank;
    this.delim = alphabet.delimiterIndex;
    this.beamWidth = options.beamWidth ?? 32;
    checkInteger('options.beamWidth', this.beamWidth, 1);
    this.pruneLogProb = options.beamPruneLogProb ?? -10;
    checkNumber('options.beamPruneLogProb', this.pruneLogProb);
    if (this.pruneLogProb > 0) throw new RangeError('options.beamPruneLogProb must be <= 0');
    this.tokenMin = options.tokenMinLogProb ?? -5;
    checkNumber('options.tokenMinLogProb', this.tokenMin);
    this.nbest = options.nbest ?? 1;
    checkInteger('options.nbest', this.nbest, 1);
    this.alpha = options.alpha ?? 0.5;
    checkFinite('options.alpha', this.alpha);
    this.beta = options.beta ?? 1.0;
    checkFinite('options.beta', this.beta);
    this.unkOffset = options.unkScoreOffset ?? -10;
    checkFinite('options.unkScoreOffset', this.unkOffset);
    this.delimScore = options.delimiterScore ?? 0;
    checkFinite('options.delimiterScore', this.delimScore);
    this.mixedCaseScore = options.mixedCaseScore ?? 0;
    checkFinite('options.mixedCaseScore', this.mixedCaseScore);
    this.letterCase =
      this.mixedCaseScore === 0 ? null : Uint8Array.from(alphabet.tokens, letterCaseOf);

    const lm = options.lm ?? null;
    if (lm !== null && (typeof lm.score !== 'function' || typeof lm.initialState !== 'function')) {
      throw new TypeError(
        'options.lm must be a LanguageModel (e.g. parseArpa(text) or trainNgramLm(...))',
      );
    }
    const unit = options.lmUnit ?? 'word';
    if (unit !== 'word' && unit !== 'char') {
      throw new RangeError(`options.lmUnit must be 'word' or 'char', got ${String(unit)}`);
    }
    this.lm = lm;
    this.charLm = lm !== null && unit === 'char';
    this.spaceEndsSentence = lm !== null && unit === 'char' && !lm.hasWord(CHAR_LM_SPACE);

    const mode = options.lexiconMode ?? 'open';
    if (mode !== 'open' && mode !== 'constrained') {
      throw new RangeError(
        `options.lexiconMode must be 'open' or 'constrained', got ${String(mode)}`,
      );
    }
    let vocabulary = options.vocabulary ?? null;
    if (vocabulary !== null && !(vocabulary instanceof Vocabulary)) {
      if (typeof (vocabulary as Iterable<unknown>)[Symbol.iterator] !== 'function') {
        throw new TypeError('options.vocabulary must be an array of words/phrases or a Vocabulary');
      }
      vocabulary = new Vocabulary(alphabet, vocabulary);
    }
    if (vocabulary !== null && vocabulary.alphabet.size !== this.V) {
      throw new RangeError('options.vocabulary was built for a different alphabet');
    }
    this.vocabulary = vocabulary;
    let lexicon = options.lexicon ?? null;
    if (lexicon === null && lm !== null && !this.charLm && vocabulary === null)
      lexicon = lm.words();
    if (lexicon !== null && !(lexicon instanceof Lexicon)) lexicon = new Lexicon(alphabet, lexicon);
    if (lexicon !== null && lexicon.alphabet !== alphabet && lexicon.alphabet.size !== this.V) {
      throw new RangeError('options.lexicon was built for a different alphabet');
    }
    this.lexicon = lexicon?.trie ?? null;
    const marks = options.lexiconPunctuation ?? {};
    this.leadingMarks = this.markMask('leading', marks.leading);
    this.trailingMarks = this.markMask('trailing', marks.trailing);
    this.constrained = mode === 'constrained';
    if (this.constrained && this.lexicon === null && vocabulary === null) {
      throw new RangeError(
        "options.lexiconMode 'constrained' needs options.lexicon (or a word LM, or a vocabulary)",
      );
    }

    const hotwordWeight = options.hotwordWeight ?? 5;
    checkFinite('options.hotwordWeight', hotwordWeight);
    const hotwords = options.hotwords ?? [];
    if (!Array.isArray(hotwords)) throw new TypeError('options.hotwords must be an array');
    this.hotwords = hotwords.length > 0 ? new HotwordTrie(alphabet, hotwords, hotwordWeight) : null;

    const exactLimit = options.exactVocabularyLimit ?? 1500;
    checkInteger('options.exactVocabularyLimit', exactLimit, 0);
    this.exact =
      vocabulary !== null &&
      lm === null &&
      this.lexicon === null &&
      this.hotwords === null &&
      vocabulary.trie.nodeCount + vocabulary.size <= exactLimit
        ? new ExactVocabulary(vocabulary, alphabet)
        : null;

    // An LM unit adds alpha * ln P + beta <= beta (for alpha >= 0).
    // Completing a vocabulary entry adds its weight.
    this.lmGain =
      (lm === null ? 0 : this.alpha >= 0 ? Math.max(0, this.beta) : Infinity) +
      Math.max(0, this.unkOffset) +
      Math.max(0, this.delimScore) +
      Math.max(0, this.mixedCaseScore) +
      (vocabulary ? vocabulary.maxWeight : 0);

    this.startGain = new Float64Array(this.V);
    if (this.hotwords) {
      for (let c = 0; c < this.V; c++) {
        const n = this.hotwords.child(TokenTrie.ROOT, c);
        if (n >= 0) this.startGain[c] = Math.max(0, this.hotwords.partialBonus(n));
      }
    }

    this.mask = new Uint8Array(this.V).fill(1);
    this.setAllowedTokens(options.allowedTokens ?? null);
  }

  /** The tokens of a lexiconPunctuation string as a 0/1 mask; unknown characters are an error. */
  private markMask(which: string, marks: string | undefined): Uint8Array {
    const mask = new Uint8Array(this.V);
    if (marks === undefined) return mask;
    if (typeof marks !== 'string')
      throw new TypeError(`options.lexiconPunctuation.${which} must be a string`);
    for (const ch of marks) {
      const token = this.alphabet.indexOf(ch);
      if (token < 0 || token === this.blank || token === this.delim)
        throw new RangeError(
          `options.lexiconPunctuation.${which}: '${ch}' is not a token of the alphabet`,
        );
      mask[token] = 1;
    }
    return mask;
  }

  /** Restricts the tokens emitted from the next frame on (null: all). */
  setAllowedTokens(allowed: ArrayLike<number | boolean> | Iterable<number> | null): void {
    this.mask =
      allowed === null
        ? new Uint8Array(this.V).fill(1)
        : toTokenMask('allowedTokens', allowed, this.V, this.blank);
  }

  /** Starts a new utterance. */
  begin(): void {
    const root = new Prefix(null, -1);
    root.pB = 0;
    root.score = 0;
    root.lmState = this.lm ? this.lm.initialState() : -1;
    root.lexNode = this.lexicon ? TokenTrie.ROOT : OUT_OF_LEXICON;
    root.voc = this.vocabulary ? this.vocabulary.initial : null;
    root.kept = -1;
    root.hotGain = this.hotGainOf(root);
    this.beams = [root];
    this.frame = 0;
    this.exact?.begin();
  }

  /**
   * Consumes `frames` frames of log-probabilities, [frames, V] row-major with
   * V = alphabet.size. frames defaults to logProbs.length / V.
   */
  step(logProbs: Float32Array | Float64Array, frames?: number): void {
    if (this.beams === null) throw new Error('call begin() before step()');
    const V = this.V;
    if (!(logProbs instanceof Float32Array) && !(logProbs instanceof Float64Array)) {
      throw new TypeError(`logProbs must be a Float32Array [frames, V=${V}] of log-probabilities`);
    }
    if (frames === undefined && logProbs.length % V !== 0) {
      throw new RangeError(
        `logProbs has ${logProbs.length} values, not a whole number of frames of V=${V} (alphabet size)`,
      );
    }
    const n = frames ?? logProbs.length / V;
    checkInteger('frames', n, 0);
    checkLogProbs('logProbs', logProbs, n, V, `[frames=${n}, V=${V} (alphabet size)]`);
    if (logProbs.length !== n * V) {
      throw new RangeError(
        `logProbs has ${logProbs.length} values, expected [frames=${n}, V=${V} (alphabet size)] = ${n * V}`,
      );
    }
    for (let f = 0; f < n; f++) this.advance(logProbs, f * V);
  }

  /** Current best hypothesis, without end-of-utterance scoring (cheap). */
  partial(): BeamResult {
    if (this.beams === null) throw new Error('call begin() before partial()');
    const best = this.beams[0];
    return this.result(best, best.score);
  }

  /** Finishes the utterance: the N-best list, best first (empty if nothing is allowed). */
  end(): BeamResult[] {
    if (this.beams === null) throw new Error('call begin() before end()');
    const finals: BeamResult[] = [];
    for (const p of this.beams) {
      const score = this.finalScore(p);
      if (score > -Infinity) finals.push(this.result(p, score));
    }
    this.beams = null;
    // Prefixes that differ only by a trailing delimiter spell the same text:
    // one entry per text, its probability the sum, its details the best's.
    finals.sort((a, b) => b.score - a.score);
    const byText = new Map<string, BeamResult>();
    for (const r of finals) {
      const same = byText.get(r.text);
      if (same === undefined) byText.set(r.text, r);
      else {
        same.score = logAddExp(same.score, r.score);
        same.acousticScore = logAddExp(same.acousticScore, r.acousticScore);
      }
    }
    const texts = [...byText.values()];
    if (this.exact) return this.exact.finish(texts, this.nbest);
    return texts.sort((a, b) => b.score - a.score).slice(0, this.nbest);
  }

  /** begin() + step(logProbs, T) + end(). */
  decode(logProbs: Float32Array | Float64Array, T?: number): BeamResult[] {
    this.begin();
    this.step(logProbs, T);
    return this.end();
  }

  /** One frame of prefix beam search. */
  private advance(lp: Float32Array | Float64Array, off: number): void {
    const t = this.frame++;
    const { blank, mask, candidates, touched } = this;
    this.exact?.advance(lp, off, mask);
    candidates.length = 0;
    let best = -1;
    let bestLp = -Infinity;
    const lpBlank = lp[off + blank];
    for (let k = 0; k < this.V; k++) {
      if (k === blank || mask[k] === 0) continue;
      const x = lp[off + k];
      if (x > bestLp) {
        best = k;
        bestLp = x;
      }
      if (x >= this.tokenMin && x > -Infinity) candidates.push(k);
    }
    const delim = this.delim;
    if (best >= 0 && bestLp < this.tokenMin) candidates.push(best);
    const delimTried = delim >= 0 && candidates.includes(delim);
    // A token's run is taken to go on while it is the frame's most likely output.
    const frameBest = Math.max(bestLp, lpBlank);

    // Candidates in decreasing log-probability, so the loop below can stop early.
    candidates.sort((a, b) => lp[off + b] - lp[off + a]);

    // Pass 1: every beam continues unchanged (blank, or a repeat of its last
    // token). Those scores only grow afterwards, so the best of them, and the
    // beamWidth-th best when the beam is full, bound what survives this frame.
    touched.length = 0;
    const beams = this.beams!;
    let floor = -Infinity;
    let kth = Infinity;
    for (const b of beams) {
      this.touch(b, t);
      b.nB = logAddExp(b.pB, b.pNB) + lpBlank;
      if (b.token >= 0 && mask[b.token] === 1 && b.pNB > -Infinity) {
        // Repeat of the last token without a blank: same prefix.
        const x = lp[off + b.token];
        b.nNB = b.pNB + x;
        observe(b, t, x, frameBest);
      }
      if (delimTried && b.wordLen === 0) {
        // A delimiter at a word start (text start, or after a delimiter) adds
        // nothing to the text: its mass stays on this prefix.
        const x = lp[off + delim];
        b.nNB = logAddExp(b.nNB, (b.token === delim ? b.pB : logAddExp(b.pB, b.pNB)) + x);
        if (b.token === delim) observe(b, t, x, frameBest);
      }
      const stay = logAddExp(b.nB, b.nNB) + b.ctx;
      floor = Math.max(floor, stay);
      kth = Math.min(kth, stay);
    }
    const cutoff = Math.max(
      floor + this.pruneLogProb,
      beams.length >= this.beamWidth ? kth : -Infinity,
    );

    // Pass 2: extensions by one token. Skipped when even the largest possible
    // context gain cannot lift them to the cutoff (they would be pruned anyway).
    for (const b of beams) {
      const total = logAddExp(b.pB, b.pNB);
      const bound = total + b.ctx + this.lmGain + b.hotGain;
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i];
        const x = lp[off + c];
        if (bound + x < cutoff) break;
        if (c === delim && b.wordLen === 0) continue; // merged in pass 1
        // At a word start without a match in progress the hotword gain is
        // known per token: only a hotword starting with c can add anything.
        if (b.hot === null && bound - b.hotGain + this.startGain[c] + x < cutoff) continue;
        // The same token again is a new token only after a blank.
        const p = (c === b.token ? b.pB : total) + x;
        if (p === -Infinity) continue;
        const child = this.child(b, c);
        if (child === null) continue;
        const isBeam = child.kept === t - 1;
        if (!isBeam && p + child.ctx < cutoff) continue;
        if (!isBeam && child.stamp !== t) {
          // (Re)entering the beam: timings start afresh.
          child.firstFrame = child.lastFrame = -1;
          child.peakLogProb = -Infinity;
        }
        observe(child, t, x, frameBest);
        this.touch(child, t);
        child.nNB = logAddExp(child.nNB, p);
      }
    }

    for (const p of touched) {
      p.pB = p.nB;
      p.pNB = p.nNB;
      p.score = logAddExp(p.pB, p.pNB) + p.ctx;
    }
    touched.sort(byScore);
    const threshold = touched[0].score + this.pruneLogProb;
    const kept: Prefix[] = [];
    for (const p of touched) {
      if (kept.length === this.beamWidth || !(p.score > -Infinity && p.score >= threshold)) break;
      p.kept = t;
      kept.push(p);
    }
    if (kept.length === 0) kept.push(touched[0]); // every prefix impossible: keep one to stay defined
    if (this.vocabulary && !kept.some((p) => this.mayEnd(p))) {
      // Every kept prefix is inside an entry (say "five" of "five three" while
      // the speaker goes on with "two"), and none might complete: keep the best
      // prefix that may end as well, so the utterance still reads as entries.
      const fallback = touched.find((p) => p.score > -Infinity && this.mayEnd(p));
      if (fallback) {
        fallback.kept = t;
        kept.push(fallback);
      }
    }
    this.beams = kept;
    if ((t + 1) % COLLECT_EVERY === 0) this.collect();
  }

  /** Whether the vocabulary lets the text end after p. */
  private mayEnd(p: Prefix): boolean {
    return this.vocabulary!.finalBonus(p.voc!) > -Infinity;
  }

  private touch(p: Prefix, t: number): void {
    if (p.stamp !== t) {
      p.stamp = t;
      p.nB = -Infinity;
      p.nNB = -Infinity;
      this.touched.push(p);
    }
  }

  /**
   * Forgets prefixes that are neither a live beam, nor an ancestor of one,
   * nor a direct extension of one (those are kept: beams persist over many
   * frames and keep trying the same extensions, whose context scores are then
   * computed once). Run every COLLECT_EVERY frames so long streams stay bounded.
   */
  private collect(): void {
    const mark = ++this.collections;
    const ancestors: Prefix[] = [];
    for (const b of this.beams!) {
      b.mark = mark;
      for (let q = b.parent; q !== null && q.mark !== mark; q = q.parent) {
        q.mark = mark;
        ancestors.push(q);
      }
    }
    for (const q of ancestors) {
      if (q.kept === this.frame - 1 || q.children === null) continue; // a beam keeps its extensions
      for (const [token, c] of q.children)
        if (c === null || c.mark !== mark) q.children.delete(token);
    }
    // A beam keeps its direct extensions, not what grew below them while they lived.
    for (const b of this.beams!) {
      if (b.children === null) continue;
      for (const c of b.children.values()) if (c !== null && c.mark !== mark) c.children = null;
    }
  }

  /** The child of p along token c (created with its context score), or null if forbidden. */
  private child(p: Prefix, c: number): Prefix | null {
    const children = (p.children ??= new Map());
    const existing = children.get(c);
    if (existing !== undefined) return existing;
    const made = this.makeChild(p, c);
    children.set(c, made);
    return made;
  }

  private makeChild(parent: Prefix, c: number): Prefix | null {
    const child = new Prefix(parent, c);
    if (this.vocabulary) {
      // Delimiters at a word start never reach here (merged into the prefix).
      child.voc = this.vocabulary.advance(parent.voc!, c);
      if (child.voc === null) return null;
    }
    let base = parent.base;
    child.lmState = parent.lmState;
    const hw = this.hotwords;
    let hot: number[] | null = null;
    if (c === this.delim) {
      if (parent.wordLen > 0) {
        const closed = this.closeWord(parent);
        if (closed === null) return null;
        base += closed.delta + this.delimScore;
        child.lmState = closed.lmState;
      }
      child.lexNode = this.lexicon ? TokenTrie.ROOT : OUT_OF_LEXICON;
      if (hw && parent.hot) hot = advanceAll(hw, parent.hot, c); // phrases go on across words
    } else {
      child.wordLen = parent.wordLen + 1;
      if (this.lexicon) child.lexNode = this.lexiconStep(parent.lexNode, c);
      if (hw) {
        hot = parent.hot ? advanceAll(hw, parent.hot, c) : null;
        if (parent.wordLen === 0) {
          const start = hw.child(TokenTrie.ROOT, c);
          if (start >= 0) (hot ??= []).push(start);
        }
      }
      child.penalized = parent.penalized;
      if (this.lexicon && child.lexNode === OUT_OF_LEXICON && hot === null && !parent.penalized) {
        if (this.constrained) return null;
        base += this.unkOffset;
        child.penalized = true;
      }
      if (this.letterCase !== null) {
        const letter = this.letterCase[c];
        child.caseRun = letter === 0 ? NO_LETTER : NEXT_CASE[parent.caseRun * 2 + letter - 1];
        child.mixedCase =
          parent.mixedCase === NOT_MIXED && child.caseRun === MIXED_CASE
            ? MIXED_KNOWN
            : parent.mixedCase;
        // Scored once the word can no longer be a lexicon word or hotword.
        if (
          child.mixedCase === MIXED_KNOWN &&
          (this.lexicon === null || child.lexNode === OUT_OF_LEXICON) &&
          hot === null
        ) {
          base += this.mixedCaseScore;
          child.mixedCase = MIXED_SCORED;
        }
      }
    }
    if (this.charLm && !(c === this.delim && parent.wordLen === 0)) {
      const lm = this.lm!;
      const r =
        c === this.delim && this.spaceEndsSentence
          ? { logProb: lm.finalScore(parent.lmState), state: lm.initialState() }
          : lm.score(parent.lmState, c === this.delim ? CHAR_LM_SPACE : this.alphabet.tokens[c]);
      base += this.alpha * r.logProb + this.beta;
      child.lmState = r.state;
    }
    child.hot = hot;
    child.base = base;
    child.ctx =
      base + (hot ? bestPartial(hw!, hot) : 0) + (child.voc ? this.vocabulary!.best(child.voc) : 0);
    child.hotGain = this.hotGainOf(child);
    return child;
  }

  /**
   * Where token c leads from lexicon state `node`: on along the trie; past a
   * complete word into its trailing marks; or, before a word starts, over a
   * leading mark while staying at the root.
   */
  private lexiconStep(node: number, c: number): number {
    if (node === AFTER_WORD) return this.trailingMarks[c] ? AFTER_WORD : OUT_OF_LEXICON;
    if (node < 0) return OUT_OF_LEXICON;
    const next = this.lexicon!.child(node, c);
    if (next >= 0) return next;
    if (this.trailingMarks[c] && this.lexicon!.isTerminal(node)) return AFTER_WORD;
    if (this.leadingMarks[c] && node === TokenTrie.ROOT) return TokenTrie.ROOT;
    return OUT_OF_LEXICON;
  }

  /**
   * Bounds what one more token can add to p's hotword bonus: a completion at
   * a delimiter, plus the best partial bonus reachable (from p's matches, or
   * from the root at a word start), minus p's current partial bonus.
   */
  private hotGainOf(p: Prefix): number {
    const hw = this.hotwords;
    if (hw === null) return 0;
    let reach = p.wordLen === 0 ? Math.max(0, hw.childPartialBonus(TokenTrie.ROOT)) : 0;
    let complete = 0;
    if (p.hot === null) return reach;
    for (const n of p.hot) {
      reach = Math.max(reach, hw.childPartialBonus(n));
      complete = Math.max(complete, hw.completeBonus(n));
    }
    return complete + reach - bestPartial(hw, p.hot);
  }

  /**
   * Scores the word that ends with prefix p: hotword completion, lexicon
   * check, word LM. Returns null when constrained mode forbids the word.
   */
  private closeWord(p: Prefix): { delta: number; lmState: number } | null {
    let delta = 0;
    let hotDone = -Infinity;
    if (this.hotwords && p.hot) {
      for (const n of p.hot) {
        if (this.hotwords.trie.isTerminal(n))
          hotDone = Math.max(hotDone, this.hotwords.completeBonus(n));
      }
    }
    if (hotDone > -Infinity) delta += hotDone;
    const known =
      this.lexicon !== null &&
      (p.lexNode === AFTER_WORD || (p.lexNode >= 0 && this.lexicon.isTerminal(p.lexNode)));
    if (this.lexicon && !known && hotDone === -Infinity) {
      if (this.constrained) return null;
      if (!p.penalized) delta += this.unkOffset;
    }
    if (p.mixedCase === MIXED_KNOWN && !known && hotDone === -Infinity)
      delta += this.mixedCaseScore;
    let lmState = p.lmState;
    if (this.lm && !this.charLm) {
      const r = this.lm.score(lmState, this.wordText(p));
      delta += this.alpha * r.logProb + this.beta;
      lmState = r.state;
    }
    return { delta, lmState };
  }

  /** Score of p as a complete utterance (-Infinity if not allowed). */
  private finalScore(p: Prefix): number {
    let delta = 0;
    if (this.vocabulary) {
      // Only a text that ends where an entry ends is allowed.
      const bonus = this.vocabulary.finalBonus(p.voc!);
      if (bonus === -Infinity) return -Infinity;
      delta += bonus;
    }
    let lmState = p.lmState;
    if (p.wordLen > 0) {
      const closed = this.closeWord(p);
      if (closed === null) return -Infinity;
      delta += closed.delta;
      lmState = closed.lmState;
    }
    // A delimiter already ended the sentence of a words-only character LM.
    const ended = this.spaceEndsSentence && p.token === this.delim;
    if (this.lm && !ended) delta += this.alpha * this.lm.finalScore(lmState);
    return logAddExp(p.pB, p.pNB) + p.base + delta;
  }

  /** The unfinished word at the end of p. */
  private wordText(p: Prefix): string {
    let s = '';
    let q: Prefix | null = p;
    for (let i = 0; i < p.wordLen && q !== null; i++, q = q.parent)
      s = this.alphabet.tokens[q.token] + s;
    return s;
  }

  private result(p: Prefix, score: number): BeamResult {
    const path: Prefix[] = [];
    for (let q: Prefix | null = p; q !== null && q.parent !== null; q = q.parent) path.push(q);
    path.reverse();
    const tokens: TokenTiming[] = path.map((q) => ({
      token: q.token,
      text: this.alphabet.tokens[q.token],
      frame: q.peakFrame,
      startFrame: q.firstFrame >= 0 ? q.firstFrame : q.peakFrame,
      endFrame: q.firstFrame >= 0 ? q.lastFrame : q.peakFrame,
    }));
    const { text, words } = timedWords(
      this.alphabet,
      tokens,
      path.map((q) => q.peakLogProb),
    );
    return { text, score, acousticScore: logAddExp(p.pB, p.pNB), tokens, words };
  }
}

// The case of a run of letters so far (Prefix.caseRun).
const NO_LETTER = 0;
const SMALL = 1;
const ONE_CAPITAL = 2;
const CAPITALISED = 3;
const CAPITALS = 4;
const MIXED_CASE = 5;
// Letters (BeamSearchDecoder.letterCase).
const SMALL_LETTER = 1;
const CAPITAL_LETTER = 2;
/** The run's case after one more letter: NEXT_CASE[run * 2 + letter - 1]. */
const NEXT_CASE = Uint8Array.of(
  ...[SMALL, ONE_CAPITAL], // NO_LETTER
  ...[SMALL, MIXED_CASE], // SMALL
  ...[CAPITALISED, CAPITALS], // ONE_CAPITAL
  ...[CAPITALISED, MIXED_CASE], // CAPITALISED
  ...[MIXED_CASE, CAPITALS], // CAPITALS
  ...[MIXED_CASE, MIXED_CASE], // MIXED_CASE
);
// Whether a word mixes cases (Prefix.mixedCase).
const NOT_MIXED = 0;
const MIXED_KNOWN = 1;
const MIXED_SCORED = 2;

/** SMALL_LETTER, CAPITAL_LETTER, or 0 for a token without cased letters (or with both cases). */
function letterCaseOf(token: string): number {
  const small = token !== token.toUpperCase();
  const capital = token !== token.toLowerCase();
  return small === capital ? 0 : small ? SMALL_LETTER : CAPITAL_LETTER;
}

/** Records that p's last token had log-probability x at frame t. */
function observe(p: Prefix, t: number, x: number, frameBest: number): void {
  if (x > p.peakLogProb) {
    p.peakLogProb = x;
    p.peakFrame = t;
  }
  if (x >= frameBest) {
    if (p.firstFrame < 0) p.firstFrame = t;
    p.lastFrame = t;
  }
}

function advanceAll(hw: HotwordTrie, nodes: readonly number[], token: number): number[] | null {
  let out: number[] | null = null;
  for (const n of nodes) {
    const next = hw.child(n, token);
    if (next >= 0) (out ??= []).push(next);
  }
  return out;
}

function bestPartial(hw: HotwordTrie, nodes: readonly number[]): number {
  let best = -Infinity;
  for (const n of nodes) best = Math.max(best, hw.partialBonus(n));
  return best;
}
