// Recognizes the strokes after each change, debounced; the back end does the
// work (off the UI thread) in a handwriting session that keeps the strokes, so
// only what changed is sent (ink-session-client.ts). A late answer for older
// strokes is ignored; an error is reported and the strokes stay as they are.
import { useEffect, useRef, useState } from 'react';
import type {
  InkMode,
  InkRecognitionResult,
  Stroke,
  VerbatimApi,
  VocabularyEntry,
} from '../../src-common/api';
import { InkSessionClient } from './ink-session-client';
import type { InkState } from './ink-state';

export const RECOGNIZE_DELAY_MS = 250;

interface Answer {
  strokes: Stroke[];
  mode: InkMode;
  vocabulary: VocabularyEntry[] | null;
  result: InkRecognitionResult | null;
  error: string | null;
}

/**
 * The recognition of the ink in a mode, restricted to a vocabulary (null: any
 * words); nothing is read while `paused` (a vocabulary the model cannot take).
 */
export function useInkRecognition(
  api: VerbatimApi,
  ink: InkState,
  mode: InkMode,
  vocabulary: VocabularyEntry[] | null,
  paused = false,
) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  // The reducer keeps the same `strokes` array until the committed strokes change.
  const { strokes } = ink;

  // One session per mode and vocabulary, opened at once so the back end loads
  // the mode's model and decoder while the user starts writing. A missing
  // model is reported by the first recognition instead.
  const session = useRef<InkSessionClient | null>(null);
  useEffect(() => {
    if (paused) return;
    const client = new InkSessionClient(api, mode, vocabulary);
    client.open();
    session.current = client;
    return () => client.close();
  }, [api, mode, vocabulary, paused]);

  useEffect(() => {
    if (strokes.length === 0 || paused) return;
    let stale = false;
    const timer = setTimeout(() => {
      session.current!.recognize(strokes).then(
        (result) => !stale && setAnswer({ strokes, mode, vocabulary, result, error: null }),
        (e: unknown) =>
          !stale &&
          setAnswer({ strokes, mode, vocabulary, result: null, error: (e as Error).message }),
      );
    }, RECOGNIZE_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, strokes, mode, vocabulary, paused]);

  const current =
    answer?.strokes === strokes && answer.mode === mode && answer.vocabulary === vocabulary;
  const hasInk = strokes.length > 0 && !paused;
  return {
    // The previous result stays visible while the next one is computed.
    result: hasInk ? (answer?.result ?? null) : null,
    error: hasInk && current ? answer.error : null,
    pending: hasInk && !current,
  };
}
