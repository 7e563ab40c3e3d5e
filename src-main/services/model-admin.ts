// Models view: details (kind, metrics, recipe) of every model, make active per
// role, rename, delete, export (.vbm / ONNX) and import — over the engine's
// model store and model-admin (the same operations as `verbatim models`).
import { join } from 'node:path';
import {
  ApiError,
  type ApiArgs,
  type ModelDetails,
  type StudioResponses,
} from '../../src-common/api';
import {
  activeModel,
  exportModel,
  findModel,
  importModel,
  listModels,
  MODEL_ROLES,
  type ModelEntry,
  readModelFileHeader,
  removeModel,
  renameModel,
  setActiveModel,
  verbatimHome,
} from '../../engine/node/index';
import { modelInfo } from './models';

type Handlers = {
  [
    M in
      | 'listModelDetails'
      | 'setActiveModel'
      | 'renameModel'
      | 'deleteModel'
      | 'exportModel'
      | 'importModel'
  ]: (args: ApiArgs<M>) => Promise<StudioResponses[M]>;
};

export function modelDetails(entry: ModelEntry): ModelDetails {
  const header = readModelFileHeader(entry.path);
  return {
    info: modelInfo(entry),
    kind: header.kind,
    activeFor: MODEL_ROLES.filter((r) => activeModel(r)?.path === entry.path),
    created: header.createdAt,
    metrics: header.metrics,
    recipe: typeof header.training.recipe === 'string' ? header.training.recipe : null,
    training: header.training,
  };
}

const asUserError = <T>(fn: () => T): Promise<T> => {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    if (err instanceof ApiError) return Promise.reject(err);
    const message = (err as Error).message;
    return Promise.reject(
      new ApiError(/^no model/.test(message) ? 'not-found' : 'bad-request', message),
    );
  }
};

export function createModelAdminService(): { handlers: Handlers } {
  const handlers: Handlers = {
    listModelDetails: () =>
      asUserError(() =>
        listModels().flatMap((m) => {
          try {
            return [modelDetails(m)];
          } catch {
            return []; // an unreadable file is left out rather than breaking the list
          }
        }),
      ),
    setActiveModel: ({ name }) => asUserError(() => modelDetails(setActiveModel(name))),
    renameModel: ({ name, to }) => asUserError(() => modelDetails(renameModel(name, to))),
    deleteModel: ({ name }) => asUserError(() => ({ deleted: removeModel(name).name })),
    exportModel: ({ name, format, out }) =>
      asUserError(() =>
        exportModel(findModel(name), out ?? join(verbatimHome(), 'exports', `${name}.${format}`)),
      ),
    importModel: ({ fileName, bytes, role }) =>
      asUserError(() =>
        modelDetails(importModel({ bytes, fileName }, { role: role ?? undefined })),
      ),
  };
  return { handlers };
}
