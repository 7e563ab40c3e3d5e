import { Button } from 'react-aria-components';
import type { Word } from '../../src-common/api';
import { unsureReasons } from '../../engine/index';
import { wordMarking, type WordMarking } from '../components/unsure-marks';
import { MarkedWord, UnsureWord } from '../components/UnsureWord';

/** A word as listed: recognized (with its timing, perhaps spelled as heard), or typed by the user. */
type ListedWord = Word & { typed?: boolean; spelled?: true };

const marking = (w: ListedWord): WordMarking =>
  w.typed
    ? { className: 'word typed', title: 'typed' }
    : wordMarking(
        `${w.start.toFixed(2)}–${w.end.toFixed(2)} s, confidence ${Math.round(w.confidence * 100)}%`,
        unsureReasons(w),
      );

/**
 * Recognized words with their timings; low-confidence and spelled-as-heard ones
 * are marked. Each word plays its stretch when `onPlay` is given (its button's
 * name says why it is marked); otherwise an unsure word is a button saying why.
 */
export function WordList({
  words,
  label,
  onPlay,
}: {
  words: readonly ListedWord[];
  label: string;
  onPlay?: (word: Word) => void;
}) {
  if (words.length === 0) return null;
  return (
    <ul className="word-list" aria-label={label}>
      {words.map((w, i) => {
        const { className, title, unsure } = marking(w);
        return (
          <li key={i} className={className} title={title}>
            {onPlay ? (
              <Button
                className="word-button"
                onPress={() => onPlay(w)}
                aria-label={`Play “${w.word}”, ${title}`}
              >
                {w.word}
              </Button>
            ) : unsure ? (
              <UnsureWord text={w.word} {...unsure} />
            ) : (
              w.word
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Words in a line, those the recognizer is unsure of marked as in the word
 * list; `passive` for a live guess (see MarkedWord).
 */
export function MarkedWords({
  words,
  passive = false,
}: {
  words: readonly ListedWord[];
  passive?: boolean;
}) {
  return words.map((w, i) => (
    <span key={i}>
      {i > 0 && ' '}
      <MarkedWord text={w.word} marking={marking(w)} passive={passive} />
    </span>
  ));
}

/** A result's text with the words the recognizer is unsure of marked, as in the word list. */
export function MarkedText({ words }: { words: readonly ListedWord[] }) {
  return (
    <p className="marked-text">
      <MarkedWords words={words} />
    </p>
  );
}
