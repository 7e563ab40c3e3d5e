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
  const ref = reference.split(/\s+/).filter(Boolean);
  const hyp = hypothesis.split(/\s+/).filter(Boolean);
  if (ref.length !== hyp.length) return 0;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    if (ref[i] !== hyp[i] && ref[i].toLowerCase() === hyp[i].toLowerCase()) n++;
  }
  return n;
}
