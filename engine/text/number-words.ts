// English number words → values: the lexicon and a parser for one spoken
// number ("seventy three", "one hundred and fifth", "two thousand five").
// Platform-free; inverse-normalize.ts builds digits, dates, times and money on it.

/** The spoken digits, zero to nine, in order (a word's index is its value). */
export const UNIT_WORDS: readonly string[] = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
];
/** Ten to nineteen, in order. */
export const TEEN_WORDS: readonly string[] = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
/** Twenty, thirty … ninety, in order. */
export const TENS_WORDS: readonly string[] = [
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  hundredth: 100,
  thousandth: 1e3,
  millionth: 1e6,
};

const ORDINAL_BY_VALUE = new Map(Object.entries(ORDINAL_WORDS).map(([word, n]) => [n, word]));

/** 1 ≤ n ≤ 99 as spoken ordinal words ("fifth", "thirtieth", "twenty first"). */
export function spokenOrdinal(n: number): string {
  if (!(Number.isInteger(n) && n >= 1 && n <= 99))
    throw new RangeError(`spokenOrdinal(${n}): a whole number from 1 to 99`);
  return (
    ORDINAL_BY_VALUE.get(n) ??
    `${TENS_WORDS[Math.floor(n / 10) - 2]} ${ORDINAL_BY_VALUE.get(n % 10)!}`
  );
}

/** Every word a spoken number can be made of ("and" and "oh" only inside one). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...UNIT_WORDS,
  ...TEEN_WORDS,
  ...TENS_WORDS,
  'hundred',
  ...Object.keys(SCALES),
  ...Object.keys(ORDINAL_WORDS),
  'and',
  'oh',
]);

/** What one word is worth, and how it combines. */
type Part =
  | { kind: 'unit'; value: number } // 0–9 ("oh" too: a zero only among digits)
  | { kind: 'teen'; value: number } // 10–19
  | { kind: 'tens'; value: number } // 20, 30 … 90
  | { kind: 'hundred' }
  | { kind: 'scale'; value: number }
  | { kind: 'ordinal'; value: number };

function partOf(word: string): Part | null {
  const w = word.toLowerCase();
  if (w === 'oh') return { kind: 'unit', value: 0 };
  let i = UNIT_WORDS.indexOf(w);
  if (i >= 0) return { kind: 'unit', value: i };
  i = TEEN_WORDS.indexOf(w);
  if (i >= 0) return { kind: 'teen', value: 10 + i };
  i = TENS_WORDS.indexOf(w);
  if (i >= 0) return { kind: 'tens', value: 20 + 10 * i };
  if (w === 'hundred') return { kind: 'hundred' };
  if (w in SCALES) return { kind: 'scale', value: SCALES[w]! };
  if (w in ORDINAL_WORDS) return { kind: 'ordinal', value: ORDINAL_WORDS[w]! };
  return null;
}

/** One spoken number read from a word list. */
export interface SpokenNumber {
  value: number;
  /** Words it spans. */
  length: number;
  /** It ended in an ordinal word ("twenty first"). */
  ordinal: boolean;
  /** Only digits, teens and tens (< 100, no "hundred"/"thousand"): a digit group. */
  group: boolean;
  /** The number is the single word "oh" (a zero only among other digits). */
  onlyOh: boolean;
}

/**
 * Reads the longest spoken number starting at `words[start]`, or null. Word
 * order decides where one number ends: "seventy three" is one number,
 * "seven three" two ("seven" cannot be followed by another digit).
 */
export function readNumber(words: readonly string[], start: number): SpokenNumber | null {
  let total = 0; // completed thousands/millions
  let current = 0; // below the last scale
  let last: Part['kind'] | 'and' | null = null;
  let length = 0;
  let ordinal = false;
  let group = true;
  let lastScale = Infinity;
  let onlyOh = false;

  for (let i = start; i < words.length; i++) {
    const word = words[i]!.toLowerCase();
    if (word === 'and') {
      // "one hundred and five", "two thousand and five": only after hundred/scale, before a number
      const next = partOf(words[i + 1] ?? '');
      if (
        (last === 'hundred' || last === 'scale') &&
        next &&
        next.kind !== 'scale' &&
        next.kind !== 'hundred'
      ) {
        last = 'and';
        continue;
      }
      break;
    }
    const part = partOf(word);
    if (!part) break;
    const below100 = current % 100;
    // where a ones word (digit, "first"…"ninth") or a tens word (teen, tens, "tenth"…) may stand
    const onesSlot =
      last === null || last === 'tens' || last === 'hundred' || last === 'scale' || last === 'and';
    const tensSlot =
      last === null ||
      ((last === 'hundred' || last === 'scale' || last === 'and') && below100 === 0);
    const ok = ((): boolean => {
      switch (part.kind) {
        case 'unit':
          return word === 'oh' ? last === null : onesSlot;
        case 'teen':
        case 'tens':
          return tensSlot;
        case 'hundred':
          // not first: "a hundred people" keeps its words
          return (last === 'unit' || last === 'teen' || last === 'tens') && current < 100;
        case 'scale':
          return last !== null && last !== 'and' && part.value < lastScale;
        case 'ordinal':
          // "fifth", "twenty first", "one hundred and fifth", "three hundredth"
          if (part.value < 10) return onesSlot;
          if (part.value < 100) return tensSlot;
          return last === null || last === 'unit' || last === 'teen' || last === 'tens';
      }
    })();
    if (!ok) break;
    length = i - start + 1;
    if (part.kind === 'unit' && word === 'oh') onlyOh = true;
    switch (part.kind) {
      case 'unit':
      case 'teen':
      case 'tens':
        current += part.value;
        break;
      case 'hundred':
        current = (current || 1) * 100;
        group = false;
        break;
      case 'scale':
        total += (current || 1) * part.value;
        current = 0;
        lastScale = part.value;
        group = false;
        break;
      case 'ordinal':
        if (part.value >= 100) current = (current || 1) * part.value;
        else current += part.value;
        if (part.value >= 100) group = false;
        ordinal = true;
        break;
    }
    last = part.kind;
    if (ordinal || onlyOh) break;
  }
  if (length === 0) return null;
  return { value: total + current, length, ordinal, group, onlyOh };
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st … */
export function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}
