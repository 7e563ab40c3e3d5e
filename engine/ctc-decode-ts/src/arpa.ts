/**
 * Reader for the ARPA back-off language model format (as written by SRILM,
 * KenLM and `NgramLm.toArpa`): a \data\ header with n-gram counts, one
 * \N-grams: section per order with "log10prob w1 .. wN [log10backoff]" lines,
 * then \end\. Malformed input throws an ArpaFormatError naming the line.
 */
import { NgramLm, type NgramEntry } from './ngram-lm.js';

export class ArpaFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`ARPA line ${line}: ${message}`);
    this.name = 'ArpaFormatError';
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseLog10(text: string, line: number, what: string): number {
  if (!NUMBER.test(text)) throw new ArpaFormatError(line, `${what} "${text}" is not a number`);
  return Number(text) * Math.LN10;
}

/**
 * The lines of a text one at a time (as `split(/\r?\n/)` would give them,
 * trimmed), without holding them all: the reader keeps only the entries it
 * needs. `number` is the 1-based number of the last line taken.
 */
class LineReader {
  private pos = 0;
  private peeked: string | null = null;
  private peekedEnd = 0;
  number = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos > this.text.length;
  }

  /** The next line, not taken ('' at the end). */
  peek(): string {
    if (this.peeked === null) {
      if (this.atEnd()) return '';
      let end = this.text.indexOf('\n', this.pos);
      if (end < 0) end = this.text.length;
      this.peeked = this.text.slice(this.pos, end).trim();
      this.peekedEnd = end + 1;
    }
    return this.peeked;
  }

  next(): string {
    const line = this.peek();
    this.pos = this.peekedEnd;
    this.peeked = null;
    this.number++;
    return line;
  }
}

/** Parses ARPA text into an NgramLm. */
export function parseArpa(text: string): NgramLm {
  if (typeof text !== 'string') throw new TypeError('parseArpa expects the ARPA file as a string');
  const r = new LineReader(text);
  // Anything before \data\ is a comment.
  while (!r.atEnd() && r.peek() !== '\\data\\') r.next();
  if (r.atEnd()) throw new ArpaFormatError(1, 'missing the \\data\\ header');
  r.next();

  const counts: number[] = [];
  while (!r.atEnd()) {
    const line = r.peek();
    if (line === '') {
      r.next();
      if (counts.length > 0) break;
      continue;
    }
    const m = /^ngram\s+(\d+)\s*=\s*(\d+)$/.exec(line);
    if (!m && line.startsWith('\\') && counts.length > 0) break;
    r.next();
    if (!m) throw new ArpaFormatError(r.number, `expected "ngram N=count", got "${line}"`);
    if (Number(m[1]) !== counts.length + 1) {
      throw new ArpaFormatError(r.number, `expected ngram ${counts.length + 1}=..., got "${line}"`);
    }
    counts.push(Number(m[2]));
  }
  if (counts.length === 0)
    throw new ArpaFormatError(r.number, 'the \\data\\ header lists no n-gram counts');
  const order = counts.length;

  // The 1-grams are the vocabulary: read them first, then build the model line by line.
  const unigrams: NgramEntry[] = [];
  const vocabulary = new Set<string>();
  let builder: ReturnType<typeof NgramLm.builder> | undefined;
  for (let n = 1; n <= order; n++) {
    while (!r.atEnd() && r.peek() === '') r.next();
    if (r.atEnd()) throw new ArpaFormatError(r.number, `missing the \\${n}-grams: section`);
    const header = r.next();
    const sectionLine = r.number;
    if (header !== `\\${n}-grams:`) {
      throw new ArpaFormatError(r.number, `expected "\\${n}-grams:", got "${header}"`);
    }
    let read = 0;
    while (!r.atEnd()) {
      if (r.peek().startsWith('\\')) break;
      const line = r.next();
      const i = r.number;
      if (line === '') continue;
      const fields = line.split(/\s+/);
      if (fields.length !== n + 1 && fields.length !== n + 2) {
        throw new ArpaFormatError(
          i,
          `a ${n}-gram line needs a log10 probability, ${n} word(s) and an optional back-off weight; got ${fields.length} fields`,
        );
      }
      const logProb = parseLog10(fields[0], i, 'probability');
      if (logProb > 0) throw new ArpaFormatError(i, `log10 probability ${fields[0]} is above 0`);
      const backoff = fields.length === n + 2 ? parseLog10(fields[n + 1], i, 'back-off weight') : 0;
      const words = fields.slice(1, n + 1);
      if (n === 1) {
        if (vocabulary.has(words[0]))
          throw new ArpaFormatError(i, `n-gram "${words[0]}" is listed twice`);
        vocabulary.add(words[0]);
        unigrams.push({ words, logProb, backoff });
      } else {
        const unknown = words.find((w) => !vocabulary.has(w));
        if (unknown !== undefined) {
          throw new ArpaFormatError(i, `word "${unknown}" is not listed in the 1-grams`);
        }
        if (!builder!.add(words, logProb, backoff))
          throw new ArpaFormatError(i, `n-gram "${words.join(' ')}" is listed twice`);
      }
      read++;
    }
    if (read !== counts[n - 1]) {
      throw new ArpaFormatError(
        sectionLine,
        `the header announces ${counts[n - 1]} ${n}-grams but the section has ${read}`,
      );
    }
    if (n === 1) {
      builder = NgramLm.builder(order, [...vocabulary]);
      for (const e of unigrams) builder.add(e.words, e.logProb, e.backoff);
    }
  }
  while (!r.atEnd() && r.peek() === '') r.next();
  if (r.atEnd() || r.peek() !== '\\end\\') {
    throw new ArpaFormatError(
      r.atEnd() ? r.number : r.number + 1,
      `expected \\end\\ after the \\${order}-grams: section${r.atEnd() ? '' : `, got "${r.peek()}"`}`,
    );
  }
  return builder!.build();
}
