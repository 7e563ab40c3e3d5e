// THE WIRING POINT between the app and the recognition engine.
//
// The app talks to recognition only through `RecognizerService`. The engine
// is plugged in by implementing `RecognitionEngine` (worker-engine.ts does, over
// the engine's worker pool) and passing it to `createServices`. Without one
// (`engine: null`, or no model for a role) recognition answers with a clear
// "no model installed yet" error that the UI shows inline; capture and
// drawing keep working.
import {
  ApiError,
  type InkMode,
  type InkRecognitionResult,
  type ModelInfo,
  type RecognitionResult,
  type Stroke,
  type StrokeEvent,
  type VocabularyEntry,
  type Word,
} from '../../src-common/api';

export interface SpeechParams {
  /** A model from ModelService, or null for the active speech model. */
  modelId: string | null;
  hotwords: string[];
  /** Only these words and phrases may be recognized; null for any text. */
  vocabulary: VocabularyEntry[] | null;
}

export interface InkParams {
  modelId: string | null;
  mode: InkMode;
  /** Only these words and phrases may be recognized; null for any text. */
  vocabulary: VocabularyEntry[] | null;
}

export interface SpeechCallbacks {
  /** The current hypothesis for the audio not yet finalised, and its words. */
  onPartial(text: string, words: Word[]): void;
  /** An utterance the engine finalised while streaming (e.g. after a pause). */
  onFinal(result: RecognitionResult): void;
  /** Recognition failed while streaming (audio pushed after it is ignored). */
  onError?(message: string): void;
}

/** A streaming speech session; audio is 16 kHz mono. */
export interface SpeechStream {
  /** The model the session recognizes with. */
  model?: ModelInfo;
  pushAudio(samples: Float32Array): void;
  /** Recognizes what remains and ends the session. */
  finish(): Promise<RecognitionResult>;
  dispose(): void;
}

/** A handwriting session: its strokes live with the engine and change by events. */
export interface InkStream {
  /** Applies the events in order; resolves to the recognition of the ink as it then is. */
  apply(events: StrokeEvent[]): Promise<InkRecognitionResult>;
  dispose(): void;
}

/** What the engine must provide. It throws ApiError('no-model') when it has no suitable model. */
export interface RecognitionEngine {
  openSpeech(params: SpeechParams, callbacks: SpeechCallbacks): Promise<SpeechStream>;
  transcribe(samples: Float32Array, params: SpeechParams): Promise<RecognitionResult>;
  /** The ink's words say which are unsure, as recognize-ink --json says it. */
  recognizeInk(strokes: Stroke[], params: InkParams): Promise<InkRecognitionResult>;
  /** A handwriting session, with the mode's model and decoder ready for its first stroke. */
  openInk(params: InkParams): Promise<InkStream>;
}

export type RecognizerService = RecognitionEngine;

export const NO_SPEECH_MODEL =
  'No speech model is installed yet. Import a .vbm speech model in Models or train one in Train; until then audio is captured but not transcribed.';

export const noInkModel = (mode: InkMode) =>
  `No handwriting model for ${mode} is installed yet. Import one in Models or train one in Train; your strokes are kept.`;

export function createRecognizerService(engine: RecognitionEngine | null): RecognizerService {
  if (engine) return engine;
  return {
    openSpeech: async () => {
      throw new ApiError('no-model', NO_SPEECH_MODEL);
    },
    transcribe: async () => {
      throw new ApiError('no-model', NO_SPEECH_MODEL);
    },
    recognizeInk: async (_strokes, params) => {
      throw new ApiError('no-model', noInkModel(params.mode));
    },
    openInk: async (params) => {
      throw new ApiError('no-model', noInkModel(params.mode));
    },
  };
}
