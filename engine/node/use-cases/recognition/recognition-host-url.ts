// Where the recognition host's worker module is and what its objects offer,
// without loading it: importing recognition-host.ts itself in a worker thread
// starts hosting there, so the front door (and anything a worker may load)
// names it through this module.
import { siblingModule } from '../../runtime/module-url';

export const recognitionHostUrl = siblingModule('recognition-host', import.meta.url);
export type {
  HostedInkSession,
  HostedRecognizer,
  HostedSpeechSession,
  RecognitionHostData,
} from './recognition-host';
