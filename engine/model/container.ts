import { crc32 } from './crc32';
import { fromFloat16Bits, toFloat16Bits } from './float16';

/**
 * The binary container shared by model files and training checkpoints (all
 * integers little-endian):
 *
 *   offset 0   4 bytes  magic
 *          4   uint32   container version
 *          8   uint32   n = byte length of the JSON header
 *         12   n bytes  UTF-8 JSON header, then zero bytes up to a multiple of 4
 *          …   float32 (or float16, when the format's header says so) the
 *                       tensors, concatenated, row-major
 *        end−4 uint32   CRC-32 of every preceding byte
 */
export interface ContainerFormat {
  magic: Uint8Array;
  /** The version written, and the newest one read. */
  version: number;
  /** Earlier versions still read. */
  alsoReads?: readonly number[];
  /** 'model file', 'checkpoint': used in error messages. */
  what: string;
}

/** How the tensors' numbers are stored; they are float32 in memory either way. */
export type TensorEncoding = 'float32' | 'float16';
export const TENSOR_ENCODINGS: readonly TensorEncoding[] = ['float32', 'float16'];
const BYTES_PER_VALUE: Record<TensorEncoding, number> = { float32: 4, float16: 2 };

/** How many numbers follow a container's header, and how they are stored. */
export interface TensorLayout {
  count: number;
  encoding: TensorEncoding;
}

/** A file that cannot be used: the message says what is wrong and what to do. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

const PREFIX = 12;
const align4 = (n: number) => (n + 3) & ~3;

/** The container's bytes; the tensors are stored as `encoding` (float32 by default). */
export function writeContainer(
  format: ContainerFormat,
  header: unknown,
  tensors: readonly Float32Array[],
  encoding: TensorEncoding = 'float32',
): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(PREFIX + json.length);
  const floats = tensors.reduce((n, t) => n + t.length, 0);
  const size = BYTES_PER_VALUE[encoding];
  const total = dataStart + floats * size + 4;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(format.magic, 0);
  view.setUint32(4, format.version, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, PREFIX);
  let at = dataStart;
  for (const t of tensors) {
    if (encoding === 'float16') {
      for (let i = 0; i < t.length; i++, at += 2) view.setUint16(at, toFloat16Bits(t[i]), true);
    } else {
      for (let i = 0; i < t.length; i++, at += 4) view.setFloat32(at, t[i], true);
    }
  }
  view.setUint32(total - 4, crc32(bytes.subarray(0, total - 4)), true);
  return bytes;
}

/** Where a container's header ends: the prefix and its JSON (a file's head is enough). */
export function containerHeaderLength(prefix: Uint8Array): number {
  if (prefix.length < PREFIX) return PREFIX;
  return PREFIX + new DataView(prefix.buffer, prefix.byteOffset, PREFIX).getUint32(8, true);
}

/**
 * Reads a container's magic, version and JSON header and nothing after it:
 * `bytes` may be the whole file or only its first containerHeaderLength bytes.
 * The tensors and the checksum are not checked (readContainer does that).
 */
export function readContainerHeader(
  bytes: Uint8Array,
  format: ContainerFormat,
  minLength = PREFIX,
): { header: unknown; jsonLength: number; version: number } {
  const { what } = format;
  const fail = (m: string): never => {
    throw new ModelFormatError(m);
  };
  if (!(bytes instanceof Uint8Array)) fail(`expected the ${what} contents as a Uint8Array`);
  const magicOk = format.magic.every((b, i) => bytes[i] === b);
  if (bytes.length >= 4 && !magicOk) {
    fail(`not a Verbatim ${what}: the magic bytes do not match; pick a ${what} saved by Verbatim`);
  }
  if (bytes.length < minLength) fail(`${what} is truncated (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== format.version && !format.alsoReads?.includes(version)) {
    fail(
      version > format.version
        ? `${what} version ${version} is newer than this Verbatim supports (${format.version}); update Verbatim`
        : `unknown ${what} version ${version}: the file is corrupted`,
    );
  }
  const jsonLength = view.getUint32(8, true);
  if (PREFIX + jsonLength > bytes.length) {
    fail(`${what} is truncated: its header needs ${jsonLength} bytes`);
  }
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(PREFIX, PREFIX + jsonLength),
    );
    header = JSON.parse(text);
  } catch {
    fail(`${what} header is not valid UTF-8 JSON: the file is corrupted`);
  }
  return { header, jsonLength, version };
}

/**
 * Reads and checks a container. `floatCount` validates the parsed header (of
 * the container `version`) and returns how many floats must follow it, as a
 * number (float32) or a TensorLayout; it throws ModelFormatError when the
 * header is unusable. Returns the header and the floats (float32, whatever
 * their encoding in the file), all checked finite.
 */
export function readContainer(
  bytes: Uint8Array,
  format: ContainerFormat,
  floatCount: (header: unknown, version: number) => number | TensorLayout,
): { header: unknown; floats: Float32Array } {
  const { what } = format;
  const fail = (m: string): never => {
    throw new ModelFormatError(m);
  };
  const { header, jsonLength, version } = readContainerHeader(bytes, format, PREFIX + 4);
  if (PREFIX + jsonLength + 4 > bytes.length) {
    fail(`${what} is truncated: its header needs ${jsonLength} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = floatCount(header, version);
  const { count, encoding } =
    typeof layout === 'number' ? { count: layout, encoding: 'float32' as const } : layout;
  const size = BYTES_PER_VALUE[encoding];
  const dataStart = align4(PREFIX + jsonLength);
  const expected = dataStart + count * size + 4;
  if (bytes.length < expected) {
    fail(`${what} is truncated: ${bytes.length} bytes, expected ${expected}`);
  }
  if (bytes.length > expected) {
    fail(`${what} has ${bytes.length - expected} unexpected trailing bytes: it is corrupted`);
  }
  if (crc32(bytes.subarray(0, expected - 4)) !== view.getUint32(expected - 4, true)) {
    fail(`${what} is corrupted (checksum mismatch)`);
  }
  const floats = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const at = dataStart + i * size;
    floats[i] =
      encoding === 'float16'
        ? fromFloat16Bits(view.getUint16(at, true))
        : view.getFloat32(at, true);
    if (!Number.isFinite(floats[i])) fail(`${what} value ${i} is not finite: the file is unusable`);
  }
  return { header, floats };
}
