/**
 * The speech models' output alphabet and the mapping of (normalized) text
 * onto label indices.
 */

/** CTC output labels: blank (index 0, ''), space, apostrophe, a–z. */
export const SPEECH_ALPHABET: readonly string[] = Object.freeze([
  '',
  ' ',
  "'",
  ...'abcdefghijklmnopqrstuvwxyz',
]);

/** Label indices of `text` in `alphabet` (index 0 is the blank and never produced). */
export function encodeText(text: string, alphabet: readonly string[]): Int32Array {
  const index = new Map(alphabet.map((symbol, i) => [symbol, i]));
  const out = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const k = index.get(text[i]);
    if (k === undefined || k === 0)
      throw new RangeError(
        `character ${JSON.stringify(text[i])} of ${JSON.stringify(text)} is not in the model's alphabet`,
      );
    out[i] = k;
  }
  return out;
}
