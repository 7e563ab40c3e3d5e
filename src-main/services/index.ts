// Composes the transport-free services into the API handlers that both the
// Electron adapter and the browser-mode server expose.
import { join } from 'node:path';
import type { AppInfo } from '../api';
import type { ApiHandlers } from '../dispatch';
import { createDictationService } from './dictation';
import { createEventBus, type EventBus } from './event-bus';
import { createModelService } from './models';
import { createRecognizerService, type RecognitionEngine } from './recognizer';

export interface ServiceOptions {
  transport: AppInfo['transport'];
  version: string;
  /** Where the user's data lives (VERBATIM_HOME). */
  home: string;
  /** The project's assets folder with the shipped models. */
  assetsDir: string;
  /** The recognition engine; null until it is wired in (see recognizer.ts). */
  engine: RecognitionEngine | null;
}

export interface Services {
  handlers: ApiHandlers;
  events: EventBus;
}

export function createServices(options: ServiceOptions): Services {
  const events = createEventBus();
  const models = createModelService({
    shipped: join(options.assetsDir, 'models'),
    user: join(options.home, 'models'),
  });
  const recognizer = createRecognizerService(options.engine);
  const dictation = createDictationService({ recognizer, events });
  const handlers: ApiHandlers = {
    getAppInfo: async () => ({
      name: 'Verbatim',
      version: options.version,
      transport: options.transport,
    }),
    listModels: () => models.list(),
    startDictation: (args) => dictation.start(args),
    pushAudio: (args) => dictation.push(args),
    stopDictation: (args) => dictation.stop(args),
    transcribeAudio: ({ samples, modelId, hotwords }) =>
      recognizer.transcribe(samples, { modelId, hotwords }),
    recognizeInk: ({ strokes, mode, modelId }) =>
      recognizer.recognizeInk(strokes, { mode, modelId }),
  };
  return { handlers, events };
}
