import { fileURLToPath } from 'node:url';
import { siblingModule } from '../../runtime/module-url';

/**
 * Absolute path of a data-source module next to this one, which the training
 * workers import by path (resolved from here so a bundled build, which emits
 * them next to its entry, finds them too).
 */
export const dataSourceModule = (name: 'speech-data-source' | 'ink-data-source') =>
  fileURLToPath(siblingModule(name, import.meta.url));
