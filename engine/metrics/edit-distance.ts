/**
 * Levenshtein distance between two sequences (substitution, insertion and
 * deletion each cost 1), in O(min(n, m)) memory.
 */
export function editDistance<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  if (a.length < b.length) [a, b] = [b, a];
  const m = b.length;
  let prev = new Uint32Array(m + 1);
  let curr = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (ai === b[j - 1] ? 0 : 1);
      curr[j] = Math.min(sub, prev[j] + 1, curr[j - 1] + 1);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[m];
}

/** Splits text into words on runs of whitespace. */
export function words(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Accumulates errors over a corpus so CER/WER are ratios of totals, not means of ratios. */
export class ErrorRate {
  charErrors = 0;
  chars = 0;
  wordErrors = 0;
  wordCount = 0;
  sentences = 0;
  sentenceErrors = 0;

  add(reference: string, hypothesis: string): void {
    const ref = reference.trim();
    const hyp = hypothesis.trim();
    this.charErrors += editDistance([...ref], [...hyp]);
    this.chars += [...ref].length;
    const rw = words(ref);
    this.wordErrors += editDistance(rw, words(hyp));
    this.wordCount += rw.length;
    this.sentences += 1;
    if (ref !== hyp) this.sentenceErrors += 1;
  }

  /** Character error rate: edits ÷ reference characters (0 when there is no reference text). */
  get cer(): number {
    return this.chars === 0 ? (this.charErrors === 0 ? 0 : 1) : this.charErrors / this.chars;
  }

  /** Word error rate: word edits ÷ reference words. */
  get wer(): number {
    return this.wordCount === 0
      ? this.wordErrors === 0
        ? 0
        : 1
      : this.wordErrors / this.wordCount;
  }

  /** Sentence error rate: share of items not recognized exactly. */
  get ser(): number {
    return this.sentences === 0 ? 0 : this.sentenceErrors / this.sentences;
  }

  /** Share of items recognized exactly. */
  get accuracy(): number {
    return 1 - this.ser;
  }
}

/** Character error rate of one hypothesis against one reference. */
export function cer(reference: string, hypothesis: string): number {
  const r = new ErrorRate();
  r.add(reference, hypothesis);
  return r.cer;
}

/** Word error rate of one hypothesis against one reference. */
export function wer(reference: string, hypothesis: string): number {
  const r = new ErrorRate();
  r.add(reference, hypothesis);
  return r.wer;
}
