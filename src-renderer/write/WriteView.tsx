// The Write view: draw on the canvas, see the recognized text (the words the
// recognizer is unsure of marked) and its alternatives after each stroke, pick
// one, Insert it into the written text. In Words mode a Vocabulary (as
// Dictate's) restricts the reading to its words and phrases.
import { Fragment, useEffect, useReducer, useState, type KeyboardEvent } from 'react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Radio,
  RadioGroup,
  TextArea,
  TextField,
} from 'react-aria-components';
import type { InkMode, VerbatimApi, VocabularyEntry } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { MarkedWord } from '../components/UnsureWord';
import {
  entryCount,
  VocabularySettings,
  type VocabularyWording,
} from '../components/VocabularySettings';
import { HandwritingCanvas } from './HandwritingCanvas';
import { emptyInk, inkReducer } from './ink-state';
import { markedReading } from './marked-reading';
import { useInkRecognition } from './use-ink-recognition';

const isTextInput = (el: EventTarget) =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

const VOCABULARY_WORDING: VocabularyWording = {
  empty: 'Leave empty to read any words.',
  help: 'One word or phrase per line, written as it should come out (# starts a comment, word:2 favours a word, New York = NY writes New York where you write NY).',
  placeholder: 'yes\nno\nNew York\nstop:2',
};

// Each list opens a recognizer session and builds its decoder: a typed list is
// taken once typing pauses this long (ms), not at each keystroke.
const VOCABULARY_SETTLE_MS = 400;

/**
 * Why the Words model cannot take the vocabulary (an entry with a character
 * it cannot write), asked of the back end as the list changes; null when it
 * can, and while it is being asked.
 */
function useVocabularyProblem(
  api: VerbatimApi,
  vocabulary: VocabularyEntry[] | null,
): string | null {
  const [checked, setChecked] = useState<{
    vocabulary: VocabularyEntry[];
    problem: string | null;
  } | null>(null);
  useEffect(() => {
    if (!vocabulary) return;
    let current = true;
    // A failed check (e.g. no model) leaves the recognition to say what is wrong.
    api.checkInkVocabulary({ mode: 'words', vocabulary }).then(
      ({ problem }) => current && setChecked({ vocabulary, problem }),
      () => current && setChecked({ vocabulary, problem: null }),
    );
    return () => {
      current = false;
    };
  }, [api, vocabulary]);
  return checked && checked.vocabulary === vocabulary ? checked.problem : null;
}

export function WriteView() {
  const api = useApi();
  const [ink, dispatch] = useReducer(inkReducer, emptyInk);
  const [mode, setMode] = useState<InkMode>('digits');
  const [written, setWritten] = useState('');
  const [picked, setPicked] = useState<{ version: number; text: string } | null>(null);
  const [vocabulary, setVocabulary] = useState<VocabularyEntry[] | null>(null);
  // The vocabulary restricts Words only (it is set there).
  const listed = mode === 'words' ? vocabulary : null;
  const vocabularyProblem = useVocabularyProblem(api, listed);
  const { result, error, pending } = useInkRecognition(
    api,
    ink,
    mode,
    listed,
    vocabularyProblem !== null,
  );

  // A picked alternative holds until the strokes change.
  const chosen = picked && picked.version === ink.version ? picked.text : (result?.text ?? '');
  const alternatives = result?.nbest ?? [];
  // The recognized words, marked as Dictate marks them; a picked alternative has no words.
  const reading = result && chosen === result.text ? markedReading(chosen, result.words) : null;

  const insert = () => {
    if (!chosen) return;
    setWritten((w) => (w === '' || /\s$/.test(w) ? w + chosen : `${w} ${chosen}`));
    dispatch({ type: 'clear' });
    setPicked(null);
  };
  // Strokes written for one mode mean nothing to another: a new mode starts blank.
  const changeMode = (next: InkMode) => {
    setMode(next);
    dispatch({ type: 'clear' });
    setPicked(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
      if (isTextInput(e.target)) return;
      e.preventDefault();
      dispatch({ type: 'undo' });
    }
  };

  return (
    <div className="view write" onKeyDown={onKeyDown}>
      <section aria-labelledby="ink-heading" className="panel">
        <h2 id="ink-heading">Handwriting</h2>
        <RadioGroup
          value={mode}
          onChange={(v) => changeMode(v as InkMode)}
          orientation="horizontal"
          className="react-aria-RadioGroup mode-choice"
        >
          <Label>Mode</Label>
          <Radio value="digits">Digits</Radio>
          <Radio value="letters">Letters</Radio>
          <Radio value="words">Words</Radio>
        </RadioGroup>
        <p id="canvas-help" className="quiet">
          Write with a mouse, pen or finger. Each stroke can be undone (Ctrl+Z).
          {mode === 'words' &&
            ' Write a word or a line of words; lines written one under another are read in order.'}
        </p>
        <HandwritingCanvas ink={ink} dispatch={dispatch} describedBy="canvas-help" />
        <div className="toolbar">
          <Button
            isDisabled={ink.strokes.length === 0 && !ink.active}
            onPress={() => dispatch({ type: 'undo' })}
          >
            Undo stroke
          </Button>
          <Button
            isDisabled={ink.strokes.length === 0 && !ink.active}
            onPress={() => dispatch({ type: 'clear' })}
          >
            Clear
          </Button>
          <span className="quiet" data-testid="stroke-count">
            {ink.strokes.length} {ink.strokes.length === 1 ? 'stroke' : 'strokes'}
          </span>
        </div>
        {mode === 'words' && (
          <VocabularySettings
            storageKey="verbatim.write.vocabulary"
            wording={VOCABULARY_WORDING}
            onChange={setVocabulary}
            modelProblem={vocabularyProblem}
            settleTyping={VOCABULARY_SETTLE_MS}
          />
        )}
      </section>

      <section aria-labelledby="result-heading" className="panel">
        <h2 id="result-heading">Result</h2>
        <h3 id="recognized-label">Recognized text</h3>
        {listed && (
          // Said beside the reading, so only listed words coming out is no surprise.
          <p id="vocabulary-note" className="inline-notice" data-testid="vocabulary-note">
            {vocabularyProblem
              ? 'Nothing is read until the vocabulary is fixed or cleared.'
              : `Vocabulary on: only its ${entryCount(listed)} can be read.`}
          </p>
        )}
        <output
          aria-labelledby="recognized-label"
          aria-describedby={listed ? 'vocabulary-note' : undefined}
          aria-busy={pending}
          className="recognized"
        >
          {reading
            ? reading.map((piece, i) =>
                piece.word ? (
                  <MarkedWord key={i} text={piece.text} marking={piece.word} />
                ) : (
                  <Fragment key={i}>{piece.text}</Fragment>
                ),
              )
            : chosen}
        </output>
        <InlineError message={error} />
        <ListBox
          aria-label="Alternatives"
          className="react-aria-ListBox alternatives"
          selectionMode="single"
          items={alternatives.map((a, i) => ({ id: i, ...a }))}
          onAction={(key) => {
            const text = alternatives[Number(key)]?.text;
            if (text !== undefined) setPicked({ version: ink.version, text });
          }}
          renderEmptyState={() => <span className="quiet">No alternatives yet.</span>}
        >
          {(item) => <ListBoxItem textValue={item.text}>{item.text}</ListBoxItem>}
        </ListBox>
        <Button isDisabled={!chosen} onPress={insert}>
          Insert
        </Button>
        <TextField value={written} onChange={setWritten} className="written">
          <Label>Written text</Label>
          <TextArea rows={5} />
        </TextField>
      </section>
    </div>
  );
}
