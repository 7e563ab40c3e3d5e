// Managing the user's models (VERBATIM_HOME/models/): import a validated .vbm,
// export as .vbm or ONNX, rename, remove. Shared by `verbatim models` and the
// app's Models view; the registry itself is model-store.ts.
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inferRole, type ModelRole } from '../../../model/roles';
import { loadModel, readingModel, type TensorEncoding } from '../../../model/vbm';
import { exportOnnx } from '../../../onnx/export-onnx';
import { readModelBytes, readModelFile, writeModelFile } from '../../io/model-files';
import { writeFileAtomic } from '../../io/write-atomic';
import { checkDatasetName } from '../datasets/dataset-store';
import {
  listModels,
  registerUserModel,
  unregisterUserModel,
  verbatimHome,
  type ModelEntry,
} from './model-store';

const userModelsDir = () => join(verbatimHome(), 'models');

function uniqueName(wanted: string): string {
  const taken = new Set(listModels().map((m) => m.name));
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** Copies a validated .vbm (path or bytes) into the user's models and registers it. */
export function importModel(
  source: { path: string } | { bytes: Uint8Array; fileName: string },
  options: { name?: string; role?: ModelRole } = {},
): ModelEntry {
  const bytes = 'bytes' in source ? source.bytes : readModelBytes(source.path);
  const fileName = 'bytes' in source ? source.fileName : source.path;
  const { header } = readingModel(fileName, () => loadModel(bytes));
  const base = (fileName.split(/[\\/]/).pop() ?? 'model').replace(/\.vbm$/i, '');
  const name = uniqueName(
    checkDatasetName(options.name ?? base.replace(/[^\w.-]+/g, '-'), 'model'),
  );
  const path = join(userModelsDir(), `${name}.vbm`);
  writeFileAtomic(path, bytes);
  return registerUserModel({
    name,
    role: options.role ?? inferRole(header),
    path,
    description: `imported from ${fileName}`,
  });
}

/** Writes a model as .vbm (a copy) or .onnx (by the file extension of `out`). */
export function exportModel(entry: ModelEntry, out: string): { out: string; bytes: number } {
  const bytes = readModelBytes(entry.path);
  const target = resolve(out);
  if (target.toLowerCase().endsWith('.onnx')) {
    const model = readingModel(entry.path, () => loadModel(bytes));
    const onnx = exportOnnx(model.network, model.header);
    writeFileAtomic(target, onnx);
    return { out: target, bytes: onnx.length };
  }
  writeFileAtomic(target, bytes);
  return { out: target, bytes: bytes.length };
}

/** Whether two paths name one file (the same path, or links to one file). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  const [x, y] = [statSync(a), statSync(b)];
  return x.dev === y.dev && x.ino === y.ino;
}

/**
 * Writes the .vbm file `input` again as `out` with its weights stored as
 * `weights` (float16: half the size, read back as float32), everything else
 * kept. Writes atomically and never over `input` itself.
 */
export function convertModelFile(
  input: string,
  out: string,
  weights: TensorEncoding,
): { out: string; bytes: number; inputBytes: number } {
  if (sameFile(input, out)) {
    throw new Error(
      `will not write over the input ${input}: convert to another file, check it, then move it`,
    );
  }
  const { header, network } = readModelFile(input);
  const { kind, alphabet, featureConfig, training, metrics, createdAt } = header;
  const target = resolve(out);
  const bytes = writeModelFile(
    target,
    network,
    { kind, alphabet, featureConfig, training, metrics, createdAt },
    { weights },
  );
  return { out: target, bytes, inputBytes: statSync(input).size };
}

export function findModel(name: string): ModelEntry {
  const entry = listModels().find((m) => m.name === name);
  if (!entry) throw new Error(`no model named "${name}" (see 'verbatim models list')`);
  return entry;
}

/** Removes a user model from the registry, and its file when it lives in VERBATIM_HOME/models. */
export function removeModel(name: string): ModelEntry {
  const entry = unregisterUserModel(name);
  if (dirname(entry.path) === userModelsDir()) rmSync(entry.path, { force: true });
  return entry;
}

/** Renames a user model (its registry entry, its file when ours, and the active choice). */
export function renameModel(name: string, to: string): ModelEntry {
  const entry = findModel(name);
  if (entry.shipped) throw new Error(`"${name}" is a shipped model and cannot be renamed`);
  checkDatasetName(to, 'model');
  if (listModels().some((m) => m.name === to)) throw new Error(`a model named "${to}" exists`);
  unregisterUserModel(name);
  let path = entry.path;
  if (dirname(path) === userModelsDir()) {
    const next = join(userModelsDir(), `${to}.vbm`);
    renameSync(path, next);
    path = next;
  }
  const { shipped: _shipped, ...rest } = entry;
  const renamed = registerUserModel({ ...rest, name: to, path });
  const activeFile = join(verbatimHome(), 'active.json');
  if (existsSync(activeFile)) {
    const active = JSON.parse(readFileSync(activeFile, 'utf8')) as Record<string, string>;
    for (const role of Object.keys(active)) if (active[role] === name) active[role] = to;
    writeFileAtomic(activeFile, `${JSON.stringify(active, null, 2)}\n`);
  }
  return renamed;
}
