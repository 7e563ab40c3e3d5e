/**
 * Exact scores of a closed vocabulary's entries, each said alone: for every
 * entry, ln P(text = entry | frames), the CTC forward algorithm summed over
 * every alignment of every label sequence that reads as the entry (delimiters
 * before, after and repeated between its words included, as the beam search
 * reads them). No pruning: for a short list this is the exact answer that a
 * beam only approximates, and the entries' scores give real posteriors.
 *
 * All entries are scored at once over the vocabulary's trie, so shared
 * prefixes are computed once: a frame costs O(trie nodes + entries).
 *
 * States: the root (nothing emitted yet); optional leading delimiters; one
 * state per trie node (its token is the last one emitted); optional trailing
 * delimiters after each entry. Each keeps two log-probabilities, as in CTC's
 * forward algorithm: L (the frame emits the state's token) and B (a blank
 * since). A token equal to the previous one is a new emission only after a
 * blank; a delimiter state loops to itself, since "a  b" reads as "a b".
 */
import { logAddExp } from './log-math.js';
import { TokenTrie } from './token-trie.js';
import type { Vocabulary } from './vocabulary.js';

/** One entry's exact score for the frames consumed so far. */
export interface EntryScore {
  phrase: string;
  weight: number;
  /** ln P(the frames read as this entry alone), summed over all alignments. */
  logLikelihood: number;
}

export class EntryScorer {
  /** States: token emitted (-1 for the root), up to two predecessors, self-loop flag. */
  private readonly token: Int32Array;
  private readonly from1: Int32Array;
  private readonly from2: Int32Array;
  private readonly loops: Uint8Array;
  /** Per entry: its trie-node state and its trailing-delimiter state (-1: none). */
  private readonly endAt: Int32Array;
  private readonly trailAt: Int32Array;
  /** The leading-delimiter state (-1: the alphabet has no delimiter). */
  private readonly lead: number;
  private readonly phrases: string[];
  private readonly weights: number[];
  private L: Float64Array;
  private B: Float64Array;
  private nextL: Float64Array;
  private nextB: Float64Array;
  private readonly stay: Float64Array;

  constructor(
    vocabulary: Vocabulary,
    private readonly blank: number,
  ) {
    const { parent, token } = vocabulary.trie.edgesByNode();
    const delim = vocabulary.alphabet.delimiterIndex;
    const entries = vocabulary.entryNodes();
    const nodes = parent.length;
    // States 0..nodes-1 are the trie's nodes (the root first, each node after
    // its parent); then the leading delimiter, then one trailing per entry.
    const lead = delim >= 0 ? nodes : -1;
    this.lead = lead;
    const size = nodes + (delim >= 0 ? 1 + entries.length : 0);
    this.token = new Int32Array(size).fill(-1);
    this.from1 = new Int32Array(size).fill(-1);
    this.from2 = new Int32Array(size).fill(-1);
    this.loops = new Uint8Array(size);
    for (let n = 1; n < nodes; n++) {
      this.token[n] = token[n];
      this.from1[n] = parent[n];
      // A first token may follow leading delimiters.
      if (parent[n] === TokenTrie.ROOT && lead >= 0) this.from2[n] = lead;
      if (token[n] === delim) this.loops[n] = 1;
    }
    if (lead >= 0) {
      this.token[lead] = delim;
      this.from1[lead] = TokenTrie.ROOT;
      this.loops[lead] = 1;
    }
    this.endAt = new Int32Array(entries.length);
    this.trailAt = new Int32Array(entries.length).fill(-1);
    this.phrases = [];
    this.weights = [];
    entries.forEach((e, i) => {
      this.endAt[i] = e.node;
      this.phrases.push(e.phrase);
      this.weights.push(e.weight);
      if (lead >= 0) {
        const s = lead + 1 + i;
        this.trailAt[i] = s;
        this.token[s] = delim;
        this.from1[s] = e.node;
        this.loops[s] = 1;
      }
    });
    this.L = new Float64Array(size);
    this.B = new Float64Array(size);
    this.nextL = new Float64Array(size);
    this.nextB = new Float64Array(size);
    this.stay = new Float64Array(size);
    this.begin();
  }

  /** Number of states a frame updates (the cost of a frame). */
  get stateCount(): number {
    return this.token.length;
  }

  /** Starts a new utterance: nothing consumed, nothing emitted. */
  begin(): void {
    this.L.fill(-Infinity);
    this.B.fill(-Infinity);
    this.B[TokenTrie.ROOT] = 0;
  }

  /**
   * Consumes one frame of log-probabilities at lp[off .. off + V); tokens whose
   * mask entry is 0 cannot be emitted.
   */
  advance(lp: ArrayLike<number>, off: number, mask: Uint8Array | null = null): void {
    const { token, from1, from2, loops, L, B, nextL, nextB, stay } = this;
    const lpBlank = lp[off + this.blank];
    // Each state's total before this frame (read by its successors too).
    for (let s = 0; s < token.length; s++) stay[s] = logAddExp(L[s], B[s]);
    for (let s = 0; s < token.length; s++) {
      nextB[s] = stay[s] + lpBlank;
      const c = token[s];
      if (c < 0 || (mask !== null && mask[c] === 0)) {
        nextL[s] = -Infinity;
        continue;
      }
      // The same token again is a new emission only after a blank.
      const p = from1[s];
      let into = logAddExp(loops[s] === 1 ? stay[s] : L[s], token[p] === c ? B[p] : stay[p]);
      const q = from2[s];
      if (q >= 0) into = logAddExp(into, token[q] === c ? B[q] : stay[q]);
      nextL[s] = into + lp[off + c];
    }
    this.L = nextL;
    this.B = nextB;
    this.nextL = L;
    this.nextB = B;
  }

  /** ln P(the frames read as no text at all): blanks, or only delimiters. */
  emptyLogLikelihood(): number {
    const { L, B, lead } = this;
    const root = B[TokenTrie.ROOT];
    return lead < 0 ? root : logAddExp(root, logAddExp(L[lead], B[lead]));
  }

  /** Every entry's exact score for the frames consumed since begin(), in vocabulary order. */
  scores(): EntryScore[] {
    const { L, B } = this;
    return this.phrases.map((phrase, i) => {
      const n = this.endAt[i];
      const trail = this.trailAt[i];
      let ll = logAddExp(L[n], B[n]);
      if (trail >= 0) ll = logAddExp(ll, logAddExp(L[trail], B[trail]));
      return { phrase, weight: this.weights[i], logLikelihood: ll };
    });
  }
}
