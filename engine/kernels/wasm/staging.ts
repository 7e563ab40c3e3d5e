import type { WasmHeap } from './heap';

/**
 * Puts kernel arguments into WASM memory for one call. Views of the heap pass
 * by address (zero copy); any other Float32Array is copied into a scratch
 * block, and copied back afterwards when the kernel writes it.
 *
 * A call first announces the scratch it needs (`begin`), so the block is
 * never reallocated while earlier arguments sit in it.
 */
export class ArgumentStaging {
  private scratch = 0;
  private capacity = 0;
  private used = 0;

  constructor(private readonly heap: WasmHeap) {}

  /** Scratch floats `array` needs (0 when it is already in WASM memory). */
  need(array: Float32Array, length: number): number {
    return this.heap.owns(array) ? 0 : roundUp4(length);
  }

  /** Starts a call needing `floats` floats of scratch in total. */
  begin(floats: number): void {
    this.used = 0;
    const bytes = floats * 4;
    if (bytes <= this.capacity) return;
    if (this.capacity > 0) this.heap.free(this.scratch);
    this.capacity = Math.max(bytes, this.capacity * 2);
    this.scratch = this.heap.alloc(this.capacity);
  }

  /** Address of the first `length` floats of an array the kernel reads. */
  input(array: Float32Array, length: number): number {
    if (this.heap.owns(array)) return array.byteOffset;
    const ptr = this.take(length);
    this.heap.floats(ptr, length).set(array.length === length ? array : array.subarray(0, length));
    return ptr;
  }

  /** Address for an array the kernel only writes. */
  output(array: Float32Array, length: number): number {
    return this.heap.owns(array) ? array.byteOffset : this.take(length);
  }

  /** Copies a written argument back when it went through scratch. */
  copyBack(array: Float32Array, ptr: number, length: number): void {
    if (!this.heap.owns(array)) array.set(this.heap.floats(ptr, length));
  }

  private take(length: number): number {
    const ptr = this.scratch + this.used * 4;
    this.used += roundUp4(length);
    return ptr;
  }
}

/** Rounds a float count up to a whole SIMD vector, keeping scratch addresses 16-byte aligned. */
function roundUp4(n: number): number {
  return (n + 3) & ~3;
}
