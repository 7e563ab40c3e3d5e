import { Button } from 'react-aria-components';
import type { Word } from '../../src-common/api';

/** Below this confidence a word is marked for checking. */
export const LOW_CONFIDENCE = 0.6;

/** Recognized words with their timings; low-confidence ones are marked. */
export function WordList({
  words,
  label,
  onPlay,
}: {
  words: readonly Word[];
  label: string;
  onPlay?: (word: Word) => void;
}) {
  if (words.length === 0) return null;
  return (
    <ul className="word-list" aria-label={label}>
      {words.map((w, i) => {
        const low = w.confidence < LOW_CONFIDENCE;
        const title = `${w.start.toFixed(2)}–${w.end.toFixed(2)} s, confidence ${Math.round(
          w.confidence * 100,
        )}%${low ? ' (low: check this word)' : ''}`;
        return (
          <li key={i} className={low ? 'word low-confidence' : 'word'} title={title}>
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
