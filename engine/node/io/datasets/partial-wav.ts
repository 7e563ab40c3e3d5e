// Recordings streamed to disk as they are captured: samples go straight into a
// `<name>.wav.partial` file whose RIFF header still says "0 bytes"; close()
// patches the sizes and renames it to `<name>.wav`. After a crash the
// partial file holds everything written up to then (the OS has it even when
// the process dies; we fdatasync about once a second against power loss), and
// recoverPartialWavs() repairs its header from the file size.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../write-atomic';

const HEADER_BYTES = 44;
export const PARTIAL_SUFFIX = '.partial';

/** The canonical 44-byte header of 16-bit mono PCM with `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate: number): Uint8Array {
  const h = new Uint8Array(HEADER_BYTES);
  const v = new DataView(h.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => (h[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  return h;
}

/** Float samples (−1..1) as 16-bit little-endian PCM, clipped. */
function pcm16(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const v = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    v.setInt16(i * 2, Math.round(s < 0 ? s * 32768 : s * 32767), true);
  }
  return out;
}

/** What a recording is of, kept beside the partial file so a recovered take keeps its prompt. */
export interface RecordingMeta {
  text: string;
  speaker?: string;
  created: string;
}

const metaPath = (wavPath: string) => `${wavPath}${PARTIAL_SUFFIX}.json`;

export class PartialWavWriter {
  private fd: number | null;
  private dataBytes = 0;
  private lastSync = Date.now();
  readonly partialPath: string;

  /** Starts `<wavPath>.partial` (and its metadata sidecar); nothing exists at `wavPath` until close(). */
  constructor(
    readonly wavPath: string,
    readonly sampleRate: number,
    meta: RecordingMeta,
  ) {
    this.partialPath = wavPath + PARTIAL_SUFFIX;
    writeFileAtomic(metaPath(wavPath), JSON.stringify(meta));
    this.fd = openSync(this.partialPath, 'w');
    writeSync(this.fd, wavHeader(0, sampleRate));
  }

  get seconds(): number {
    return this.dataBytes / 2 / this.sampleRate;
  }

  append(samples: Float32Array): void {
    if (this.fd === null) throw new Error(`recording ${this.wavPath} is already closed`);
    const bytes = pcm16(samples);
    writeSync(this.fd, bytes);
    this.dataBytes += bytes.length;
    if (Date.now() - this.lastSync >= 1000) {
      fdatasyncSync(this.fd);
      this.lastSync = Date.now();
    }
  }

  /** Patches the header, renames the file into place; returns the duration in seconds. */
  close(): number {
    if (this.fd === null) throw new Error(`recording ${this.wavPath} is already closed`);
    writeSync(this.fd, wavHeader(this.dataBytes, this.sampleRate), 0, HEADER_BYTES, 0);
    fdatasyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.partialPath, this.wavPath);
    rmSync(metaPath(this.wavPath), { force: true });
    return this.seconds;
  }

  /** Stops and deletes the take. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.partialPath, { force: true });
    rmSync(metaPath(this.wavPath), { force: true });
  }
}

export interface RecoveredRecording {
  wavPath: string;
  seconds: number;
  meta: RecordingMeta | null;
}

/**
 * Repairs every `*.wav.partial` in `dir` left by a crash: the header's sizes
 * are set from the file size (a torn last sample is dropped) and the file is
 * renamed to `.wav`. Files holding no audio are removed.
 */
export function recoverPartialWavs(dir: string): RecoveredRecording[] {
  if (!existsSync(dir)) return [];
  const recovered: RecoveredRecording[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(`.wav${PARTIAL_SUFFIX}`)) continue;
    const partialPath = join(dir, name);
    const wavPath = partialPath.slice(0, -PARTIAL_SUFFIX.length);
    let meta: RecordingMeta | null = null;
    try {
      meta = JSON.parse(readFileSync(metaPath(wavPath), 'utf8')) as RecordingMeta;
    } catch {
      meta = null; // the take is kept even without its prompt; it comes back unlabelled
    }
    const size = statSync(partialPath).size;
    const dataBytes = Math.max(0, size - HEADER_BYTES) & ~1;
    if (dataBytes === 0) {
      rmSync(partialPath, { force: true });
      rmSync(metaPath(wavPath), { force: true });
      continue;
    }
    const sampleRate = new DataView(readFileSync(partialPath).buffer).getUint32(24, true) || 16000;
    const fd = openSync(partialPath, 'r+');
    try {
      writeSync(fd, wavHeader(dataBytes, sampleRate), 0, HEADER_BYTES, 0);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partialPath, wavPath);
    rmSync(metaPath(wavPath), { force: true });
    recovered.push({ wavPath, seconds: dataBytes / 2 / sampleRate, meta });
  }
  return recovered;
}
