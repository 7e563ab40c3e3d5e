/**
 * Allocator over a shared, growable WebAssembly.Memory: first-fit free list
 * in front of a bump pointer, 16-byte aligned blocks (one SIMD vector).
 *
 * The memory is shared because growing a shared memory never detaches the
 * SharedArrayBuffers handed out earlier: every Float32Array view stays valid.
 * `memory.buffer` returns a new SharedArrayBuffer object after each grow, so
 * the heap remembers every buffer object it has seen to recognise its views.
 */

const PAGE_BYTES = 65536;
const ALIGN = 16;

interface FreeBlock {
  ptr: number;
  bytes: number;
}

export class WasmHeap {
  private top: number;
  private readonly freeList: FreeBlock[] = [];
  private readonly sizes = new Map<number, number>();
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private latest: ArrayBufferLike | null = null;

  constructor(
    readonly memory: WebAssembly.Memory,
    base: number,
    private readonly maximumPages: number,
  ) {
    this.top = alignUp(Math.max(base, ALIGN));
  }

  /** Bytes in use or on the free list, i.e. the high-water mark of the heap. */
  get highWater(): number {
    return this.top;
  }

  /** Allocates `bytes` zero-filled bytes and returns their address. */
  alloc(bytes: number): number {
    const size = alignUp(Math.max(bytes, ALIGN));
    let ptr = -1;
    for (let i = 0; i < this.freeList.length; i++) {
      const block = this.freeList[i];
      if (block.bytes < size) continue;
      ptr = block.ptr;
      if (block.bytes === size) this.freeList.splice(i, 1);
      else {
        block.ptr += size;
        block.bytes -= size;
      }
      break;
    }
    if (ptr < 0) {
      ptr = this.top;
      this.reserve(ptr + size);
      this.top = ptr + size;
    }
    this.sizes.set(ptr, size);
    new Uint8Array(this.buffer(), ptr, size).fill(0);
    return ptr;
  }

  /** Returns a block from `alloc` to the heap. */
  free(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) {
      throw new Error(`WasmHeap.free: ${ptr} is not the start of a live allocation`);
    }
    this.sizes.delete(ptr);
    // Keep the list sorted by address and merge with adjacent free blocks.
    let i = 0;
    while (i < this.freeList.length && this.freeList[i].ptr < ptr) i++;
    this.freeList.splice(i, 0, { ptr, bytes: size });
    const next = this.freeList[i + 1];
    if (next && ptr + size === next.ptr) {
      this.freeList[i].bytes += next.bytes;
      this.freeList.splice(i + 1, 1);
    }
    const prev = this.freeList[i - 1];
    if (prev && prev.ptr + prev.bytes === ptr) {
      prev.bytes += this.freeList[i].bytes;
      this.freeList.splice(i, 1);
    }
    // A free block at the end goes back to the bump pointer.
    const last = this.freeList[this.freeList.length - 1];
    if (last && last.ptr + last.bytes === this.top) {
      this.top = last.ptr;
      this.freeList.pop();
    }
  }

  /** A Float32Array view of `length` floats at byte address `ptr`. */
  floats(ptr: number, length: number): Float32Array {
    return new Float32Array(this.buffer(), ptr, length);
  }

  /** Whether `array` is a view into this heap's memory (so it needs no copy). */
  owns(array: ArrayBufferView): boolean {
    // The latest buffer first (an identity check, on every kernel argument),
    // then older ones; views made elsewhere on the current memory.buffer count too.
    const buffer = array.buffer;
    return buffer === this.latest || this.buffers.has(buffer) || buffer === this.buffer();
  }

  private buffer(): ArrayBufferLike {
    const buffer = this.memory.buffer;
    if (buffer !== this.latest) {
      this.buffers.add(buffer);
      this.latest = buffer;
    }
    return buffer;
  }

  /** Grows the memory so that addresses below `end` exist. */
  private reserve(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE_BYTES);
    const limit = this.maximumPages * PAGE_BYTES;
    if (end > limit) {
      throw new RangeError(
        `WASM kernels: out of memory: need ${mib(end)} MiB, the limit is ${mib(limit)} MiB; ` +
          'free unused arrays or create the kernels with a larger maximumPages',
      );
    }
    this.memory.grow(pages);
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
