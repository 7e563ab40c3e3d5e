// Words a model spelled as heard: outside its dictionary (its lexicon or its
// word LM's words), the user's vocabulary and hotwords. A broad model writes
// such words letter by letter, often wrongly and yet with a high acoustic
// confidence ("santeryporttocjontomyrowmornay" at 73%), so Dictate marks them
// for checking as it marks words of low confidence.

/** The words a recognition may write from a list (lower case), or null when the model has none. */
export function knownWords(
  dictionary: readonly string[] | null,
  listed: readonly string[],
): ReadonlySet<string> | null {
  if (dictionary === null) return null;
  const known = new Set(dictionary.map((w) => w.toLowerCase()));
  for (const phrase of listed)
    for (const w of phrase.toLowerCase().split(/\s+/)) if (w !== '') known.add(w);
  return known;
}

/**
 * The recognized words, those outside `known` flagged `spelled` (the raw
 * words of a result, before numbers are written as digits or commands act);
 * as they are when the model has no word list to judge by.
 */
export function markSpelled<W extends { word: string }>(
  words: readonly W[],
  known: ReadonlySet<string> | null,
): (W & { spelled?: true })[] {
  if (known === null) return [...words];
  return words.map((w) => (known.has(w.word.toLowerCase()) ? w : { ...w, spelled: true }));
}
