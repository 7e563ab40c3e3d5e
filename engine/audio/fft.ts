/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time)
 * with precomputed twiddles and bit-reversal table: build once per size, reuse
 * for every frame.
 */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reverse: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(`Fft: size must be a power of two ≥ 2, got ${size}`);
    }
    this.size = size;
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    const bits = Math.log2(size);
    this.reverse = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reverse[i] = r;
    }
  }

  /** X[k] = Σ_n x[n]·e^(−2πi·kn/N), in place on (re, im). */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const rev = this.reverse;
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step];
          const wi = this.sin[k * step];
          const a = start + k;
          const b = a + half;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}

/**
 * Power spectrum of a real signal of even length N through one complex FFT of
 * length N/2: pack z[n] = x[2n] + i·x[2n+1], transform, then split the even and
 * odd halves (X[k] = E[k] + e^(−2πik/N)·O[k]) — half the work of a complex FFT.
 */
export class RealPowerSpectrum {
  readonly size: number;
  private readonly fft: Fft;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.fft = new Fft(size / 2);
    this.re = new Float64Array(size / 2);
    this.im = new Float64Array(size / 2);
    this.cos = Float64Array.from({ length: size / 2 + 1 }, (_, k) =>
      Math.cos((2 * Math.PI * k) / size),
    );
    this.sin = Float64Array.from({ length: size / 2 + 1 }, (_, k) =>
      Math.sin((2 * Math.PI * k) / size),
    );
  }

  /** out[k] = |X[k]|² for k = 0..N/2, with x = input[0..N). */
  compute(input: Float64Array, out: Float64Array): void {
    const M = this.size / 2;
    const { re, im } = this;
    for (let n = 0; n < M; n++) {
      re[n] = input[2 * n];
      im[n] = input[2 * n + 1];
    }
    this.fft.transform(re, im);
    for (let k = 0; k <= M; k++) {
      const a = re[k % M];
      const b = im[k % M];
      const c = re[(M - k) % M];
      const d = im[(M - k) % M];
      const er = (a + c) / 2;
      const ei = (b - d) / 2;
      const or = (b + d) / 2;
      const oi = (c - a) / 2;
      // W^k = cos θ − i sin θ
      const wr = this.cos[k];
      const wi = -this.sin[k];
      const xr = er + wr * or - wi * oi;
      const xi = ei + wr * oi + wi * or;
      out[k] = xr * xr + xi * xi;
    }
  }
}
