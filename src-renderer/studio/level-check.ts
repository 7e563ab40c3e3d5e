// Level warnings for a take: too quiet (peak below −30 dBFS) or clipped
// (more than a few samples at full scale).

export type LevelWarning = 'too-quiet' | 'clipped' | null;

export const LEVEL_MESSAGES: Record<Exclude<LevelWarning, null>, string> = {
  'too-quiet': 'Too quiet: move closer to the microphone or raise its input level.',
  clipped: 'Clipped: the take is distorted; move back or lower the input level.',
};

export function levelWarning(samples: Float32Array): LevelWarning {
  if (samples.length === 0) return null;
  let peak = 0;
  let clipped = 0;
  for (const s of samples) {
    const a = Math.abs(s);
    if (a > peak) peak = a;
    if (a >= 0.999) clipped++;
  }
  if (clipped > 3) return 'clipped';
  if (peak < 10 ** (-30 / 20)) return 'too-quiet';
  return null;
}

/** 16-bit little-endian PCM in base64 (as getSampleAudio sends it) → float samples. */
export function decodePcm16(base64: string): Float32Array {
  const bin = atob(base64);
  const out = new Float32Array(bin.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const v = bin.charCodeAt(2 * i) | (bin.charCodeAt(2 * i + 1) << 8);
    out[i] = (v >= 0x8000 ? v - 0x10000 : v) / 32768;
  }
  return out;
}
