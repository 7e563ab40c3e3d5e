/**
 * Issue 20's measures of a handwritten-words model beside the plain scores,
 * shared by the words evaluation of the publish step (publish.ts) and
 * scripts/ink-lines-eval.ts: the word list with every test word added, and
 * the share of Capitalised words read right.
 */

/**
 * The word list plus every word of the test labels (lines cut at spaces):
 * issue 20's "lexicon holding every test word". Not what a user gets.
 */
export function withEveryTestWord(
  lexicon: readonly string[],
  testLabels: readonly string[],
): string[] {
  return [...new Set([...lexicon, ...testLabels.flatMap((l) => l.split(' ')).filter(Boolean)])];
}

/** How many readings there are and the share read exactly right. */
export function exactShare(details: readonly { reference: string; hypothesis: string }[]): {
  n: number;
  right: number;
} {
  const right = details.filter((d) => d.reference === d.hypothesis).length;
  return {
    n: details.length,
    right: Number((details.length ? right / details.length : 0).toFixed(4)),
  };
}

/** Words written Capitalised ("Paris"; the weakest group of issue 20 item 3): the share read right. */
export const capitalisedShare = (details: readonly { reference: string; hypothesis: string }[]) =>
  exactShare(details.filter((d) => /^[A-Z][a-z]+$/.test(d.reference)));
