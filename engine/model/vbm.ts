import type { Kernels } from '../kernels/kernels';
import { validateArchitecture, type Architecture } from '../nn/architecture';
import { Network } from '../nn/network';
import { crc32 } from './crc32';

/**
 * The `.vbm` model file (all integers little-endian):
 *
 *   offset 0   4 bytes  magic "VBM\x1a"
 *          4   uint32   container version (1)
 *          8   uint32   n = byte length of the JSON header
 *         12   n bytes  UTF-8 JSON header (ModelHeader), then zero bytes up to a multiple of 4
 *          …   float32  every tensor of header.tensors in order, row-major
 *        end−4 uint32   CRC-32 of every preceding byte
 *
 * Loading checks each of these and every tensor shape against the architecture,
 * so a truncated, corrupted or foreign file raises ModelFormatError, never garbage.
 */
export const VBM_MAGIC = Uint8Array.of(0x56, 0x42, 0x4d, 0x1a);
export const VBM_VERSION = 1;

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
  architecture: Architecture;
  tensors: { name: string; shape: number[] }[];
}

export interface LoadedModel {
  header: ModelHeader;
  network: Network;
}

/** A model file that cannot be used: the message says what is wrong and what to do. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

const PREFIX = 12;

/** Serialises a network and its description into `.vbm` bytes. */
export function saveModel(network: Network, info: ModelInfo): Uint8Array {
  checkInfo(info, network.architecture.outputSize, (m) => new TypeError(m));
  const header: ModelHeader = {
    formatVersion: VBM_VERSION,
    kind: info.kind,
    alphabet: info.alphabet,
    featureConfig: info.featureConfig,
    training: info.training ?? {},
    metrics: info.metrics ?? {},
    createdAt: info.createdAt ?? new Date().toISOString(),
    architecture: network.architecture,
    tensors: network.params.entries.map((e) => ({ name: e.name, shape: [...e.shape] })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(PREFIX + json.length);
  const data = network.params.data;
  const total = dataStart + data.length * 4 + 4;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(VBM_MAGIC, 0);
  view.setUint32(4, VBM_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, PREFIX);
  for (let i = 0; i < data.length; i++) view.setFloat32(dataStart + i * 4, data[i], true);
  view.setUint32(total - 4, crc32(bytes.subarray(0, total - 4)), true);
  return bytes;
}

/** Parses and validates `.vbm` bytes into a ready-to-use network. */
export function loadModel(bytes: Uint8Array, options: { kernels?: Kernels } = {}): LoadedModel {
  const fail = (m: string): never => {
    throw new ModelFormatError(m);
  };
  if (!(bytes instanceof Uint8Array)) fail('expected the model file contents as a Uint8Array');
  if (bytes.length < PREFIX + 4 || !VBM_MAGIC.every((b, i) => bytes[i] === b)) {
    fail(
      bytes.length >= 4 && !VBM_MAGIC.every((b, i) => bytes[i] === b)
        ? 'not a Verbatim model file (.vbm): the magic bytes do not match; pick a .vbm file saved by Verbatim'
        : `model file is truncated (${bytes.length} bytes); re-export or re-download it`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VBM_VERSION) {
    fail(
      version > VBM_VERSION
        ? `model file version ${version} is newer than this Verbatim supports (${VBM_VERSION}); update Verbatim`
        : `unknown model file version ${version}; the file is corrupted`,
    );
  }
  const jsonLength = view.getUint32(8, true);
  if (PREFIX + jsonLength + 4 > bytes.length) {
    fail(`model file is truncated: its header needs ${jsonLength} bytes; re-export the model`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + jsonLength)),
    );
  } catch {
    fail('model file header is not valid UTF-8 JSON: the file is corrupted');
  }
  const header = checkHeader(parsed);
  let network: Network;
  try {
    network = new Network(header.architecture, { kernels: options.kernels });
  } catch (e) {
    return fail(`model file describes an unusable network: ${(e as Error).message}`);
  }
  const entries = network.params.entries;
  if (header.tensors.length !== entries.length) {
    fail(
      `model file lists ${header.tensors.length} tensors, its architecture needs ${entries.length}`,
    );
  }
  entries.forEach((e, i) => {
    const t = header.tensors[i];
    if (t.name !== e.name || t.shape.join('x') !== e.shape.join('x')) {
      fail(
        `tensor ${i} is ${t.name} [${t.shape}], the architecture expects ${e.name} [${e.shape}]`,
      );
    }
  });
  const dataStart = align4(PREFIX + jsonLength);
  const expected = dataStart + network.params.size * 4 + 4;
  if (bytes.length < expected) {
    fail(
      `model file is truncated: ${bytes.length} bytes, expected ${expected}; re-export the model`,
    );
  }
  if (bytes.length > expected) {
    fail(`model file has ${bytes.length - expected} unexpected trailing bytes: it is corrupted`);
  }
  if (crc32(bytes.subarray(0, expected - 4)) !== view.getUint32(expected - 4, true)) {
    fail('model file is corrupted (checksum mismatch); re-export or re-download it');
  }
  const data = network.params.data;
  for (let i = 0; i < data.length; i++) {
    data[i] = view.getFloat32(dataStart + i * 4, true);
    if (!Number.isFinite(data[i])) fail(`model weight ${i} is not finite: the model is unusable`);
  }
  return { header, network };
}

const align4 = (n: number) => (n + 3) & ~3;

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

function checkHeader(value: unknown): ModelHeader {
  const fail = (m: string): never => {
    throw new ModelFormatError(`model file header: ${m}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  const h = value as Record<string, unknown>;
  if (h.formatVersion !== VBM_VERSION) fail(`unsupported formatVersion ${h.formatVersion}`);
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
