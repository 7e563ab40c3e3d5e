// Composes the transport-free services into the API handlers that both the
// Electron adapter and the browser-mode server expose. User data lives in
// VERBATIM_HOME (see paths.ts), which the adapters set before calling this.
import type { ApiArgs, AppInfo, FileResponses } from '../../src-common/api';
import type { ApiHandlers } from '../dispatch';
import { createDictationService } from './dictation';
import { createEventBus, type EventBus } from './event-bus';
import { createFileService } from './files';
import { createHandwritingService } from './handwriting';
import { createModelService } from './models';
import { createRecognizerService, type RecognitionEngine } from './recognizer';
import { createModelAdminService } from './model-admin';
import { createStudioService } from './studio';
import { createTrainingService } from './training';

export interface ServiceOptions {
  transport: AppInfo['transport'];
  version: string;
  /** The recognition engine; null until it is wired in (see recognizer.ts). */
  engine: RecognitionEngine | null;
  /** The native file dialog (Electron); without it `chooseFile` says to upload instead. */
  chooseFile?: (args: ApiArgs<'chooseFile'>) => Promise<FileResponses['chooseFile']>;
}

export interface Services {
  handlers: ApiHandlers;
  events: EventBus;
  /** Call on shutdown: closes open recordings, makes the session's deletes final. */
  dispose(): void;
}

export function createServices(options: ServiceOptions): Services {
  const events = createEventBus();
  const models = createModelService();
  const recognizer = createRecognizerService(options.engine);
  const dictation = createDictationService({ recognizer, events });
  const handwriting = createHandwritingService({ recognizer });
  const studio = createStudioService({ events });
  const training = createTrainingService({ events });
  const modelAdmin = createModelAdminService();
  const files = createFileService();
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
    transcribeAudio: ({ samples, modelId, hotwords, vocabulary }) =>
      recognizer.transcribe(samples, { modelId, hotwords, vocabulary }),
    getModelDomain: ({ modelId }) => models.domain(modelId),
    chooseSpeechModel: ({ modelId, vocabulary, hotwords }) =>
      models.chooseSpeech(modelId, vocabulary, hotwords),
    recognizeInk: ({ strokes, mode, modelId, vocabulary }) =>
      recognizer.recognizeInk(strokes, { mode, modelId, vocabulary }),
    openInk: (args) => handwriting.open(args),
    inkEvents: (args) => handwriting.events(args),
    closeInk: (args) => handwriting.close(args),
    checkInkVocabulary: ({ mode, modelId, vocabulary }) =>
      models.checkInkVocabulary(mode, modelId, vocabulary),
    ...studio.handlers,
    ...training.handlers,
    ...modelAdmin.handlers,
    ...files.handlers,
    ...(options.chooseFile ? { chooseFile: options.chooseFile } : {}),
  };
  return { handlers, events, dispose: () => studio.dispose() };
}
