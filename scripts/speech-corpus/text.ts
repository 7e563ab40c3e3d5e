/**
 * What the synthetic voices of the broad English corpus say: single words from
 * Debian's word lists, names, numbers (digit strings, cardinals, years, dates,
 * times), spelled letters, short commands and whole sentences from templates.
 * Pure: word lists are passed in, randomness comes from the caller's rng.
 */
import { seededRandom } from '../../engine/index';
import { DIGITS, MONTHS, numberWords, pick, type Random } from '../synth-vocabulary';

export interface WordLists {
  /** Plain lower-case words (a–z only), e.g. from /usr/share/dict/american-english. */
  words: string[];
  /** Given names and surnames, lower-cased (the capitalised entries of the same lists). */
  names: string[];
}

/** What kind of utterance a text is (kept in the manifest so evaluation can split by it). */
export type TextKind =
  | 'word'
  | 'words'
  | 'name'
  | 'digits'
  | 'number'
  | 'year'
  | 'date'
  | 'time'
  | 'letters'
  | 'command'
  | 'sentence';

export interface UtteranceText {
  kind: TextKind;
  /** Lower-case words separated by single spaces (a–z and the apostrophe only). */
  text: string;
}

const PLAIN_WORD = /^[a-z]+$/;
const CAPITALISED = /^[A-Z][a-z]+$/;

/**
 * Splits word-list text (one entry a line) into plain lower-case words and
 * capitalised entries (names, places), dropping possessives, accents and
 * abbreviations. Single letters other than "a" and "i" are dropped (a lone
 * letter is spoken as its name, which the 'letters' kind covers).
 */
export function parseWordList(text: string): WordLists {
  const words = new Set<string>();
  const names = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const entry = raw.trim();
    if (PLAIN_WORD.test(entry) && (entry.length > 1 || entry === 'a' || entry === 'i'))
      words.add(entry);
    else if (CAPITALISED.test(entry)) names.add(entry.toLowerCase());
  }
  for (const w of words) names.delete(w);
  return { words: [...words].sort(), names: [...names].sort() };
}

/** The union of several word lists, sorted. */
export function mergeWordLists(lists: WordLists[]): WordLists {
  const words = new Set(lists.flatMap((l) => l.words));
  const names = new Set(lists.flatMap((l) => l.names).filter((n) => !words.has(n)));
  return { words: [...words].sort(), names: [...names].sort() };
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const ORDINAL_UNITS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
];
const ORDINAL_TEENS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** 1 ≤ n ≤ 31 as an ordinal ("twenty first"). */
export function ordinalWords(n: number): string {
  if (!(Number.isInteger(n) && n >= 1 && n <= 99)) throw new RangeError(`ordinal ${n}: 1..99`);
  if (n < 10) return ORDINAL_UNITS[n - 1];
  if (n < 20) return ORDINAL_TEENS[n - 10];
  const tens = numberWords(n - (n % 10));
  if (n % 10 === 0) return `${tens.slice(0, -1)}ieth`;
  return `${tens} ${ORDINAL_UNITS[(n % 10) - 1]}`;
}

/** A year as people say it: "nineteen eighty four", "two thousand five", "twenty twenty". */
export function yearWords(year: number): string {
  if (!(Number.isInteger(year) && year >= 1000 && year <= 2099))
    throw new RangeError(`year ${year}: 1000..2099`);
  const hi = Math.floor(year / 100);
  const lo = year % 100;
  if (year >= 2000 && year < 2010) return numberWords(year);
  if (lo === 0) return `${numberWords(hi)} hundred`;
  return `${numberWords(hi)} ${lo < 10 ? `oh ${numberWords(lo)}` : numberWords(lo)}`;
}

/** A clock time: "seven", "seven fifteen", "seven oh five", "half past seven", with "a m"/"p m" sometimes. */
export function timeWords(hour: number, minute: number, rng: Random): string {
  if (!(hour >= 1 && hour <= 12 && minute >= 0 && minute < 60))
    throw new RangeError(`time ${hour}:${minute}`);
  const h = numberWords(hour);
  const style = rng();
  let t: string;
  if (minute === 0) t = style < 0.5 ? `${h} o'clock` : h;
  else if (minute === 30 && style < 0.3) t = `half past ${h}`;
  else if (minute === 15 && style < 0.3) t = `quarter past ${h}`;
  else t = `${h} ${minute < 10 ? `oh ${numberWords(minute)}` : numberWords(minute)}`;
  const suffix = rng();
  return suffix < 0.2 ? `${t} a m` : suffix < 0.4 ? `${t} p m` : t;
}

const COMMANDS = [
  'yes',
  'no',
  'stop',
  'go',
  'start',
  'cancel',
  'undo',
  'redo',
  'next',
  'previous',
  'back',
  'forward',
  'up',
  'down',
  'left',
  'right',
  'open',
  'close',
  'save',
  'delete',
  'select all',
  'copy that',
  'paste',
  'new line',
  'new paragraph',
  'scratch that',
  'play',
  'pause',
  'resume',
  'louder',
  'quieter',
  'mute',
  'turn on the lights',
  'turn off the radio',
  'call home',
  'read it back',
  'send it',
  'help me',
  'what time is it',
  'open the door',
  'go to sleep',
  'wake up',
  'show me more',
  'try again',
  'never mind',
  'that is all',
  'thank you',
  'okay',
  'repeat that',
  'start recording',
  'stop recording',
  'zoom in',
  'zoom out',
  'scroll down',
  'scroll up',
  'page down',
  'page up',
];

// Small hand-written word classes for grammatical sentences; the slots marked
// W take any word of the dictionary so the sentences cover its vocabulary too.
const NOUNS = [
  'report',
  'letter',
  'meeting',
  'car',
  'house',
  'book',
  'phone',
  'window',
  'door',
  'table',
  'message',
  'ticket',
  'garden',
  'dog',
  'cat',
  'child',
  'teacher',
  'doctor',
  'train',
  'bus',
  'city',
  'river',
  'picture',
  'computer',
  'file',
  'order',
  'package',
  'money',
  'water',
  'coffee',
  'dinner',
  'breakfast',
  'lunch',
  'music',
  'song',
  'game',
  'story',
  'problem',
  'question',
  'answer',
  'idea',
  'plan',
  'office',
  'school',
  'market',
  'bridge',
  'road',
  'key',
  'box',
  'bag',
  'shirt',
  'shoes',
  'bread',
  'apple',
  'weather',
  'news',
  'paper',
  'pen',
  'list',
  'room',
  'kitchen',
  'camera',
  'bottle',
  'chair',
  'light',
  'engine',
  'account',
  'invoice',
  'schedule',
  'project',
  'team',
  'family',
  'friend',
  'neighbor',
  'student',
  'manager',
  'customer',
];
const VERBS = [
  'send',
  'bring',
  'take',
  'find',
  'call',
  'check',
  'open',
  'close',
  'move',
  'fix',
  'clean',
  'paint',
  'read',
  'write',
  'sign',
  'print',
  'buy',
  'sell',
  'carry',
  'pick up',
  'drop off',
  'cancel',
  'book',
  'order',
  'finish',
  'start',
  'review',
  'share',
  'show',
  'hide',
  'wash',
  'cook',
  'watch',
  'visit',
  'meet',
  'help',
  'ask',
  'tell',
  'remember',
  'forget',
];
const ADJECTIVES = [
  'new',
  'old',
  'big',
  'small',
  'red',
  'blue',
  'green',
  'white',
  'black',
  'quiet',
  'loud',
  'quick',
  'slow',
  'early',
  'late',
  'happy',
  'sad',
  'warm',
  'cold',
  'bright',
  'dark',
  'heavy',
  'light',
  'clean',
  'dirty',
  'long',
  'short',
  'important',
  'simple',
  'strange',
  'beautiful',
  'broken',
  'empty',
  'full',
  'final',
  'next',
  'last',
  'first',
];
const PLACES = [
  'the office',
  'the station',
  'the airport',
  'the store',
  'the bank',
  'the park',
  'the library',
  'the hospital',
  'the hotel',
  'school',
  'home',
  'work',
  'the beach',
  'the city',
  'the kitchen',
  'the garage',
];
const WHEN = [
  'today',
  'tomorrow',
  'tonight',
  'yesterday',
  'tomorrow morning',
  'this afternoon',
  'this evening',
  'next week',
  'last week',
  'next month',
  'right now',
  'later',
  'soon',
  'in an hour',
  'in ten minutes',
  'every day',
  'on the weekend',
];

const chance = (rng: Random, p: number) => rng() < p;

type Slots = { W: () => string; N: () => string; D: () => string };

/** Sentence templates; each returns lower-case words. */
const TEMPLATES: ((rng: Random, s: Slots) => string)[] = [
  (r, s) => `please ${pick(r, VERBS)} the ${pick(r, NOUNS)} to ${s.N()} ${pick(r, WHEN)}`,
  (r, s) => `${s.N()} will ${pick(r, VERBS)} the ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}`,
  (r) => `the ${pick(r, NOUNS)} is ${pick(r, ADJECTIVES)} ${pick(r, WHEN)}`,
  (r, s) => `can you ${pick(r, VERBS)} my ${pick(r, NOUNS)} ${s.D()}`,
  (r, s) => `i need to ${pick(r, VERBS)} ${s.N()} at ${pick(r, PLACES)}`,
  (_r, s) => `the word is ${s.W()}`,
  (_r, s) => `please write ${s.W()}`,
  (_r, s) => `did you say ${s.W()} or ${s.W()}`,
  (_r, s) => `${s.W()} ${s.W()} and ${s.W()}`,
  (r, s) => `we should ${pick(r, VERBS)} the ${s.W()} ${pick(r, WHEN)}`,
  (r, s) => `the ${s.W()} was ${pick(r, ADJECTIVES)} and ${s.W()}`,
  (r, s) => `i think ${s.N()} likes the ${pick(r, ADJECTIVES)} ${s.W()}`,
  (r) => `meet me at ${pick(r, PLACES)} ${pick(r, WHEN)}`,
  (r, s) => `call ${s.N()} ${pick(r, WHEN)} about the ${pick(r, NOUNS)}`,
  (r, s) => `my ${pick(r, NOUNS)} is in the ${pick(r, NOUNS)} ${s.D()}`,
  (r) =>
    `there are ${numberWords(2 + Math.floor(r() * 98))} ${pick(r, NOUNS)}s in ${pick(r, PLACES)}`,
  (_r, s) => `the meeting is on ${s.D()}`,
  (r) =>
    `it costs ${numberWords(1 + Math.floor(r() * 999))} dollars and ${numberWords(1 + Math.floor(r() * 99))} cents`,
  (_r, s) => `how do you spell ${s.W()}`,
  (r, s) => `${s.N()} and ${s.N()} went to ${pick(r, PLACES)} ${pick(r, WHEN)}`,
  (r, s) => `remind me to ${pick(r, VERBS)} the ${s.W()} ${s.D()}`,
  (r) => `what is the ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} for`,
  (_r, s) => `this ${s.W()} is not a ${s.W()}`,
];

/**
 * Dictionary words spread over a whole corpus: one fixed shuffle of the list
 * (by `seed`), read from position `start` on and around. Shard i reading
 * from i × (its draws) says other words than every other shard until the list
 * is used up, where independent draws with replacement repeat words long
 * before (about 30,000 distinct of 74,000 after 42,000 draws, against all
 * 42,000). What a shard says still depends only on the seed and its index.
 */
export function wordCycle(words: readonly string[], seed: number, start: number): () => string {
  if (words.length === 0) throw new Error('the word list is empty');
  const order = [...words];
  const rng = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let at = ((start % order.length) + order.length) % order.length;
  return () => {
    const w = order[at];
    at = (at + 1) % order.length;
    return w;
  };
}

/**
 * Draws utterance texts. Each call is one utterance; the kinds' shares are
 * fixed (single dictionary words the most, since vocabulary is what the
 * broad model lacks). Dictionary words are drawn at random, or from
 * `nextWord` (a wordCycle) when given.
 */
export function createTextSampler(
  lists: WordLists,
  rng: Random,
  nextWord?: () => string,
): () => UtteranceText {
  if (lists.words.length === 0) throw new Error('the word list is empty');
  const names = lists.names.length ? lists.names : lists.words;
  const word = nextWord ?? (() => pick(rng, lists.words));
  const name = () => pick(rng, names);
  const date = () => {
    const month = pick(rng, MONTHS);
    const day = ordinalWords(1 + Math.floor(rng() * 31));
    const s = rng();
    if (s < 0.3) return `${month} ${day}`;
    if (s < 0.5) return `the ${day} of ${month}`;
    if (s < 0.7) return `${pick(rng, WEEKDAYS)} ${month} ${day}`;
    return `${month} ${day} ${yearWords(1900 + Math.floor(rng() * 140))}`;
  };
  const slots: Slots = { W: word, N: name, D: date };
  const kinds: [number, () => UtteranceText][] = [
    [30, () => ({ kind: 'word', text: word() })],
    [
      8,
      () => ({
        kind: 'words',
        text: Array.from({ length: 2 + Math.floor(rng() * 3) }, word).join(' '),
      }),
    ],
    [7, () => ({ kind: 'name', text: chance(rng, 0.5) ? name() : `${name()} ${name()}` })],
    [
      6,
      () => ({
        kind: 'digits',
        text: Array.from({ length: 1 + Math.floor(rng() * 9) }, () => pick(rng, DIGITS)).join(' '),
      }),
    ],
    [5, () => ({ kind: 'number', text: numberWords(Math.floor(rng() ** 2 * 10000)) })],
    [3, () => ({ kind: 'year', text: yearWords(1800 + Math.floor(rng() * 240)) })],
    [5, () => ({ kind: 'date', text: date() })],
    [
      3,
      () => ({
        kind: 'time',
        text: timeWords(
          1 + Math.floor(rng() * 12),
          pick(rng, [0, 0, 5, 10, 15, 20, 30, 45, Math.floor(rng() * 60)]),
          rng,
        ),
      }),
    ],
    [
      4,
      () => ({
        kind: 'letters',
        text: Array.from({ length: 1 + Math.floor(rng() * 6) }, () => pick(rng, LETTERS)).join(' '),
      }),
    ],
    [7, () => ({ kind: 'command', text: pick(rng, COMMANDS) })],
    [22, () => ({ kind: 'sentence', text: pick(rng, TEMPLATES)(rng, slots) })],
  ];
  const total = kinds.reduce((s, [w]) => s + w, 0);
  return () => {
    let x = rng() * total;
    for (const [w, make] of kinds) {
      if ((x -= w) < 0) return normalize(make());
    }
    return normalize(kinds[0][1]());
  };
}

const normalize = (u: UtteranceText): UtteranceText => ({
  kind: u.kind,
  text: u.text.replace(/\s+/g, ' ').trim(),
});
