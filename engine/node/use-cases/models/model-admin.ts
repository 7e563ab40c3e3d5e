// Managing the user's models (VERBATIM_HOME/models/): import a validated .vbm,
// export as .vbm or ONNX, rename, remove. Shared by `verbatim models` and the
// app's Models view; the registry itself is model-store.ts.
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inferRole, type ModelRole } from '../../../model/roles';
import { loadModel, readingModel, type TensorEncoding } from '../../../model/vbm';
import { exportOnnx } from '../../../onnx/export-onnx';
import { readModelBytes, readModelFile, writeModelFile } from '../../io/model-files';
import { isInside } from '../../io/path-inside';
import { writeFileAtomic } from '../../io/write-atomic';
import { checkDatasetName } from '../datasets/dataset-store';
import {
  assetsDir,
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

/**
 * The files of a user model that are its own: those inside VERBATIM_HOME/models
 * (its .vbm, and the LM and lexicon a fine-tune wrote there) that no other
 * model names. A shipped asset is never one, wherever the folders are.
 */
function ownFiles(entry: ModelEntry): string[] {
  const others = listModels().filter((m) => m.name !== entry.name);
  const named = new Set(others.flatMap((m) => [m.path, m.lm, m.lexicon, m.charLm]));
  return [entry.path, entry.lm, entry.lexicon, entry.charLm].filter(
    (p): p is string =>
      p !== undefined && dirname(p) === userModelsDir() && !isInside(p, assetsDir) && !named.has(p),
  );
}

/** Removes a user model from the registry, and its own files (ownFiles). */
export function removeModel(name: string): ModelEntry {
  const files = ownFiles(findModel(name));
  const entry = unregisterUserModel(name);
  for (const file of files) rmSync(file, { force: true });
  return entry;
}

/** Renames a user model (its registry entry, its file when ours, and the active choice). */
export function renameModel(name: string, to: string): ModelEntry {
  const entry = findModel(name);
  if (entry.shipped) throw new Error(`"${name}" is a shipped model and cannot be renamed`);
  checkDatasetName(to, 'model');
  if (listModels().some((m) => m.name === to)) throw new Error(`a model named "${to}" exists`);
  // Its own files named for it (NAME.vbm, NAME.lexicon.txt, …) take the new name.
  const moved = new Map(
    ownFiles(entry)
      .filter((p) => basename(p).startsWith(`${name}.`))
      .map((p) => [p, join(userModelsDir(), `${to}${basename(p).slice(name.length)}`)]),
  );
  unregisterUserModel(name);
  for (const [from, next] of moved) renameSync(from, next);
  const at = (p: string | undefined) => (p === undefined ? p : (moved.get(p) ?? p));
  const { shipped: _shipped, ...rest } = entry;
  const renamed = registerUserModel({
    ...rest,
    name: to,
    path: at(entry.path)!,
    lm: at(entry.lm),
    lexicon: at(entry.lexicon),
    charLm: at(entry.charLm),
  });
  const activeFile = join(verbatimHome(), 'active.json');
  if (existsSync(activeFile)) {
    const active = JSON.parse(readFileSync(activeFile, 'utf8')) as Record<string, string>;
    for (const role of Object.keys(active)) if (active[role] === name) active[role] = to;
    writeFileAtomic(activeFile, `${JSON.stringify(active, null, 2)}\n`);
  }
  return renamed;
}
