// Prompted handwriting: draw the prompt on the canvas, Save, next prompt.
import { useReducer, useState } from 'react';
import { Button } from 'react-aria-components';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { HandwritingCanvas } from '../write/HandwritingCanvas';
import { emptyInk, inkReducer } from '../write/ink-state';
import type { RecorderProps } from './studio-kinds';

export function InkRecorder({ dataset, prompt, person: writer, onNext, onSaved }: RecorderProps) {
  const api = useApi();
  const [ink, dispatch] = useReducer(inkReducer, emptyInk);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!ink.strokes.length) return;
    setSaving(true);
    setError(null);
    try {
      const sample = await api.saveInk({ dataset, text: prompt, writer, strokes: ink.strokes });
      onSaved(sample);
      dispatch({ type: 'clear' });
      onNext();
    } catch (e) {
      setError((e as Error).message); // the strokes stay on the canvas
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="recorder">
      <p id="studio-canvas-help" className="quiet">
        Write the prompt, then Save (Ctrl+Z undoes a stroke).
      </p>
      <HandwritingCanvas ink={ink} dispatch={dispatch} describedBy="studio-canvas-help" />
      <div className="toolbar">
        <Button onPress={() => dispatch({ type: 'undo' })} isDisabled={!ink.strokes.length}>
          Undo stroke
        </Button>
        <Button onPress={() => dispatch({ type: 'clear' })} isDisabled={!ink.strokes.length}>
          Clear
        </Button>
        <Button onPress={() => void save()} isDisabled={!ink.strokes.length || !prompt || saving}>
          Save
        </Button>
      </div>
      <InlineError message={error} />
    </div>
  );
}
