/**
 * Case errors of handwriting: reference words recognized with the right
 * letters but the wrong capitalisation ("Paris" read as "paris"). Counted
 * apart because capitalised words are the weakest group of the words model
 * and a lexicon or LM fix differs from a shape fix. Words are compared by
 * position when the hypothesis has as many words as the reference (always the
 * case for isolated words); otherwise the line has word errors that are not
 * only case, and none of its words count here.
 */
export function countCaseErrors(reference: string, hypothesis: string): number {
  return caseErrors(reference, hypothesis).length;
}

/** The case errors of a reading as [reference word, hypothesis word] pairs (see countCaseErrors). */
export function caseErrors(reference: string, hypothesis: string): [string, string][] {
  const ref = reference.split(/\s+/).filter(Boolean);
  const hyp = hypothesis.split(/\s+/).filter(Boolean);
  if (ref.length !== hyp.length) return [];
  return ref
    .map((r, i): [string, string] => [r, hyp[i]])
    .filter(([r, h]) => r !== h && r.toLowerCase() === h.toLowerCase());
}

/** How a word's letters are cased (other characters aside); a lone capital is Capitalised. */
export type LetterCase = 'lower' | 'Capitalised' | 'CAPITALS' | 'mixed' | 'none';

export function letterCase(word: string): LetterCase {
  const letters = [...word].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  if (letters.length === 0) return 'none';
  const small = (ch: string) => ch === ch.toLowerCase();
  if (letters.every(small)) return 'lower';
  if (!small(letters[0]) && letters.slice(1).every(small)) return 'Capitalised';
  if (!letters.some(small)) return 'CAPITALS';
  return 'mixed';
}

/**
 * Case errors counted by kind, "reference case -> hypothesis case" (e.g.
 * "CAPITALS -> Capitalised" for "TO" read as "To"), over many readings.
 */
export function caseErrorKinds(
  details: readonly { reference: string; hypothesis: string }[],
): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const d of details)
    for (const [r, h] of caseErrors(d.reference, d.hypothesis)) {
      const kind = `${letterCase(r)} -> ${letterCase(h)}`;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
  return Object.fromEntries(Object.entries(kinds).sort((a, b) => b[1] - a[1]));
}
