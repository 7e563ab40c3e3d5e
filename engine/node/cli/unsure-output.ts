// How transcribe and recognize-ink show the words the recognizer is unsure of
// (unsure-words.ts in the engine, the same judgement as Dictate's underlining): in --json each
// word gains `unsure` and, when it is, `why`; the text, with --mark-unsure,
// puts each such word in brackets. Without that flag stdout stays as it was,
// so scripts reading the text are not surprised.
import {
  decodingWords,
  knownWords,
  listedWords,
  markSpelled,
  unsureFields,
  type DecodeResources,
  type UnsureReason,
  type VocabularyEntry,
  type WordResult,
} from '../../index';
import { UsageError } from './usage-error';

export type FlaggedWord = WordResult & { unsure: boolean; why?: UnsureReason[] };

/**
 * Flags the words of results decoded with these resources, vocabulary and
 * hotwords: a word of low confidence, or outside the decoder's words and the
 * listed ones (spelled as heard), is unsure. The known words (a set of the
 * whole lexicon or LM vocabulary) are gathered at the first call, so a run
 * whose output shows no flags never pays for them.
 */
export function unsureFlagger(
  resources: DecodeResources,
  vocabulary: readonly VocabularyEntry[] | null,
  hotwords: readonly string[],
): (words: readonly WordResult[]) => FlaggedWord[] {
  let known: ReadonlySet<string> | null | undefined;
  return (words) => {
    if (known === undefined)
      known = knownWords(decodingWords(resources), listedWords(vocabulary, hotwords));
    return markSpelled(words, known).map(({ spelled, ...w }) => ({
      ...w,
      ...unsureFields({ confidence: w.confidence, spelled }),
    }));
  };
}

/**
 * The text with each unsure word in [brackets], found in order so the text's
 * own spacing stays; a word not found in the text is left unmarked.
 */
export function bracketUnsure(text: string, words: readonly FlaggedWord[]): string {
  let out = '';
  let at = 0;
  for (const w of words) {
    const i = w.word === '' ? -1 : text.indexOf(w.word, at);
    if (i < 0) continue;
    out += text.slice(at, i) + (w.unsure ? `[${w.word}]` : w.word);
    at = i + w.word.length;
  }
  return out + text.slice(at);
}

/** --mark-unsure marks the text output, so it is refused with --json (exit 2), where every word says it. */
export function checkMarkUnsure(
  values: { json?: boolean; 'mark-unsure'?: boolean },
  usage: string,
): void {
  if (values['mark-unsure'] && values.json)
    throw new UsageError(
      '--mark-unsure marks the text output; with --json every word already says unsure (and why)',
      usage,
    );
}
