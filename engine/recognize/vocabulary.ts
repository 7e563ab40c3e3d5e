/**
 * Word lists as people write them. A closed vocabulary is a list of words and
 * phrases, one a line, `#` comments, an optional `:weight` (natural log,
 * added each time the entry is recognized), and `WRITTEN = SPOKEN` for a word
 * written otherwise than it sounds ("John = jon": a model spelling what it
 * hears writes "jon"): the same text format serves the CLI's `--vocabulary
 * FILE` and the app's Vocabulary setting. Words are matched in their usual
 * case variants (withCaseVariants), as the lexicon's.
 */
import { Alphabet } from 'ctc-decode-ts';

/** One allowed word or phrase (words separated by single spaces). */
export interface VocabularyEntry {
  /** What is said, as the model spells it. */
  phrase: string;
  weight: number;
  /** How to write it when that differs from `phrase` ("John" for "jon"). */
  written?: string;
}

/** A vocabulary that cannot be used; `line` is 1-based (of the text, or the entry's number). */
export class VocabularyError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'VocabularyError';
  }
}

/** At most this many entries (a grammar, not a dictionary: a lexicon serves those). */
export const MAX_VOCABULARY_ENTRIES = 20_000;

/** Bigger vocabulary files are refused before they are read: 20,000 entries fit in far less. */
export const MAX_VOCABULARY_BYTES = 4_000_000;

/**
 * Why a vocabulary file of `bytes` bytes is refused unread (too big), or
 * null; said after the file's name.
 */
export function vocabularySizeProblem(bytes: number): string | null {
  return bytes > MAX_VOCABULARY_BYTES
    ? `is over ${MAX_VOCABULARY_BYTES / 1e6} MB: a vocabulary lists the words you need (at most ${MAX_VOCABULARY_ENTRIES}), one a line`
    : null;
}

/**
 * A vocabulary file's bytes as text. Throws, with what to do (said after the
 * file's name), when they are too many or not UTF-8 text (a NUL: UTF-16 or
 * binary data).
 */
export function vocabularyFileText(bytes: Uint8Array): string {
  const tooBig = vocabularySizeProblem(bytes.length);
  if (tooBig) throw new Error(tooBig);
  const nul = bytes.includes(0);
  try {
    if (!nul) return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: said below
  }
  throw new Error(
    `is not UTF-8 text${nul ? ' (it holds binary data or UTF-16)' : ''}: save it as plain UTF-8 text, one word or phrase a line`,
  );
}

/**
 * Parses vocabulary text: one entry per line, blank lines and `#` comments
 * (to the end of the line) skipped, `word:weight` or `a phrase:weight` with a
 * number after the last colon. Throws VocabularyError naming the line of a bad
 * weight, and when there is no entry at all.
 */
export function parseVocabulary(text: string): { entries: VocabularyEntry[]; lines: number[] } {
  const entries: VocabularyEntry[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    let phrase = line;
    let weight = 0;
    const colon = line.lastIndexOf(':');
    if (colon >= 0) {
      const spec = line.slice(colon + 1).trim();
      weight = Number(spec);
      if (spec === '' || !Number.isFinite(weight))
        throw new VocabularyError(
          i + 1,
          `"${spec}" is not a weight: write WORD or WORD:NUMBER (e.g. "yes:2" or "no:-1")`,
        );
      phrase = line.slice(0, colon).trim();
    }
    const words = (t: string) => t.split(/\s+/).filter(Boolean).join(' ');
    const equals = phrase.indexOf('=');
    const written = equals < 0 ? '' : words(phrase.slice(0, equals));
    phrase = words(phrase.slice(equals + 1));
    if (equals >= 0 && (written === '' || phrase === '' || phrase.includes('=')))
      throw new VocabularyError(
        i + 1,
        'write WRITTEN = SPOKEN, the word as written and as it sounds (e.g. "John = jon")',
      );
    if (phrase === '') throw new VocabularyError(i + 1, 'a weight without a word');
    entries.push(
      written === '' || written === phrase ? { phrase, weight } : { phrase, weight, written },
    );
    lines.push(i + 1);
  });
  if (entries.length === 0)
    throw new VocabularyError(1, 'no words: write one word or phrase per line');
  if (entries.length > MAX_VOCABULARY_ENTRIES)
    throw new VocabularyError(
      lines[MAX_VOCABULARY_ENTRIES],
      `more than ${MAX_VOCABULARY_ENTRIES} entries: list only the words you need (without a vocabulary, a broad model writes any word of its own dictionary)`,
    );
  return { entries, lines };
}

/**
 * The entries as a model with these output labels spells them: each as
 * written, else in lower case, else in upper case (a speech model has no
 * capitals), with its usual case variants where the model can write them
 * ("paris" also "Paris" and "PARIS"). Throws VocabularyError with the entry's
 * number (1-based) and the characters the model cannot write.
 */
export function spellVocabulary(
  labels: readonly string[],
  entries: readonly VocabularyEntry[],
): VocabularyEntry[] {
  const { alphabet, spellable, written: writtenOf } = speller(labels);
  const out = new Map<string, number>();
  entries.forEach(({ phrase, weight }, i) => {
    const written = writtenOf(phrase);
    if (written === undefined) {
      const missing = [...new Set(phrase.replaceAll(' ', ''))].filter(
        (ch) => !spellable(ch) && !spellable(ch.toLowerCase()) && !spellable(ch.toUpperCase()),
      );
      throw new VocabularyError(
        i + 1,
        missing.length > 0
          ? `"${phrase}" uses ${missing.map((ch) => JSON.stringify(ch)).join(', ')}, not in the model's alphabet (${describeLabels(alphabet)}): ${respellHint(phrase, missing, spellable)}`
          : `"${phrase}" has several words but the model writes no spaces: list each word on its own line`,
      );
    }
    for (const variant of withCaseVariants([written]).filter(spellable))
      out.set(variant, Math.max(out.get(variant) ?? -Infinity, weight));
  });
  return [...out].map(([phrase, weight]) => ({ phrase, weight }));
}

/**
 * The phrases as a model with these labels writes them (as written, else in
 * lower, else in upper case: a speech model has no capitals); a phrase it
 * cannot write is left as it is, for the decoder to refuse.
 */
export function modelSpellings(labels: readonly string[], phrases: readonly string[]): string[] {
  const { written } = speller(labels);
  return phrases.map((p) => written(p) ?? p);
}

/**
 * What a model with these labels can write: `spellable(text)`, and
 * `written(phrase)`, the phrase as written, else in lower case, else in upper
 * case, whichever it spells first (undefined for none).
 */
function speller(labels: readonly string[]) {
  const alphabet = new Alphabet(labels);
  // One-character labels (every speech and ink model): a set lookup, no exception per miss.
  const chars = labels.every((l) => l.length <= 1) ? new Set(labels.filter((l) => l !== '')) : null;
  const encodes = (s: string) => {
    if (chars) return [...s].every((ch) => chars.has(ch));
    try {
      alphabet.encode(s);
      return true;
    } catch {
      return false;
    }
  };
  const spellable = (s: string) =>
    encodes(s.replaceAll(' ', '')) && (!s.includes(' ') || alphabet.delimiterIndex >= 0);
  const written = (phrase: string) =>
    [phrase, phrase.toLowerCase(), phrase.toUpperCase()].find(spellable);
  return { alphabet, spellable, written };
}

/** How to write back a vocabulary a model spells otherwise than listed (listedSpellings). */
export interface ListedSpellings {
  /** Phrases as spelled → as listed, longest first. */
  phrases: { spelled: string[]; listed: string[] }[];
  /** Single words as spelled → as listed. */
  words: Map<string, string>;
}

/**
 * How to write back what a model spells otherwise than the list (a speech
 * model has no capitals; `written` forms): each entry as spellVocabulary
 * spells it → as listed ("new york" → "New York", "jon" → "John"). The case
 * variants of a written form, which the decoder also lets out (a model with
 * capitals), carry their case over to a lower-case written form ("verify =
 * check": "Check" → "Verify", "CHECK" → "VERIFY"); a plain entry's variants
 * come out as the hand wrote them ("Paris" listed, "PARIS" written). An entry
 * listed in several spellings takes the first. Null when the model spells
 * every entry as listed.
 */
export function listedSpellings(
  labels: readonly string[],
  listed: readonly VocabularyEntry[],
): ListedSpellings | null {
  const { written, spellable } = speller(labels);
  const phrases = new Map<string, string>();
  const add = (spelled: string, as: string) => {
    if (!phrases.has(spelled)) phrases.set(spelled, as);
  };
  // The entries as the model writes them (entries it cannot write are spellVocabulary's to refuse).
  const spelledAs = listed.map((entry) => ({
    spelled: written(entry.phrase) ?? entry.phrase,
    entry,
  }));
  for (const { spelled, entry } of spelledAs) add(spelled, entry.written ?? entry.phrase);
  // Then the case variants of the written forms, where no entry is spelled so.
  for (const { spelled, entry } of spelledAs) {
    const as = entry.written;
    if (as === undefined) continue;
    for (const variant of withCaseVariants([spelled]).slice(1).filter(spellable))
      add(variant, as !== as.toLowerCase() ? as : sameCase(variant, as));
  }
  const differing = [...phrases].filter(([spelled, as]) => spelled !== as);
  if (differing.length === 0) return null;
  const multi = differing.filter(([spelled]) => spelled.includes(' '));
  return {
    phrases: multi
      .map(([spelled, as]) => ({ spelled: spelled.split(' '), listed: as.split(' ') }))
      .sort((a, b) => b.spelled.length - a.spelled.length),
    words: new Map(differing.filter(([spelled]) => !spelled.includes(' '))),
  };
}

/** Lower-case `text` in the case of `variant`, a Capitalised or UPPER-CASE word. */
function sameCase(variant: string, text: string): string {
  return variant === variant.toUpperCase() && variant.length > 1
    ? text.toUpperCase()
    : text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `words` as the user listed them: listed phrases first (longest first), then
 * single words. A phrase written with another number of words than it is said
 * ("NYC = new york") becomes words made by `join` from the words said.
 */
export function writeAsListed<W extends { word: string }>(
  spellings: ListedSpellings,
  words: readonly W[],
  join: (said: readonly W[], word: string) => W,
): W[] {
  const out: W[] = [];
  for (let i = 0; i < words.length;) {
    const phrase = spellings.phrases.find((p) =>
      p.spelled.every((w, k) => words[i + k]?.word === w),
    );
    if (phrase) {
      const said = words.slice(i, i + phrase.spelled.length);
      phrase.listed.forEach((word, k) =>
        out.push(phrase.listed.length === said.length ? { ...said[k]!, word } : join(said, word)),
      );
      i += said.length;
    } else {
      const w = words[i]!;
      const as = spellings.words.get(w.word);
      out.push(as === undefined ? w : { ...w, word: as });
      i++;
    }
  }
  return out;
}

/** A model's characters for people, letter and digit runs as ranges: "a–z, ' and space". */
function describeLabels(alphabet: Alphabet): string {
  const chars = alphabet.tokens.filter((t, i) => i !== alphabet.blank && t !== '' && t !== ' ');
  const alnum = chars.filter((c) => /^[a-zA-Z0-9]$/.test(c)).sort();
  const parts: string[] = [];
  for (let i = 0; i < alnum.length;) {
    let j = i;
    while (alnum[j + 1]?.charCodeAt(0) === alnum[j].charCodeAt(0) + 1) j++;
    parts.push(...(j - i >= 2 ? [`${alnum[i]}–${alnum[j]}`] : alnum.slice(i, j + 1)));
    i = j + 1;
  }
  const others = chars.filter((c) => !alnum.includes(c));
  parts.push(...(others.length > 8 ? ['punctuation'] : others));
  if (alphabet.delimiterIndex >= 0) parts.push('space');
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join('');
}

/**
 * What to write instead of a phrase with characters a model lacks: numbers as
 * words; else the phrase without accents and punctuation when the model then
 * spells it ("café" → "cafe"); else spelled as it sounds.
 */
function respellHint(
  phrase: string,
  missing: readonly string[],
  spellable: (s: string) => boolean,
): string {
  if (missing.some((ch) => /\p{N}/u.test(ch)))
    return 'write numbers as words ("twelve", "two thousand")';
  const plain = phrase
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}' ]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
  const variant = [plain, plain.toLowerCase()].find((v) => v !== '' && spellable(v));
  return variant !== undefined
    ? `write it as "${variant}"`
    : 'spell it as it sounds, with those characters';
}

/**
 * The words and their usual case variants: a lower-case word also Capitalised
 * and in UPPER CASE, a Capitalised one also in UPPER CASE ("the" → "The", "THE";
 * "Paris" → "PARIS"). Other spellings ("iPhone") stay as listed. Variants a
 * model cannot spell (a speech model has no capitals) are left out by the Lexicon.
 */
export function withCaseVariants(words: readonly string[]): string[] {
  return [...new Set(caseVariants(words))];
}

/**
 * withCaseVariants one at a time, a variant met twice given twice (a Lexicon
 * keeps each word once): for a large word list, no set of them all is held.
 */
export function* caseVariants(words: Iterable<string>): Generator<string> {
  for (const w of words) {
    yield w;
    const rest = w.slice(1);
    if (rest !== rest.toLowerCase()) continue;
    const capital = w.charAt(0).toUpperCase() + rest;
    const lower = w === w.toLowerCase();
    if (lower) yield capital;
    if (lower || w === capital) yield w.toUpperCase();
  }
}
