import type { Kernels } from '../kernels/kernels';

/**
 * A workspace buffer that is reused across steps and only reallocated when a
 * bigger batch arrives, so the training loop allocates nothing once warm.
 */
export class Growable {
  private buffer: Float32Array;

  constructor(private readonly kernels: Kernels) {
    this.buffer = kernels.alloc(0);
  }

  /** A view of exactly `length` elements; contents are whatever was there (callers overwrite). */
  get(length: number): Float32Array {
    if (this.buffer.length < length) {
      // Views of the old buffer are only held within one pass, which never grows a buffer.
      this.kernels.free?.(this.buffer);
      this.buffer = this.kernels.alloc(Math.max(length, Math.ceil(this.buffer.length * 1.5)));
    }
    return this.buffer.subarray(0, length);
  }

  /** Like get(), zero-filled. */
  zeroed(length: number): Float32Array {
    const view = this.get(length);
    view.fill(0);
    return view;
  }
}
