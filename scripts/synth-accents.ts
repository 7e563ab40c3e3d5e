/**
 * Isolated spoken digits with accents, for the speech model's robustness to
 * non-native speakers (FSDD's speakers are Greek, French, German and American).
 * Non-English espeak-ng voices read a respelling of each English digit in
 * their own orthography, so the word comes out with that language's sounds —
 * unaspirated stops, pure vowels, a trilled or tapped r — which English voices
 * never produce. English voices read the digits too, one word per clip, as
 * FSDD does (the AN4 sentences have digits mostly inside longer strings).
 */
import {
  availableEngines,
  planSynthesis,
  type SynthEngine,
  type SynthRequest,
} from './synth-speech';
import { DIGITS, pick, type Random } from './synth-vocabulary';

/** zero…nine, the words FSDD speakers say. */
export const ENGLISH_DIGITS = DIGITS.filter((d) => d !== 'oh');

/**
 * Respellings of zero…nine, in ENGLISH_DIGITS order, by espeak-ng language. The
 * phonetic-Latin set serves languages whose spelling is close to their sounds.
 */
const PHONETIC_LATIN = ['siro', 'uan', 'tu', 'tri', 'for', 'faiv', 'siks', 'seven', 'eit', 'nain'];
export const RESPELLINGS: Record<string, string[]> = {
  es: PHONETIC_LATIN,
  it: ['ziro', 'uan', 'tu', 'tri', 'for', 'faiv', 'siks', 'seven', 'eit', 'nain'],
  pt: PHONETIC_LATIN,
  ro: PHONETIC_LATIN,
  pl: ['ziro', 'łan', 'tu', 'tri', 'for', 'fajw', 'siks', 'sewen', 'ejt', 'najn'],
  cs: ['ziro', 'uan', 'tu', 'tri', 'for', 'fajv', 'siks', 'sevn', 'ejt', 'najn'],
  tr: ['ziro', 'uan', 'tu', 'tri', 'for', 'fayf', 'siks', 'seven', 'eyt', 'nayn'],
  id: PHONETIC_LATIN,
  fi: PHONETIC_LATIN,
  de: ['siro', 'uann', 'tuh', 'sri', 'foah', 'feif', 'siks', 'sewen', 'eit', 'nein'],
  nl: ['ziro', 'wan', 'toe', 'trie', 'for', 'faiv', 'siks', 'seven', 'eet', 'nain'],
  'fr-fr': ['ziro', 'ouane', 'tou', 'tri', 'for', 'faïve', 'sixe', 'sévène', 'eïte', 'naïne'],
  el: ['ζίρο', 'ουάν', 'του', 'θρι', 'φορ', 'φάιβ', 'σιξ', 'σέβεν', 'έιτ', 'νάιν'],
  ru: ['зиро', 'уан', 'ту', 'сри', 'фор', 'файв', 'сикс', 'сэвэн', 'эйт', 'найн'],
  bg: ['зиро', 'уан', 'ту', 'три', 'фор', 'файв', 'сикс', 'севън', 'ейт', 'найн'],
};

/** espeak-ng voice variants layered on the languages: different vocal tracts and sexes. */
const VARIANTS = ['', '+m1', '+m3', '+m5', '+m7', '+f1', '+f3', '+f5', '+klatt2', '+croak'];

/** English voices beyond the sentence voices: other accents of English itself. */
const ENGLISH_ACCENT_VOICES = ['en-029', 'en-gb-x-gbclan', 'en-gb-x-gbcwmd', 'en-us-nyc'];

/**
 * `count` one-word digit clips: half read by foreign voices from respellings,
 * half by the English voices of every installed engine and the extra English
 * accents. Rates 110–190 words per minute, pitch 20–80. `engines` (by default
 * the installed ones) read the English half; the plan itself runs nothing.
 */
export function planDigitWords(
  count: number,
  rng: Random,
  engines: SynthEngine[] = availableEngines(),
): SynthRequest[] {
  const requests: SynthRequest[] = [];
  const languages = Object.keys(RESPELLINGS);
  for (let i = 0; i < count; i++) {
    const digit = i % ENGLISH_DIGITS.length;
    const rate = 110 + Math.round(rng() * 80);
    const pitch = 20 + Math.round(rng() * 60);
    const text = ENGLISH_DIGITS[digit];
    if (i % 2 === 0) {
      const language = pick(rng, languages);
      requests.push({
        engine: 'espeak-ng',
        voice: language + pick(rng, VARIANTS),
        rate,
        pitch,
        text,
        spoken: RESPELLINGS[language][digit],
      });
    } else if (i % 6 === 1) {
      requests.push({
        engine: 'espeak-ng',
        voice: pick(rng, ENGLISH_ACCENT_VOICES) + pick(rng, VARIANTS),
        rate,
        pitch,
        text,
      });
    } else {
      requests.push({ ...planSynthesis([text], { variants: 1, rng, engines })[0], rate, pitch });
    }
  }
  return requests;
}
