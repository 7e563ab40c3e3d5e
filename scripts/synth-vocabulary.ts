/**
 * Sentences in the CMU AN4 domain (its dictionary: spelled letters, digits and
 * numbers, dates, command words) for synthetic training speech.
 */
import {
  MONTH_NAMES,
  spokenOrdinal,
  TEEN_WORDS as TEENS,
  TENS_WORDS as TENS,
  UNIT_WORDS,
} from '../engine/index';

export type Random = () => number;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
/** The spoken digits, "oh" and "zero" first (UNITS below relies on the order). */
export const DIGITS: string[] = ['oh', ...UNIT_WORDS];
const UNITS = DIGITS.slice(2);
export const MONTHS = MONTH_NAMES;
/** The day ordinals AN4 says: first … twenty third, thirtieth, thirty first. */
const ORDINALS = [...Array.from({ length: 23 }, (_, i) => i + 1), 30, 31].map(spokenOrdinal);
const COMMANDS = ['yes', 'no', 'go', 'stop', 'start', 'enter', 'erase', 'rubout', 'repeat', 'help'];

/** One item of `list`, drawn uniformly. */
export const pick = <T>(rng: Random, list: readonly T[]): T =>
  list[Math.floor(rng() * list.length)];
const times = (rng: Random, lo: number, hi: number, f: () => string) =>
  Array.from({ length: lo + Math.floor(rng() * (hi - lo + 1)) }, f).join(' ');

/** 0 ≤ n < 10000 in words, AN4 style ("one thousand nine hundred eighty one"). */
export function numberWords(n: number): string {
  const parts: string[] = [];
  if (n >= 1000) parts.push(`${numberWords(Math.floor(n / 1000))} thousand`);
  const h = Math.floor((n % 1000) / 100);
  if (h) parts.push(`${UNITS[h - 1]} hundred`);
  const r = n % 100;
  if (r >= 20) parts.push(TENS[Math.floor(r / 10) - 2] + (r % 10 ? ` ${UNITS[(r % 10) - 1]}` : ''));
  else if (r >= 10) parts.push(TEENS[r - 10]);
  else if (r > 0) parts.push(UNITS[r - 1]);
  return parts.length ? parts.join(' ') : 'zero';
}

const generators: ((rng: Random) => string)[] = [
  (rng) => times(rng, 2, 7, () => pick(rng, LETTERS)), // spelled names and words
  (rng) => times(rng, 3, 9, () => pick(rng, DIGITS)), // digit strings (phone, zip codes)
  (rng) => numberWords(Math.floor(rng() * 10000)),
  (rng) =>
    `${pick(rng, MONTHS)} ${pick(rng, ORDINALS)} nineteen ${pick(rng, TENS)} ${pick(rng, UNITS)}`,
  (rng) => `${pick(rng, MONTHS)} ${pick(rng, ORDINALS)}`,
  (rng) => times(rng, 1, 2, () => pick(rng, COMMANDS)),
  (rng) =>
    `${times(rng, 1, 4, () => pick(rng, LETTERS))} ${times(rng, 1, 3, () => pick(rng, UNITS))}`,
];

/** `count` random AN4-domain sentences (lower-case words). */
export function an4StyleSentences(count: number, rng: Random): string[] {
  return Array.from({ length: count }, () => pick(rng, generators)(rng));
}

/**
 * What a synthesiser is asked to say for a transcript so that single letters
 * come out as letter names: Festival and flite read upper-case letters as
 * names; espeak-ng reads lone letters as names except "a" (the article), which
 * it says right as "eigh" (checked with `espeak-ng -x`).
 */
export function speakableText(
  transcript: string,
  engine: 'espeak-ng' | 'flite' | 'festival',
): string {
  return transcript
    .split(' ')
    .map((w) =>
      w.length !== 1 ? w : engine === 'espeak-ng' ? (w === 'a' ? 'eigh' : w) : w.toUpperCase(),
    )
    .join(' ');
}
