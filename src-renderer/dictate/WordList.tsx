import { Button } from 'react-aria-components';
import type { Word } from '../../src-common/api';
import { unsureReasons } from '../../engine/index';
import { unsureMark } from '../components/unsure-marks';

/** A word as listed: recognized (with its timing, perhaps spelled as heard), or typed by the user. */
type ListedWord = Word & { typed?: boolean; spelled?: true };

const mark = (w: ListedWord) => unsureMark(unsureReasons(w));

const wordTitle = (w: ListedWord) =>
  w.typed
    ? 'typed'
    : `${w.start.toFixed(2)}–${w.end.toFixed(2)} s, confidence ${Math.round(w.confidence * 100)}%${
        mark(w)?.note ?? ''
      }`;
const wordClass = (w: ListedWord) => (w.typed ? 'word typed' : (mark(w)?.className ?? 'word'));

/** Recognized words with their timings; low-confidence and spelled-as-heard ones are marked. */
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
        const title = wordTitle(w);
        return (
          <li key={i} className={wordClass(w)} title={title}>
            {onPlay ? (
              <Button
                className="word-button"
                onPress={() => onPlay(w)}
                aria-label={`Play “${w.word}”, ${title}`}
              >
                {w.word}
              </Button>
            ) : (
              w.word
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Words in a line, those the recognizer is unsure of marked as in the word list. */
export function MarkedWords({ words }: { words: readonly ListedWord[] }) {
  return words.map((w, i) => (
    <span key={i}>
      {i > 0 && ' '}
      <span className={wordClass(w)} title={wordTitle(w)}>
        {w.word}
      </span>
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
