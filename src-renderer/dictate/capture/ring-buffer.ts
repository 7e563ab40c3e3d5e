// A fixed-size ring of audio samples between the capture (which must never
// block) and the sender (which streams to the back end at its own pace, like
// whisper.cpp's `stream`). When the sender falls behind by more than the
// capacity, the oldest audio is dropped and counted.

export class AudioRing {
  private readonly data: Float32Array;
  private readPos = 0;
  private size = 0;
  /** Samples dropped because the reader fell behind. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) {
      throw new RangeError(`AudioRing capacity must be a positive integer, got ${capacity}`);
    }
    this.data = new Float32Array(capacity);
  }

  get available(): number {
    return this.size;
  }

  write(samples: Float32Array): void {
    let input = samples;
    if (input.length > this.capacity) {
      this.dropped += input.length - this.capacity;
      input = input.subarray(input.length - this.capacity);
    }
    const overflow = this.size + input.length - this.capacity;
    if (overflow > 0) {
      this.dropped += overflow;
      this.readPos = (this.readPos + overflow) % this.capacity;
      this.size -= overflow;
    }
    const writePos = (this.readPos + this.size) % this.capacity;
    const first = Math.min(input.length, this.capacity - writePos);
    this.data.set(input.subarray(0, first), writePos);
    this.data.set(input.subarray(first), 0);
    this.size += input.length;
  }

  /** Removes and returns up to `max` of the oldest samples. */
  read(max: number): Float32Array {
    const n = Math.min(max, this.size);
    const out = new Float32Array(n);
    const first = Math.min(n, this.capacity - this.readPos);
    out.set(this.data.subarray(this.readPos, this.readPos + first));
    out.set(this.data.subarray(0, n - first), first);
    this.readPos = (this.readPos + n) % this.capacity;
    this.size -= n;
    return out;
  }
}
