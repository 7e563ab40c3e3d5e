// Recognizes the strokes after each change, debounced; the back end does the
// work (off the UI thread). A late answer for older strokes is ignored; an
// error is reported and the strokes stay as they are.
import { useEffect, useState } from 'react';
import type { InkMode, RecognitionResult, Stroke, VerbatimApi } from '../../src-common/api';
import type { InkState } from './ink-state';

export const RECOGNIZE_DELAY_MS = 250;

interface Answer {
  strokes: Stroke[];
  mode: InkMode;
  result: RecognitionResult | null;
  error: string | null;
}

export function useInkRecognition(api: VerbatimApi, ink: InkState, mode: InkMode) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  // The reducer keeps the same `strokes` array until the committed strokes change.
  const { strokes } = ink;

  // Have the back end load the mode's model and decoder while the user starts
  // writing. A missing model is reported by the first recognition instead.
  useEffect(() => {
    api.prepareInk({ mode }).catch(() => {});
  }, [api, mode]);

  useEffect(() => {
    if (strokes.length === 0) return;
    let stale = false;
    const timer = setTimeout(() => {
      api.recognizeInk({ mode, strokes }).then(
        (result) => !stale && setAnswer({ strokes, mode, result, error: null }),
        (e: unknown) =>
          !stale && setAnswer({ strokes, mode, result: null, error: (e as Error).message }),
      );
    }, RECOGNIZE_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, strokes, mode]);

  const current = answer?.strokes === strokes && answer.mode === mode;
  const hasInk = strokes.length > 0;
  return {
    // The previous result stays visible while the next one is computed.
    result: hasInk ? (answer?.result ?? null) : null,
    error: hasInk && current ? answer.error : null,
    pending: hasInk && !current,
  };
}
