// What the Studio does differently for each kind of dataset, in one place
// (what it calls things is STUDIO_WORDS): how a sample is made (the
// recorder), how a saved one is looked at (the viewer) and which prompts a
// prompt set gives. A new modality is one more entry.
import type { ComponentType, ReactNode, RefObject } from 'react';
import type { DatasetKind, StudioSample, VerbatimApi } from '../../src-common/api';
import { InkPreview } from './InkPreview';
import { InkRecorder } from './InkRecorder';
import { decodePcm16 } from './level-check';
import { inkPrompts, type PromptSet } from './prompts';
import { SpeechRecorder } from './SpeechRecorder';
import { playSamples } from './take-recorder';
import { Waveform } from './Waveform';

/** What every recorder is given; each uses what its kind needs. */
export interface RecorderProps {
  /** The panel whose keys drive the recorder (the prompt, its set and the person too). */
  keyTarget: RefObject<HTMLElement | null>;
  dataset: string;
  prompt: string;
  /** Who speaks or writes (the sample's speaker or writer). */
  person: string;
  onNext(): void;
  onPrevious(): void;
  onSaved(sample: StudioSample): void;
}

/** A saved sample to look at: its id and its 1-based place in the dataset. */
export interface ViewedSample {
  id: string;
  n: number;
}

export interface StudioKind {
  Recorder: ComponentType<RecorderProps>;
  /** Fetches a sample and shows it (`show` takes what to draw); a recording is also played. */
  view(
    api: VerbatimApi,
    dataset: string,
    sample: ViewedSample,
    show: (view: ReactNode) => void,
  ): Promise<void>;
  /** The prompts a prompt set gives to record or draw. */
  prompts(set: PromptSet): string[];
}

export const STUDIO_KINDS: Record<DatasetKind, StudioKind> = {
  speech: {
    Recorder: SpeechRecorder,
    async view(api, dataset, { id, n }, show) {
      const audio = await api.getSampleAudio({ dataset, id });
      const pcm = decodePcm16(audio.pcm16);
      show(<Waveform samples={pcm} label={`Waveform of the played sample ${n}`} />);
      await playSamples(pcm, audio.sampleRate);
    },
    prompts: (set) => set.prompts,
  },
  ink: {
    Recorder: InkRecorder,
    async view(api, dataset, { id, n }, show) {
      const { strokes } = await api.getSampleInk({ dataset, id });
      show(<InkPreview strokes={strokes} label={`Ink of sample ${n}`} />);
    },
    prompts: inkPrompts,
  },
};
