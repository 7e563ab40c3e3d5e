// The models the app can use, as the engine's model store lists them: the
// shipped ones (assets/models.json) and the user's own
// (<VERBATIM_HOME>/models/models.json). One source of truth for the app and
// the CLI; this service only turns entries into the API's ModelInfo.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { activeModel, listModels, modelDomain, type ModelEntry } from '../../engine/node/index';
import { ApiError, type ModelDomainInfo, type ModelInfo } from '../../src-common/api';
import { NO_SPEECH_MODEL } from './recognizer';

export interface ModelService {
  list(): Promise<ModelInfo[]>;
  /** What a speech model (by ModelInfo id, or the active one) recognizes. */
  domain(modelId: string | null): Promise<ModelDomainInfo>;
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
  return {
    list: async () => listModels().map(modelInfo),
    async domain(modelId) {
      const entry =
        modelId === null
          ? activeModel('speech')
          : listModels().find((m) => m.role === 'speech' && modelInfo(m).id === modelId);
      if (!entry)
        throw modelId === null
          ? new ApiError('no-model', NO_SPEECH_MODEL)
          : new ApiError('not-found', `No speech model ${modelId} is installed (any more).`);
      return { model: modelInfo(entry), ...modelDomain(entry) };
    },
  };
}
