const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "7" → "seven". */
export function digitWord(digit: number | string): string {
  const word = DIGITS[Number(digit)];
  if (word === undefined) throw new RangeError(`not a digit: ${digit}`);
  return word;
}

/**
 * Transcript text as the speech models use it: lower case words of a–z and
 * apostrophes separated by single spaces. Digits are read one by one
 * ("42" → "four two"); other punctuation becomes a word break.
 */
export function normalizeTranscript(text: string): string {
  return text
    .toLowerCase()
    .replace(/[0-9]/g, (d) => ` ${digitWord(d)} `)
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
