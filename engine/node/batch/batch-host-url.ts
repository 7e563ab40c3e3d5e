// Where the batch host's worker module is and what it offers, without loading
// it: importing batch-host.ts itself in a worker thread starts hosting there.
import {
  NO_DECODE_RESOURCES,
  sharePreparedResources,
  type PreparedResources,
  type SharedPreparedResources,
} from '../../recognize/decode-params';
import { siblingModule } from '../runtime/module-url';
import type { RecognitionSetup } from './recognition-setup';

export const batchHostUrl = siblingModule('batch-host', import.meta.url);
export type { HostedBatchRunner } from './batch-host';

/**
 * The arguments of a hosted 'batch-runner' that reads the LM and lexicon
 * prepared on this thread (shared, not copied) instead of parsing its own:
 * the setup without its resources' text, and the resources shared.
 */
export function sharedRunnerArgs(
  setup: RecognitionSetup,
  prepared: PreparedResources,
): [RecognitionSetup, SharedPreparedResources] {
  return [{ ...setup, resources: NO_DECODE_RESOURCES }, sharePreparedResources(prepared)];
}
