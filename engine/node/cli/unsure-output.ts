// How transcribe and recognize-ink show the words the recognizer is unsure of
// (unsureFlagger, unsure-words.ts in the engine: the same judgement as
// Dictate's underlining and the Write view's): in --json each word gains
// `unsure` and, when it is, `why`; the text, with --mark-unsure,
// puts each such word in brackets. Without that flag stdout stays as it was,
// so scripts reading the text are not surprised.
import { placeWords, type FlaggedWord } from '../../index';
import { UsageError } from './usage-error';

/**
 * The text with each unsure word in [brackets], found in order so the text's
 * own spacing stays; a word not found in the text is left unmarked.
 */
export function bracketUnsure(text: string, words: readonly FlaggedWord[]): string {
  return placeWords(text, words)
    .map((p) => (p.word?.unsure ? `[${p.text}]` : p.text))
    .join('');
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
