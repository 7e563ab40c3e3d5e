// Inverse text normalization: recognized words as people write them —
// numbers as digits, dates, times, money, percentages and ordinals. Words
// keep their timings: a token made of several words spans their times.
//
// The rules (decided for dictation; the tests hold every one):
// - One spoken number becomes its value: "seventy three" → 73, "one hundred
//   and five" → 105, "two thousand twenty six" → 2026; from 10,000 up with
//   thousands separators ("ten thousand" → 10,000).
// - Consecutive spoken numbers that are digits, teens or tens are read as
//   one digit string, the way phone numbers, codes and years are said:
//   "seven three" → 73, "oh seven" → 07, "nineteen eighty four" → 1984,
//   "three fifty four" → 354. A number with "hundred"/"thousand" is never
//   glued to its neighbours ("one hundred twelve thirteen" → 112 13).
// - A lone number below ten stays a word in running text ("one idea",
//   "the first time", as style guides write it), but counts in a date, time,
//   amount or percentage ("five dollars" → $5).
// - Ordinals: "twenty first" → 21st, "tenth" → 10th; "the fifth of march" →
//   the 5th of March.
// - Dates: month + day [+ year]: "march fifth" → March 5, "march fifth twenty
//   twenty six" → March 5, 2026.
// - Times need a.m./p.m., "o'clock" or a preceding "at": "three thirty p m" →
//   3:30 PM, "seven o'clock" → 7:00, "at three thirty" → at 3:30.
// - Money and percent: "five dollars" → $5, "five dollars and twenty cents" →
//   $5.20, "twenty five cents" → 25¢, "ten percent" → 10%, "three point one
//   four" → 3.14.
// - A spelled utterance (single letters next to letters or digits, "b seven
//   three", "e m i l y") is left as said: spelling is not dictation.
// Words that are not part of a number are never dropped or changed (month
// names are capitalised in dates); spoken commands ("new line", "period") are
// not number words and pass through.
import {
  NUMBER_WORDS,
  ordinalSuffix,
  readNumber,
  UNIT_WORDS,
  type SpokenNumber,
} from './number-words';

export interface TimedWord {
  word: string;
  start: number;
  end: number;
  confidence: number;
}

/** The month names, January first (a name's index is its month less one). */
export const MONTH_NAMES: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const CURRENCIES: Record<string, string> = {
  dollar: '$',
  dollars: '$',
  euro: '€',
  euros: '€',
  pound: '£',
  pounds: '£',
};
const DIGIT_WORDS: ReadonlySet<string> = new Set(['oh', ...UNIT_WORDS]);

/** Words the normalizer may fold into a number token (every other word survives as it is). */
export const FOLDABLE_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORDS,
  'point',
  'percent',
  ...Object.keys(CURRENCIES),
  'cent',
  'cents',
  'a',
  'p',
  'm',
  'am',
  'pm',
  'a.m.',
  'p.m.',
  "o'clock",
  'oclock',
]);

/** An output token made of input words [from, to). */
interface Piece {
  text: string;
  from: number;
  to: number;
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function formatCardinal(n: number): string {
  const digits = String(n);
  return n >= 10_000 ? digits.replace(/\B(?=(\d{3})+$)/g, ',') : digits;
}

/** A run of spoken numbers read as one: a single number, or digit groups glued together. */
interface Sequence {
  text: string;
  length: number;
  numbers: SpokenNumber[];
}

function readSequence(w: readonly string[], i: number): Sequence | null {
  const first = readNumber(w, i);
  if (!first) return null;
  const numbers = [first];
  let length = first.length;
  if (first.group && !first.ordinal) {
    for (;;) {
      const next = readNumber(w, i + length);
      if (!next || !next.group || next.ordinal) break;
      numbers.push(next);
      length += next.length;
    }
  }
  if (numbers.length === 1 && first.onlyOh) return null; // "oh" alone is a word
  const text =
    numbers.length > 1
      ? numbers.map((n) => String(n.value)).join('')
      : first.ordinal
        ? ordinalSuffix(first.value)
        : formatCardinal(first.value);
  return { text, length, numbers };
}

/** A lone number below ten ("one", "fifth") stays a word in running text. */
const isSmall = (s: Sequence) =>
  s.numbers.length === 1 && s.length === 1 && s.numbers[0]!.value < 10;

/** "… point one four": the digits after a decimal point, or null. */
function readDecimals(w: readonly string[], i: number): { text: string; length: number } | null {
  if (w[i] !== 'point') return null;
  let text = '';
  let j = i + 1;
  for (; j < w.length && DIGIT_WORDS.has(w[j]!); j++) text += String(readNumber(w, j)!.value);
  return text ? { text: `.${text}`, length: j - i } : null;
}

function readAmPm(w: readonly string[], i: number): { text: string; length: number } | null {
  const one = w[i];
  if (one === 'am' || one === 'a.m.') return { text: 'AM', length: 1 };
  if (one === 'pm' || one === 'p.m.') return { text: 'PM', length: 1 };
  if ((one === 'a' || one === 'p') && w[i + 1] === 'm')
    return { text: `${one.toUpperCase()}M`, length: 2 };
  return null;
}

/** A plain cardinal (not ordinal) single number in [min, max], read at i. */
function readCardinalIn(w: readonly string[], i: number, min: number, max: number) {
  const n = readNumber(w, i);
  return n && !n.ordinal && !n.onlyOh && n.value >= min && n.value <= max ? n : null;
}

function matchTime(w: readonly string[], i: number): Piece[] | null {
  const hour = readCardinalIn(w, i, 1, 12);
  if (!hour || !hour.group) return null;
  let j = i + hour.length;
  let minutes: string | null = null;
  if (w[j] === 'oh' && readCardinalIn(w, j + 1, 1, 9)) {
    minutes = `0${readNumber(w, j + 1)!.value}`;
    j += 2;
  } else {
    const m = readCardinalIn(w, j, 10, 59);
    if (m && m.group) {
      minutes = String(m.value);
      j += m.length;
    }
  }
  const clock = minutes ? `${hour.value}:${minutes}` : String(hour.value);
  const ampm = readAmPm(w, j);
  if (ampm) return [{ text: `${clock} ${ampm.text}`, from: i, to: j + ampm.length }];
  if (!minutes && (w[j] === "o'clock" || w[j] === 'oclock'))
    return [{ text: `${hour.value}:00`, from: i, to: j + 1 }];
  if (minutes && w[i - 1] === 'at') return [{ text: clock, from: i, to: j }];
  return null;
}

function matchDate(words: readonly string[], w: readonly string[], i: number): Piece[] | null {
  const month = MONTH_NAMES.indexOf(w[i]!);
  if (month < 0) return null;
  const day = readNumber(w, i + 1);
  if (!day || day.onlyOh || day.value < 1 || day.value > 31 || (!day.group && !day.ordinal))
    return null;
  const pieces: Piece[] = [
    { text: capitalise(words[i]!), from: i, to: i + 1 },
    { text: String(day.value), from: i + 1, to: i + 1 + day.length },
  ];
  const yearAt = i + 1 + day.length;
  const year = readSequence(w, yearAt);
  if (year && /^[12]\d{3}$/.test(year.text)) {
    pieces[1]!.text += ',';
    pieces.push({ text: year.text, from: yearAt, to: yearAt + year.length });
  }
  return pieces;
}

/** Numbers with what follows them: "the fifth of march", amounts, percentages, decimals. */
function matchNumber(words: readonly string[], w: readonly string[], i: number): Piece[] | null {
  const seq = readSequence(w, i);
  if (!seq) return null;
  let j = i + seq.length;
  const only = seq.numbers.length === 1 ? seq.numbers[0]! : null;

  if (only?.ordinal) {
    // "the fifth of march": the day as digits, the month capitalised
    if (w[j] === 'of' && MONTH_NAMES.includes(w[j + 1]!) && only.value >= 1 && only.value <= 31)
      return [
        { text: seq.text, from: i, to: j },
        { text: words[j]!, from: j, to: j + 1 },
        { text: capitalise(words[j + 1]!), from: j + 1, to: j + 2 },
      ];
    return only.value < 10 ? null : [{ text: seq.text, from: i, to: j }];
  }

  let text = seq.text;
  const decimals = readDecimals(w, j);
  if (decimals) {
    text += decimals.text;
    j += decimals.length;
  }
  const symbol = CURRENCIES[w[j] ?? ''];
  if (symbol) {
    j += 1;
    // "… dollars and twenty cents"
    const cents = !decimals && w[j] === 'and' ? readCardinalIn(w, j + 1, 1, 99) : null;
    if (cents?.group && /^cents?$/.test(w[j + 1 + cents.length] ?? '')) {
      text += `.${String(cents.value).padStart(2, '0')}`;
      j += 2 + cents.length;
    }
    return [{ text: `${symbol}${text}`, from: i, to: j }];
  }
  if (!decimals && only && only.value < 100 && /^cents?$/.test(w[j] ?? ''))
    return [{ text: `${only.value}¢`, from: i, to: j + 1 }];
  if (w[j] === 'percent') return [{ text: `${text}%`, from: i, to: j + 1 }];
  if (decimals) return [{ text, from: i, to: j }];
  return isSmall(seq) ? null : [{ text: seq.text, from: i, to: j }];
}

const SINGLE_LETTER = /^[a-z]$/;

/**
 * Spelling, not dictation: a single letter (other than the words "a" and "i")
 * next to another letter or a digit word, or two letters in a row ("a b");
 * "a m"/"p m" after a time do not count.
 */
export function isSpelled(words: readonly string[]): boolean {
  const w = words.map((x) => x.toLowerCase());
  const ampm = new Set<number>();
  w.forEach((x, i) => {
    if ((x === 'a' || x === 'p') && w[i + 1] === 'm') ampm.add(i).add(i + 1);
  });
  const letter = (i: number) => SINGLE_LETTER.test(w[i] ?? '') && !ampm.has(i);
  const digit = (i: number) => DIGIT_WORDS.has(w[i] ?? '');
  return w.some((x, i) => {
    if (!letter(i)) return false;
    if (letter(i + 1)) return true;
    return x !== 'a' && x !== 'i' && (digit(i - 1) || digit(i + 1) || letter(i - 1));
  });
}

/** The words as written: numbers as digits, dates, times, money (see the rules above). */
export function inverseNormalize(words: readonly TimedWord[]): TimedWord[] {
  const raw = words.map((x) => x.word);
  if (isSpelled(raw)) return words.map((x) => ({ ...x }));
  const w = raw.map((x) => x.toLowerCase());
  const out: TimedWord[] = [];
  for (let i = 0; i < words.length;) {
    const pieces = matchDate(raw, w, i) ?? matchTime(w, i) ?? matchNumber(raw, w, i);
    if (!pieces) {
      out.push({ ...words[i]! });
      i += 1;
      continue;
    }
    for (const { text, from, to } of pieces) {
      const span = words.slice(from, to);
      out.push({
        word: text,
        start: span[0]!.start,
        end: span.at(-1)!.end,
        confidence: Math.min(...span.map((x) => x.confidence)),
      });
    }
    i = pieces.at(-1)!.to;
  }
  return out;
}

/** The same for plain text (words separated by spaces; no timings). */
export function inverseNormalizeText(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return inverseNormalize(words.map((word) => ({ word, start: 0, end: 0, confidence: 1 })))
    .map((x) => x.word)
    .join(' ');
}
