// The models the app can use, as the engine's model store lists them: the
// shipped ones (assets/models.json) and the user's own
// (<VERBATIM_HOME>/models/models.json). One source of truth for the app and
// the CLI; this service only turns entries into the API's ModelInfo.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { listModels, type ModelEntry } from '../../engine/node/index';
import type { ModelInfo } from '../../src-common/api';

export interface ModelService {
  list(): Promise<ModelInfo[]>;
}

export function modelInfo(entry: ModelEntry): ModelInfo {
  const source = entry.shipped ? 'shipped' : 'user';
  const stat = statSync(entry.path);
  return {
    id: `${source}:${entry.name}`,
    name: entry.name,
    role: entry.role,
    file: basename(entry.path),
    bytes: stat.size,
    modified: stat.mtime.toISOString(),
    source,
    description: entry.description ?? '',
  };
}

export function createModelService(): ModelService {
  return { list: async () => listModels().map(modelInfo) };
}
