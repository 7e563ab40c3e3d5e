import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { detectSpeech } from '../../audio/index';
import { AudioFileError, readAudioFile, writeWavFile } from './audio-files';
import { importAn4 } from './datasets/an4';
import { readEntryAudio } from './manifest';
import { verbatimDataDir } from './datasets/unipen-dataset';

const dir = mkdtempSync(join(tmpdir(), 'audio-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readAudioFile', () => {
  it('reads a WAV at any rate as 16 kHz mono and writes WAVs atomically', () => {
    const x = Float32Array.from(
      { length: 8000 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 8000),
    );
    const path = join(dir, 'sub', 'tone.wav');
    writeWavFile(path, x, 8000);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['tone.wav']); // no temp file left
    const audio = readAudioFile(path);
    expect(audio.sampleRate).toBe(16000);
    expect(audio.samples.length).toBe(16000);
    expect(audio.duration).toBe(1);
    expect(audio.source).toEqual({ sampleRate: 8000, channels: 1, encoding: 's16le' });
  });

  it('reads raw PCM only with an explicit format', () => {
    const path = join(dir, 'x.raw');
    writeFileSync(path, Uint8Array.of(0x40, 0, 0xc0, 0));
    expect(Array.from(readAudioFile(path, { raw: 's16be:16000' }).samples)).toEqual([0.5, -0.5]);
    expect(() => readAudioFile(path)).toThrow(/x\.raw: headerless raw PCM: .*--raw s16be:16000/);
  });

  it('names the file in every error', () => {
    const mp3 = join(dir, 'song.wav');
    writeFileSync(mp3, Uint8Array.of(0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    expect(() => readAudioFile(mp3)).toThrow(AudioFileError);
    expect(() => readAudioFile(mp3)).toThrow(/song\.wav: not a WAV file \(looks like MP3\).*sox/);
    expect(() => readAudioFile(join(dir, 'missing.wav'))).toThrow(/missing\.wav: file not found/);
    expect(() => readAudioFile(dir)).toThrow(/is a folder/);
  });
});

const data = verbatimDataDir();
const hasData = existsSync(join(data, 'an4')) && existsSync(join(data, 'fsdd'));
if (!hasData)
  console.warn(
    `audio-files.test: shared datasets absent at ${data} — skipping the AN4/FSDD decode checks`,
  );

describe.skipIf(!hasData)('real dataset files', () => {
  const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  it('decodes AN4 raw audio as big-endian (little-endian would be loud noise)', () => {
    const path = join(data, 'an4/wav/an4_clstk/fash/an251-fash-b.raw');
    const be = readAudioFile(path, { raw: 's16be:16000' });
    const le = readAudioFile(path, { raw: 's16le:16000' });
    expect(be.duration).toBeCloseTo(1, 1);
    expect(rms(be.samples)).toBeLessThan(0.1);
    expect(rms(le.samples)).toBeGreaterThan(3 * rms(be.samples));
  });

  it('reads an 8 kHz FSDD file resampled to 16 kHz', () => {
    const audio = readAudioFile(join(data, 'fsdd/recordings/7_jackson_32.wav'));
    expect(audio.source.sampleRate).toBe(8000);
    expect(audio.duration).toBeGreaterThan(0.2);
  });

  it('VAD finds the speech in every one of 40 AN4 utterances and trims some silence', () => {
    const { entries } = importAn4(join(data, 'an4'));
    let speech = 0;
    let total = 0;
    for (let i = 0; i < entries.length; i += Math.floor(entries.length / 40)) {
      const audio = readEntryAudio('', entries[i]);
      const segments = detectSpeech(audio.samples);
      expect(segments.length, entries[i].audio_filepath).toBeGreaterThan(0);
      speech += segments.reduce((s, x) => s + x.end - x.start, 0);
      total += audio.duration;
    }
    expect(speech / total).toBeGreaterThan(0.5);
    expect(speech / total).toBeLessThan(0.98);
  });
});
