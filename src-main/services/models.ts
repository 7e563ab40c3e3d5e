// Finds the model files the app can use: the shipped ones in assets/ and the
// user's own in <VERBATIM_HOME>/models. Reading a model's header (kind,
// alphabet, metrics) is the engine's job; this service only knows files.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelInfo } from '../api';

export interface ModelService {
  list(): Promise<ModelInfo[]>;
  /** The model with this id, or null. */
  find(id: string): Promise<ModelInfo | null>;
  /** Absolute path of a listed model's file. */
  pathOf(model: ModelInfo): string;
}

export interface ModelFolders {
  /** Shipped models (read-only), e.g. <project>/assets. */
  shipped: string;
  /** The user's models, e.g. <VERBATIM_HOME>/models. */
  user: string;
}

export const MODEL_EXTENSION = '.vbm';

async function scan(dir: string, source: ModelInfo['source']): Promise<ModelInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    // A folder that does not exist yet simply holds no models.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const models: ModelInfo[] = [];
  for (const file of names.filter((n) => n.endsWith(MODEL_EXTENSION)).sort()) {
    const s = await stat(join(dir, file));
    if (!s.isFile()) continue;
    models.push({
      id: `${source}:${file}`,
      name: file.slice(0, -MODEL_EXTENSION.length),
      file,
      bytes: s.size,
      modified: s.mtime.toISOString(),
      source,
    });
  }
  return models;
}

export function createModelService(folders: ModelFolders): ModelService {
  const dirOf = (source: ModelInfo['source']) =>
    source === 'shipped' ? folders.shipped : folders.user;
  const list = async () => [
    ...(await scan(folders.shipped, 'shipped')),
    ...(await scan(folders.user, 'user')),
  ];
  return {
    list,
    async find(id) {
      return (await list()).find((m) => m.id === id) ?? null;
    },
    pathOf: (model) => join(dirOf(model.source), model.file),
  };
}
