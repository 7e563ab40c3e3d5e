import type { Kernels } from '../kernels/kernels';
import { validateArchitecture, type Architecture } from '../nn/architecture';
import { Network } from '../nn/network';
import {
  containerHeaderLength,
  ModelFormatError,
  readContainer,
  readContainerHeader,
  TENSOR_ENCODINGS,
  type TensorEncoding,
  writeContainer,
} from './container';

export { ModelFormatError, TENSOR_ENCODINGS, type TensorEncoding };

/**
 * Runs `read` on the model called `name` (a path or an uploaded file's name);
 * any reason the model is refused becomes one ModelFormatError that names it:
 * "NAME is not a usable Verbatim model: REASON". Every reader of a `.vbm`
 * goes through this, so a bad file reads the same everywhere.
 */
export function readingModel<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new ModelFormatError(`${name} is not a usable Verbatim model: ${(e as Error).message}`);
  }
}

/**
 * The `.vbm` model file: the container of container.ts with magic "VBM\x1a",
 * a ModelHeader as JSON header, then every tensor of header.tensors in order
 * (little-endian float32, or float16 when the header says `"weights":
 * "float16"`). A truncated, corrupted or foreign file raises
 * ModelFormatError, never garbage.
 *
 * Versions (the container's, repeated as the header's formatVersion):
 *  1  float32 weights; no `weights` field. Float32 models are still written
 *     as version 1, byte for byte as before, so every Verbatim reads them.
 *  2  the header names the weights' encoding in `weights` (float32 or
 *     float16), so a Verbatim that predates float16 says "update Verbatim"
 *     instead of misreading the shorter file as truncated.
 */
export const VBM_VERSION = 2;
const VBM_FORMAT = {
  magic: Uint8Array.of(0x56, 0x42, 0x4d, 0x1a), // "VBM\x1a"
  version: VBM_VERSION,
  alsoReads: [1],
  what: 'model file',
};
/** The version a model is written as: see VBM_VERSION. */
const versionFor = (weights: TensorEncoding) => (weights === 'float32' ? 1 : VBM_VERSION);

export type ModelKind = 'speech' | 'ink';

/** What the caller provides when saving. */
export interface ModelInfo {
  kind: ModelKind;
  /** One label per output index (CTC: index 0 is the blank, conventionally ''). */
  alphabet: string[];
  /** The feature extraction the model expects; opaque to the engine, stored as given. */
  featureConfig: Record<string, unknown>;
  /** How the model was trained (optimizer, schedule, data, epochs…). */
  training?: Record<string, unknown>;
  /** Evaluation results (e.g. { cer: 0.08, wer: 0.19 }). */
  metrics?: Record<string, unknown>;
  /** ISO 8601; defaults to the time of saving. */
  createdAt?: string;
}

export interface ModelHeader extends Required<ModelInfo> {
  formatVersion: number;
  /** How the weights are stored in the file (absent in version 1: float32). */
  weights?: TensorEncoding;
  architecture: Architecture;
  tensors: { name: string; shape: number[] }[];
}

/** How saveModel writes the weights. */
export interface SaveOptions {
  /**
   * 'float16' halves the file; the weights are rounded to the nearest float16
   * (clamped to ±65504) and read back as float32. Default 'float32' (exact).
   */
  weights?: TensorEncoding;
}

export interface LoadedModel {
  header: ModelHeader;
  network: Network;
}

/** Serialises a network and its description into `.vbm` bytes. */
export function saveModel(
  network: Network,
  info: ModelInfo,
  options: SaveOptions = {},
): Uint8Array {
  checkInfo(info, network.architecture.outputSize, (m) => new TypeError(m));
  const weights = options.weights ?? 'float32';
  if (!TENSOR_ENCODINGS.includes(weights)) {
    throw new TypeError(
      `weights must be one of ${TENSOR_ENCODINGS.join(', ')}, got ${JSON.stringify(weights)}`,
    );
  }
  const version = versionFor(weights);
  const header: ModelHeader = {
    formatVersion: version,
    ...(version > 1 ? { weights } : {}),
    kind: info.kind,
    alphabet: info.alphabet,
    featureConfig: info.featureConfig,
    training: info.training ?? {},
    metrics: info.metrics ?? {},
    createdAt: info.createdAt ?? new Date().toISOString(),
    architecture: network.architecture,
    tensors: network.params.entries.map((e) => ({ name: e.name, shape: [...e.shape] })),
  };
  return writeContainer({ ...VBM_FORMAT, version }, header, [network.params.data], weights);
}

/**
 * Parses and validates `.vbm` bytes into a ready-to-use network: magic, version,
 * header fields, every tensor name and shape against the architecture, byte
 * length, checksum and finiteness of every weight.
 */
export function loadModel(bytes: Uint8Array, options: { kernels?: Kernels } = {}): LoadedModel {
  let result: LoadedModel | null = null;
  const { floats } = readContainer(bytes, VBM_FORMAT, (parsed, version) => {
    const header = checkHeader(parsed, version);
    let network: Network;
    try {
      network = new Network(header.architecture, { kernels: options.kernels });
    } catch (e) {
      throw new ModelFormatError(
        `model file describes an unusable network: ${(e as Error).message}`,
      );
    }
    checkTensors(header, network);
    result = { header, network };
    return { count: network.params.size, encoding: header.weights ?? 'float32' };
  });
  const loaded = result as unknown as LoadedModel; // set by the callback (TS cannot see it)
  loaded.network.params.data.set(floats);
  return loaded;
}

/**
 * The header of `.vbm` bytes, validated, without reading the weights nor
 * building the network: `bytes` may be the whole file or only its first
 * modelHeaderLength(first 12 bytes) bytes. The tensors and the checksum are
 * checked by loadModel.
 */
export function readModelHeader(bytes: Uint8Array): ModelHeader {
  const { header, version } = readContainerHeader(bytes, VBM_FORMAT);
  return checkHeader(header, version);
}

/** How many bytes of a `.vbm` file hold its header, from the file's first 12 bytes. */
export const modelHeaderLength = containerHeaderLength;

function checkTensors(header: ModelHeader, network: Network): void {
  const entries = network.params.entries;
  if (header.tensors.length !== entries.length) {
    throw new ModelFormatError(
      `model file lists ${header.tensors.length} tensors, its architecture needs ${entries.length}`,
    );
  }
  entries.forEach((e, i) => {
    const t = header.tensors[i];
    if (t.name !== e.name || t.shape.join('x') !== e.shape.join('x')) {
      throw new ModelFormatError(
        `tensor ${i} is ${t.name} [${t.shape}], the architecture expects ${e.name} [${e.shape}]`,
      );
    }
  });
}

function checkInfo(info: ModelInfo, outputSize: number, error: (m: string) => Error): void {
  const fail = (m: string): never => {
    throw error(m);
  };
  if (info.kind !== 'speech' && info.kind !== 'ink') {
    fail(`model kind must be 'speech' or 'ink', got ${JSON.stringify(info.kind)}`);
  }
  if (!Array.isArray(info.alphabet) || !info.alphabet.every((s) => typeof s === 'string')) {
    fail('alphabet must be an array of strings');
  }
  if (info.alphabet.length !== outputSize) {
    fail(
      `alphabet has ${info.alphabet.length} entries but the network has ${outputSize} outputs (one label per output, blank included)`,
    );
  }
  for (const key of ['featureConfig', 'training', 'metrics'] as const) {
    const v = info[key];
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) {
      fail(`${key} must be a JSON object`);
    }
  }
  if (info.featureConfig === undefined) fail('featureConfig is required (a JSON object)');
  if (info.createdAt !== undefined && typeof info.createdAt !== 'string') {
    fail('createdAt must be an ISO 8601 string');
  }
}

/** The header of a file of container `version`, checked. */
function checkHeader(value: unknown, version: number): ModelHeader {
  const fail = (m: string): never => {
    throw new ModelFormatError(`model file header: ${m}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  const h = value as Record<string, unknown>;
  if (h.formatVersion !== version) {
    fail(`unsupported formatVersion ${h.formatVersion} in a version ${version} file`);
  }
  if (version > 1 && !TENSOR_ENCODINGS.includes(h.weights as TensorEncoding)) {
    fail(
      `weights stored as ${JSON.stringify(h.weights)}, which this Verbatim cannot read (it reads ${TENSOR_ENCODINGS.join(' and ')}); update Verbatim`,
    );
  }
  if (version === 1 && h.weights !== undefined) fail('a version 1 file has no weights field');
  let architecture: Architecture;
  try {
    architecture = validateArchitecture(h.architecture);
  } catch (e) {
    return fail((e as Error).message);
  }
  checkInfo(h as unknown as ModelInfo, architecture.outputSize, (m) => new ModelFormatError(m));
  if (typeof h.createdAt !== 'string') fail('createdAt missing');
  if (h.training === undefined || h.metrics === undefined) fail('training or metrics missing');
  if (
    !Array.isArray(h.tensors) ||
    !h.tensors.every(
      (t) =>
        typeof t === 'object' &&
        t !== null &&
        typeof t.name === 'string' &&
        Array.isArray(t.shape) &&
        t.shape.every((d: unknown) => Number.isInteger(d) && (d as number) > 0),
    )
  ) {
    fail('tensors must be a list of { name, shape }');
  }
  return { ...(h as unknown as ModelHeader), architecture };
}
