// Where the batch host's worker module is and what it offers, without loading
// it: importing batch-host.ts itself in a worker thread starts hosting there.
import { siblingModule } from '../runtime/module-url';

export const batchHostUrl = siblingModule('batch-host', import.meta.url);
export type { HostedBatchRunner } from './batch-host';
