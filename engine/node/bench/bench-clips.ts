import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRawPcm, decodeWav, encodeWav16, parseRawFormat, resample } from '../../audio/index';
import { AN4_RAW_FORMAT } from '../io/datasets/an4';
import { verbatimDataDir } from '../io/datasets/unipen-dataset';

/** A test recording as WAV bytes. */
export interface BenchClip {
  wav: Uint8Array;
  seconds: number;
  sampleRate: number;
  /** Where the audio comes from, for the report. */
  source: string;
}

/**
 * Clips are stored at 44.1 kHz (a common recording rate), so the pipeline
 * under test resamples them to the models' 16 kHz as it would a user's file.
 */
export const CLIP_SAMPLE_RATE = 44100;

/** AN4 training recordings (16 kHz), speaker after speaker, until `seconds` are gathered. */
function an4Audio(seconds: number): { samples: Float32Array; source: string } | null {
  const root = join(verbatimDataDir(), 'an4', 'wav', 'an4_clstk');
  if (!existsSync(root)) return null;
  const need = seconds * 16000;
  const parts: Float32Array[] = [];
  const speakers = new Set<string>();
  let have = 0;
  const format = parseRawFormat(AN4_RAW_FORMAT);
  for (const speaker of readdirSync(root).sort()) {
    for (const file of readdirSync(join(root, speaker)).sort()) {
      if (!file.endsWith('.raw') || have >= need) continue;
      const audio = decodeRawPcm(readFileSync(join(root, speaker, file)), format);
      parts.push(audio.samples);
      speakers.add(speaker);
      have += audio.samples.length;
    }
  }
  if (have < need) return null;
  return {
    samples: concat(parts, need),
    source: `AN4 recordings concatenated (${parts.length} files, speakers ${[...speakers].join(', ')})`,
  };
}

const SENTENCES =
  'Please call Stella. Ask her to bring these things with her from the store. ' +
  'Six spoons of fresh snow peas, five thick slabs of blue cheese, and maybe a snack for her brother Bob. ';

/** Synthesised English speech (espeak-ng), 16 kHz. */
function espeakAudio(seconds: number): { samples: Float32Array; source: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
  try {
    const file = join(dir, 'speech.wav');
    const text = SENTENCES.repeat(Math.ceil(seconds / 8));
    const r = spawnSync('espeak-ng', ['-s', '160', '-w', file, text], { timeout: 60_000 });
    if (r.status !== 0 || !existsSync(file)) return null;
    const audio = decodeWav(readFileSync(file));
    const samples = resample(audio.samples, audio.sampleRate, 16000);
    if (samples.length < seconds * 16000) return null;
    return { samples: concat([samples], seconds * 16000), source: 'espeak-ng synthesis' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A speech-like test signal (gliding harmonics with a syllable envelope and noise), 16 kHz. */
function generatedAudio(seconds: number): { samples: Float32Array; source: string } {
  let s = 7;
  const samples = Float32Array.from({ length: seconds * 16000 }, (_, i) => {
    const t = i / 16000;
    s = (s * 1103515245 + 12345) % 2147483648;
    const f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    return 0.2 * envelope * v + 0.01 * (s / 2147483648 - 0.5);
  });
  return { samples, source: 'generated speech-like signal (no AN4 data, no espeak-ng)' };
}

/** `seconds` of speech as a 44.1 kHz 16-bit WAV: AN4 recordings, else espeak-ng, else a generated signal. */
export function speechClip(seconds: number): BenchClip {
  const audio = an4Audio(seconds) ?? espeakAudio(seconds) ?? generatedAudio(seconds);
  return {
    wav: encodeWav16(resample(audio.samples, 16000, CLIP_SAMPLE_RATE), CLIP_SAMPLE_RATE),
    seconds,
    sampleRate: CLIP_SAMPLE_RATE,
    source: audio.source,
  };
}

/** The first `length` samples of the parts joined end to end. */
function concat(parts: Float32Array[], length: number): Float32Array {
  const out = new Float32Array(length);
  let at = 0;
  for (const p of parts) {
    if (at >= length) break;
    out.set(p.subarray(0, length - at), at);
    at += Math.min(p.length, length - at);
  }
  return out;
}
