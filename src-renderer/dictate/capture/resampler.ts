// Streaming sample-rate conversion to 16 kHz for browsers whose AudioContext
// cannot run at 16 kHz with a microphone (Chromium can, so there it is a
// pass-through). Each output sample averages the input over its own period
// (a box low-pass, enough against gross aliasing for speech features) with
// linear weights at the edges; state carries across chunks.

export class StreamingResampler {
  private readonly step: number;
  /** Input position (in input samples, relative to the pending buffer) of the next output. */
  private pos = 0;
  private pending = new Float32Array(0);

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    if (!(fromRate > 0 && toRate > 0 && toRate <= fromRate)) {
      throw new RangeError(
        `StreamingResampler converts down only: got ${fromRate} Hz → ${toRate} Hz`,
      );
    }
    this.step = fromRate / toRate;
  }

  process(input: Float32Array): Float32Array {
    if (this.step === 1) return input.slice();
    const buf = new Float32Array(this.pending.length + input.length);
    buf.set(this.pending);
    buf.set(input, this.pending.length);
    const out: number[] = [];
    // Output k covers input [pos, pos + step).
    while (this.pos + this.step <= buf.length) {
      const a = this.pos;
      const b = this.pos + this.step;
      let sum = 0;
      for (let i = Math.floor(a); i < Math.ceil(b); i++) {
        const lo = Math.max(a, i);
        const hi = Math.min(b, i + 1);
        sum += buf[i]! * (hi - lo);
      }
      out.push(sum / this.step);
      this.pos += this.step;
    }
    const keep = Math.floor(this.pos);
    this.pending = buf.slice(keep);
    this.pos -= keep;
    return Float32Array.from(out);
  }
}
