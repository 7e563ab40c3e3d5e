// The Write view: draw on the canvas, see the recognized text (the words the
// recognizer is unsure of marked) and its alternatives after each stroke, pick
// one, Insert it into the written text.
import { Fragment, useReducer, useState, type KeyboardEvent } from 'react';
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
import type { InkMode } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { MarkedWord } from '../components/UnsureWord';
import { HandwritingCanvas } from './HandwritingCanvas';
import { emptyInk, inkReducer } from './ink-state';
import { markedReading } from './marked-reading';
import { useInkRecognition } from './use-ink-recognition';

const isTextInput = (el: EventTarget) =>
  el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

export function WriteView() {
  const api = useApi();
  const [ink, dispatch] = useReducer(inkReducer, emptyInk);
  const [mode, setMode] = useState<InkMode>('digits');
  const [written, setWritten] = useState('');
  const [picked, setPicked] = useState<{ version: number; text: string } | null>(null);
  const { result, error, pending } = useInkRecognition(api, ink, mode);

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
      </section>

      <section aria-labelledby="result-heading" className="panel">
        <h2 id="result-heading">Result</h2>
        <h3 id="recognized-label">Recognized text</h3>
        <output aria-labelledby="recognized-label" aria-busy={pending} className="recognized">
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
