// The browser mode's wire format for API calls: JSON, except that typed arrays
// (audio samples) travel as raw bytes instead of as huge JSON number lists.
//
//   [u32 LE: n = JSON byte length] [n bytes: UTF-8 JSON] [pad to 4] [binary area]
//
// In the JSON a Float32Array is `{"$f32":[offset,length]}` and a Uint8Array
// `{"$u8":[offset,length]}` (offset in bytes into the binary area, length in
// elements). Platform-free: both the server and the renderer's client use it.

export const WIRE_CONTENT_TYPE = 'application/vnd.verbatim.wire';

export class WireError extends Error {
  constructor(message: string) {
    super(`Malformed request body: ${message}`);
    this.name = 'WireError';
  }
}

const align4 = (n: number) => (n + 3) & ~3;

export function encodeWire(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  let binaryLength = 0;
  const add = (bytes: Uint8Array): number => {
    const offset = binaryLength;
    blobs.push(bytes);
    binaryLength = align4(binaryLength + bytes.byteLength);
    return offset;
  };
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float32Array) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return { $f32: [add(bytes), v.length] };
    }
    if (v instanceof Uint8Array) return { $u8: [add(v), v.length] };
    return v;
  });
  const head = new TextEncoder().encode(json ?? 'null');
  const binaryStart = align4(4 + head.byteLength);
  const out = new Uint8Array(binaryStart + binaryLength);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  let offset = binaryStart;
  for (const blob of blobs) {
    out.set(blob, offset);
    offset += align4(blob.byteLength);
  }
  return out;
}

export function decodeWire(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new WireError('shorter than its 4-byte header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > bytes.byteLength) {
    throw new WireError(`header announces ${jsonLength} JSON bytes but the body is shorter`);
  }
  const binaryStart = align4(4 + jsonLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + jsonLength));
  } catch {
    throw new WireError('the JSON part is not valid UTF-8');
  }
  const slice = (ref: unknown, elementSize: number): Uint8Array => {
    if (
      !Array.isArray(ref) ||
      ref.length !== 2 ||
      !ref.every((n) => Number.isSafeInteger(n) && n >= 0)
    ) {
      throw new WireError('a binary reference must be [offset, length] with whole numbers');
    }
    const [offset, length] = ref as [number, number];
    const start = binaryStart + offset;
    const end = start + length * elementSize;
    if (offset % 4 !== 0 || end > bytes.byteLength) {
      throw new WireError(`binary reference [${offset}, ${length}] lies outside the body`);
    }
    // Copy: the result must own an aligned buffer of its own.
    return bytes.slice(start, end);
  };
  try {
    return JSON.parse(text, (_key, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const keys = Object.keys(v);
        if (keys.length === 1 && keys[0] === '$f32') {
          return new Float32Array(slice((v as { $f32: unknown }).$f32, 4).buffer);
        }
        if (keys.length === 1 && keys[0] === '$u8') return slice((v as { $u8: unknown }).$u8, 1);
      }
      return v;
    });
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError(`the JSON part does not parse (${(e as Error).message})`);
  }
}
