// 16-bit PCM mono WAV files for Chromium's fake microphone.
import { writeFileSync, renameSync } from 'node:fs';

export function encodeWav16(samples: Float32Array, sampleRate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) =>
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2),
  );
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function writeWav16(path: string, samples: Float32Array, sampleRate: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, encodeWav16(samples, sampleRate));
  renameSync(tmp, path);
}

/**
 * A loud, syllable-like test signal: 250 ms bursts of a 300 Hz tone with
 * harmonics, separated by 100 ms pauses, for `seconds` seconds. It makes the
 * level meter move; recognition tests will use recorded speech instead.
 */
export function burstSignal(seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    const inBurst = t % 0.35 < 0.25;
    if (!inBurst) continue;
    const f = 300;
    out[i] =
      0.4 * Math.sin(2 * Math.PI * f * t) +
      0.2 * Math.sin(2 * Math.PI * 2 * f * t) +
      0.1 * Math.sin(2 * Math.PI * 3 * f * t);
  }
  return out;
}
