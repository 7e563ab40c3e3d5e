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

/** Parses ARPA text into an NgramLm. */
export function parseArpa(text: string): NgramLm {
  if (typeof text !== 'string') throw new TypeError('parseArpa expects the ARPA file as a string');
  const lines = text.split(/\r?\n/);
  let i = 0;
  const next = () => lines[i++].trim();
  // Anything before \data\ is a comment.
  while (i < lines.length && lines[i].trim() !== '\\data\\') i++;
  if (i === lines.length) throw new ArpaFormatError(1, 'missing the \\data\\ header');
  i++;

  const counts: number[] = [];
  while (i < lines.length) {
    const line = next();
    if (line === '') {
      if (counts.length > 0) break;
      continue;
    }
    const m = /^ngram\s+(\d+)\s*=\s*(\d+)$/.exec(line);
    if (!m) {
      if (line.startsWith('\\') && counts.length > 0) {
        i--;
        break;
      }
      throw new ArpaFormatError(i, `expected "ngram N=count", got "${line}"`);
    }
    if (Number(m[1]) !== counts.length + 1) {
      throw new ArpaFormatError(i, `expected ngram ${counts.length + 1}=..., got "${line}"`);
    }
    counts.push(Number(m[2]));
  }
  if (counts.length === 0)
    throw new ArpaFormatError(i, 'the \\data\\ header lists no n-gram counts');
  const order = counts.length;

  const entries: NgramEntry[] = [];
  const unigrams = new Set<string>();
  const seen = new Set<string>();
  for (let n = 1; n <= order; n++) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i === lines.length) throw new ArpaFormatError(i, `missing the \\${n}-grams: section`);
    const header = next();
    const sectionLine = i;
    if (header !== `\\${n}-grams:`) {
      throw new ArpaFormatError(i, `expected "\\${n}-grams:", got "${header}"`);
    }
    let read = 0;
    while (i < lines.length) {
      const line = next();
      if (line === '') continue;
      if (line.startsWith('\\')) {
        i--;
        break;
      }
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
      if (n === 1) unigrams.add(words[0]);
      else {
        const unknown = words.find((w) => !unigrams.has(w));
        if (unknown !== undefined) {
          throw new ArpaFormatError(i, `word "${unknown}" is not listed in the 1-grams`);
        }
      }
      const key = words.join(' ');
      if (seen.has(key)) throw new ArpaFormatError(i, `n-gram "${key}" is listed twice`);
      seen.add(key);
      entries.push({ words, logProb, backoff });
      read++;
    }
    if (read !== counts[n - 1]) {
      throw new ArpaFormatError(
        sectionLine,
        `the header announces ${counts[n - 1]} ${n}-grams but the section has ${read}`,
      );
    }
  }
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i === lines.length || lines[i].trim() !== '\\end\\') {
    throw new ArpaFormatError(
      Math.min(i + 1, lines.length),
      `expected \\end\\ after the \\${order}-grams: section${i < lines.length ? `, got "${lines[i].trim()}"` : ''}`,
    );
  }
  return NgramLm.fromEntries(order, entries);
}
