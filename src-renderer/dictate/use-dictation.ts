// React state for one dictation controller.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecognitionResult, VerbatimApi, Word } from '../../src-common/api';
import {
  DictationController,
  type DictationPhase,
  type DictationSettings,
} from './dictation-controller';

export interface DictationState {
  phase: DictationPhase;
  level: number;
  sentSeconds: number;
  partial: string;
  /** The partial's words, with their confidence (empty when it came without them). */
  partialWords: Word[];
  notice: string | null;
  error: string | null;
}

export function useDictation(
  api: VerbatimApi,
  onUtterance: (result: RecognitionResult, offset: number) => void,
) {
  const [state, setState] = useState<DictationState>({
    phase: 'idle',
    level: -Infinity,
    sentSeconds: 0,
    partial: '',
    partialWords: [],
    notice: null,
    error: null,
  });
  const [controller, setController] = useState<DictationController | null>(null);
  const utteranceRef = useRef(onUtterance);
  useEffect(() => {
    utteranceRef.current = onUtterance;
  }, [onUtterance]);

  useEffect(() => {
    const set = (patch: Partial<DictationState>) => setState((s) => ({ ...s, ...patch }));
    const c = new DictationController(api, {
      onPhase: (phase) =>
        set(phase === 'starting' ? { phase, error: null, sentSeconds: 0 } : { phase }),
      onLevel: (level) => set({ level }),
      onSent: (sentSeconds) => set({ sentSeconds }),
      onPartial: (partial, partialWords) => set({ partial, partialWords }),
      onUtterance: (result, offset) => utteranceRef.current(result, offset),
      onNotice: (notice) => set({ notice }),
      onError: (error) => set({ error }),
    });
    setController(c);
    return () => c.dispose();
  }, [api]);

  const actions = useMemo(
    () => ({
      start: (settings: DictationSettings) => controller?.start(settings),
      stop: () => controller?.stop(),
      toggle: (settings: DictationSettings) => controller?.toggle(settings),
    }),
    [controller],
  );
  return { state, ...actions };
}
