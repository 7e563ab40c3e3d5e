/**
 * The exact end of a closed-vocabulary decode: the beam proposes texts (it
 * finds sequences of entries), and every entry said alone is a candidate too;
 * each candidate is scored exactly, ln P(text | frames) summed over all its
 * alignments (EntryScorer) plus the weight of its best reading as entries.
 * For a short list this is the right answer the beam only approximates (the
 * beam prunes alignments, and may end with no entry complete at all), and the
 * candidates' scores give posteriors. The answer is at least one entry
 * whenever one is possible (see finish).
 *
 * The frames are kept (masked tokens as -Infinity) for the candidates the beam
 * did not propose: their timings come from a forced alignment, and a sequence
 * of entries is rescored on them.
 */
import type { Alphabet } from './alphabet.js';
import { forcedAlign } from './align.js';
import type { BeamResult } from './beam-search.js';
import { EntryScorer } from './entry-scorer.js';
import { timedWords } from './timed-words.js';
import { Vocabulary } from './vocabulary.js';
import { logAddExp } from './log-math.js';

export class ExactVocabulary {
  private readonly scorer: EntryScorer;
  private readonly V: number;
  private frames = new Float64Array(0);
  private T = 0;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly alphabet: Alphabet,
  ) {
    this.scorer = new EntryScorer(vocabulary, alphabet.blank);
    this.V = alphabet.size;
  }

  /** States updated per frame (the cost of a frame). */
  get stateCount(): number {
    return this.scorer.stateCount;
  }

  begin(): void {
    this.scorer.begin();
    this.T = 0;
  }

  /** One frame at lp[off .. off + V), tokens with mask 0 impossible. */
  advance(lp: ArrayLike<number>, off: number, mask: Uint8Array): void {
    const V = this.V;
    if ((this.T + 1) * V > this.frames.length) {
      const grown = new Float64Array(Math.max(64 * V, this.frames.length * 2));
      grown.set(this.frames.subarray(0, this.T * V));
      this.frames = grown;
    }
    const at = this.T++ * V;
    for (let k = 0; k < V; k++) this.frames[at + k] = mask[k] === 1 ? lp[off + k] : -Infinity;
    this.scorer.advance(this.frames, at);
  }

  /**
   * The N-best list: the beam's texts and every possible entry, scored
   * exactly, best first, each with its posterior among all candidates.
   */
  finish(proposed: readonly BeamResult[], nbest: number): BeamResult[] {
    const candidates = new Map<string, { logLikelihood: number; result?: BeamResult }>();
    for (const e of this.scorer.scores())
      if (e.logLikelihood > -Infinity) candidates.set(e.phrase, { logLikelihood: e.logLikelihood });
    for (const r of proposed) {
      const known = candidates.get(r.text);
      if (known) known.result = r;
      else if (r.text !== '')
        candidates.set(r.text, { logLikelihood: this.textLogLikelihood(r.text), result: r });
    }
    // Reading no entry at all (blanks only) is never the answer while an entry
    // is possible, since the speaker said something; its probability still
    // counts in the posteriors, so an entry the frames barely support is unsure.
    const empty = this.scorer.emptyLogLikelihood();
    let total = empty;
    const scored: { text: string; score: number; logLikelihood: number; result?: BeamResult }[] =
      [];
    for (const [text, c] of candidates) {
      const score = c.logLikelihood + this.readingWeight(text);
      if (!(score > -Infinity)) continue;
      scored.push({ text, score, ...c });
      total = logAddExp(total, score);
    }
    if (scored.length === 0 && empty > -Infinity)
      scored.push({ text: '', score: empty, logLikelihood: empty });
    // Timings (a forced alignment unless the beam has them) for the N best only.
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, nbest)
      .map((c) => ({
        ...(c.result ?? this.aligned(c.text)),
        score: c.score,
        acousticScore: c.logLikelihood,
        posterior: Math.exp(c.score - total),
      }));
  }

  /** ln P(text) for a text that is no single entry (a sequence of entries). */
  private textLogLikelihood(text: string): number {
    const one = new EntryScorer(new Vocabulary(this.alphabet, [text]), this.alphabet.blank);
    for (let t = 0; t < this.T; t++) one.advance(this.frames, t * this.V);
    return one.scores()[0].logLikelihood;
  }

  /** The best total weight of reading `text` as entries (-Infinity: no reading). */
  private readingWeight(text: string): number {
    let states: ReturnType<Vocabulary['advance']> = this.vocabulary.initial;
    for (const token of this.alphabet.encode(text)) {
      states = this.vocabulary.advance(states, token);
      if (states === null) return -Infinity;
    }
    return this.vocabulary.finalBonus(states);
  }

  /** A result for `text` timed by forced alignment (score fields filled in by the caller). */
  private aligned(text: string): BeamResult {
    const { V, frames } = this;
    const target = this.alphabet.encode(text);
    const path = forcedAlign(frames, this.T, V, target, { blank: this.alphabet.blank }).tokens;
    const peaks: number[] = [];
    const tokens = path.map(({ token, start, end }) => {
      let frame = start;
      for (let t = start; t <= end; t++)
        if (frames[t * V + token] > frames[frame * V + token]) frame = t;
      peaks.push(frames[frame * V + token]);
      return { token, text: this.alphabet.tokens[token], frame, startFrame: start, endFrame: end };
    });
    const { words } = timedWords(this.alphabet, tokens, peaks);
    return { text, score: 0, acousticScore: 0, tokens, words };
  }
}
