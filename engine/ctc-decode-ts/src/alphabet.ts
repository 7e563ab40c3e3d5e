/**
 * The token inventory of a CTC model: index -> string, with the blank index
 * and the word delimiter (usually a space) that splits text into words.
 */
import { checkInteger } from './validate.js';

export interface AlphabetOptions {
  /** Index of the blank token; its string is never output. Default 0. */
  blank?: number;
  /** Token that separates words. Default ' '. Absent from the tokens: text is one word. */
  wordDelimiter?: string;
}

export class Alphabet {
  readonly tokens: readonly string[];
  readonly blank: number;
  readonly wordDelimiter: string;
  /** Index of the word delimiter token, or -1 when the alphabet has none. */
  readonly delimiterIndex: number;
  private readonly index = new Map<string, number>();
  private readonly maxTokenLength: number;

  /**
   * tokens[i] is the text of output index i. tokens[blank] is a placeholder
   * (e.g. '' or '<blank>'); every other token must be non-empty and unique.
   */
  constructor(tokens: readonly string[], options: AlphabetOptions = {}) {
    if (!Array.isArray(tokens) || tokens.length < 2) {
      throw new TypeError('tokens must be an array of at least 2 strings (blank and one label)');
    }
    this.blank = options.blank ?? 0;
    checkInteger('options.blank', this.blank, 0, tokens.length - 1);
    this.wordDelimiter = options.wordDelimiter ?? ' ';
    this.tokens = tokens.slice();
    let maxLength = 1;
    tokens.forEach((token, i) => {
      if (i === this.blank) return;
      if (typeof token !== 'string' || token === '') {
        throw new TypeError(
          `tokens[${i}] must be a non-empty string, got ${JSON.stringify(token)}`,
        );
      }
      if (this.index.has(token)) {
        throw new RangeError(
          `tokens[${i}] ${JSON.stringify(token)} repeats tokens[${this.index.get(token)}]`,
        );
      }
      this.index.set(token, i);
      maxLength = Math.max(maxLength, token.length);
    });
    this.maxTokenLength = maxLength;
    this.delimiterIndex = this.index.get(this.wordDelimiter) ?? -1;
  }

  /**
   * One token per character, e.g. Alphabet.fromChars("_ 'abcdefghijklmnopqrstuvwxyz")
   * where the character at the blank index is a placeholder.
   */
  static fromChars(chars: string, options: AlphabetOptions = {}): Alphabet {
    return new Alphabet(Array.from(chars), options);
  }

  /** Number of outputs V, blank included. */
  get size(): number {
    return this.tokens.length;
  }

  /** Index of a token, or -1. */
  indexOf(token: string): number {
    return this.index.get(token) ?? -1;
  }

  /** Text -> token indices (longest match first). Throws naming the position of an unknown character. */
  encode(text: string): number[] {
    const out: number[] = [];
    let i = 0;
    outer: while (i < text.length) {
      for (let n = Math.min(this.maxTokenLength, text.length - i); n >= 1; n--) {
        const k = this.index.get(text.slice(i, i + n));
        if (k !== undefined) {
          out.push(k);
          i += n;
          continue outer;
        }
      }
      throw new RangeError(
        `cannot encode ${JSON.stringify(text)}: ${JSON.stringify(text[i])} at position ${i} is not in the alphabet`,
      );
    }
    return out;
  }

  /** Token indices -> text; blanks are skipped. */
  decode(indices: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < indices.length; i++) {
      if (indices[i] !== this.blank) s += this.tokens[indices[i]];
    }
    return s;
  }

  /**
   * A token mask for decoding: the given tokens (strings, or characters of a
   * string such as '0123456789', or indices) plus the blank and, when
   * `includeDelimiter` (default true), the word delimiter.
   */
  mask(allowed: string | Iterable<string | number>, includeDelimiter = true): Uint8Array {
    const mask = new Uint8Array(this.size);
    mask[this.blank] = 1;
    if (includeDelimiter && this.delimiterIndex >= 0) mask[this.delimiterIndex] = 1;
    const items = typeof allowed === 'string' ? Array.from(allowed) : allowed;
    for (const item of items) {
      const k = typeof item === 'number' ? item : this.indexOf(item);
      if (!Number.isInteger(k) || k < 0 || k >= this.size) {
        throw new RangeError(`mask: ${JSON.stringify(item)} is not a token of this alphabet`);
      }
      mask[k] = 1;
    }
    return mask;
  }
}
