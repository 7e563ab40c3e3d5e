import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AudioFormatError } from './audio-format-error';
import { decodeWav } from './wav-decode';
import { decodeRawPcm, parseRawFormat } from './raw-pcm';
import { encodeWav16 } from './wav-encode';

interface WavSpec {
  formatTag?: number;
  channels?: number;
  sampleRate?: number;
  bits?: number;
  bigEndian?: boolean;
  extensibleSubFormat?: number;
  before?: Uint8Array[]; // extra chunks placed before 'fmt '
  between?: Uint8Array[]; // extra chunks between 'fmt ' and 'data'
  data: Uint8Array;
}

function chunk(id: string, body: Uint8Array, bigEndian = false): Uint8Array {
  const pad = body.length & 1;
  const out = new Uint8Array(8 + body.length + pad);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, body.length, !bigEndian);
  out.set(body, 8);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function buildWav(spec: WavSpec): Uint8Array {
  const little = !spec.bigEndian;
  const channels = spec.channels ?? 1;
  const bits = spec.bits ?? 16;
  const rate = spec.sampleRate ?? 16000;
  const extensible = spec.extensibleSubFormat !== undefined;
  const fmt = new Uint8Array(extensible ? 40 : 16);
  const v = new DataView(fmt.buffer);
  v.setUint16(0, extensible ? 0xfffe : (spec.formatTag ?? 1), little);
  v.setUint16(2, channels, little);
  v.setUint32(4, rate, little);
  v.setUint32(8, (rate * channels * bits) / 8, little);
  v.setUint16(12, (channels * bits) / 8, little);
  v.setUint16(14, bits, little);
  if (extensible) {
    v.setUint16(16, 22, little);
    v.setUint16(18, bits, little);
    v.setUint16(24, spec.extensibleSubFormat!, little);
  }
  const body = concat([
    new TextEncoder().encode('WAVE'),
    ...(spec.before ?? []),
    chunk('fmt ', fmt, spec.bigEndian),
    ...(spec.between ?? []),
    chunk('data', spec.data, spec.bigEndian),
  ]);
  const header = new Uint8Array(8);
  header.set(new TextEncoder().encode(spec.bigEndian ? 'RIFX' : 'RIFF'));
  new DataView(header.buffer).setUint32(4, body.length, little);
  return concat([header, body]);
}

const bytesOf = (fill: (v: DataView) => void, n: number) => {
  const b = new Uint8Array(n);
  fill(new DataView(b.buffer));
  return b;
};

describe('decodeWav', () => {
  it('decodes 16-bit PCM written by encodeWav16 (round trip within one LSB)', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.9);
    const audio = decodeWav(encodeWav16(x, 8000));
    expect(audio.sampleRate).toBe(8000);
    expect(audio.channels).toBe(1);
    expect(audio.encoding).toBe('s16le');
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(audio.samples[i] - x[i])).toBeLessThan(1 / 32000);
  });

  it('decodes 8-bit unsigned, 24-bit, 32-bit PCM and 32/64-bit float', () => {
    const u8 = decodeWav(buildWav({ bits: 8, data: Uint8Array.of(0, 128, 255) }));
    expect(Array.from(u8.samples)).toEqual([-1, 0, 127 / 128]);
    const s24 = decodeWav(
      buildWav({ bits: 24, data: Uint8Array.of(0x00, 0x00, 0x40, 0x00, 0x00, 0xc0) }),
    );
    expect(Array.from(s24.samples)).toEqual([0.5, -0.5]);
    const s32 = decodeWav(
      buildWav({ bits: 32, data: bytesOf((v) => v.setInt32(0, -(2 ** 30), true), 4) }),
    );
    expect(s32.samples[0]).toBe(-0.5);
    const f32 = decodeWav(
      buildWav({ formatTag: 3, bits: 32, data: bytesOf((v) => v.setFloat32(0, 0.25, true), 4) }),
    );
    expect(f32.samples[0]).toBe(0.25);
    expect(f32.encoding).toBe('f32le');
    const f64 = decodeWav(
      buildWav({ formatTag: 3, bits: 64, data: bytesOf((v) => v.setFloat64(0, -0.125, true), 8) }),
    );
    expect(f64.samples[0]).toBe(-0.125);
  });

  it('decodes WAVE_FORMAT_EXTENSIBLE and big-endian RIFX', () => {
    const ext = decodeWav(
      buildWav({
        extensibleSubFormat: 3,
        bits: 32,
        data: bytesOf((v) => v.setFloat32(0, 0.75, true), 4),
      }),
    );
    expect(ext.samples[0]).toBe(0.75);
    const rifx = decodeWav(
      buildWav({ bigEndian: true, data: bytesOf((v) => v.setInt16(0, 16384, false), 2) }),
    );
    expect(rifx.encoding).toBe('s16be');
    expect(rifx.samples[0]).toBe(0.5);
  });

  it('mixes channels down and skips LIST/fact chunks with odd-size padding', () => {
    const data = bytesOf((v) => {
      v.setInt16(0, 16384, true);
      v.setInt16(2, 0, true);
      v.setInt16(4, -16384, true);
      v.setInt16(6, -16384, true);
    }, 8);
    const audio = decodeWav(
      buildWav({
        channels: 2,
        sampleRate: 44100,
        before: [chunk('LIST', new TextEncoder().encode('INFOISFT\x05\0\0\0abc'))],
        between: [chunk('fact', Uint8Array.of(2, 0, 0, 0)), chunk('junk', Uint8Array.of(1, 2, 3))],
        data,
      }),
    );
    expect(audio.channels).toBe(2);
    expect(audio.sampleRate).toBe(44100);
    expect(Array.from(audio.samples)).toEqual([0.25, -0.5]);
  });

  it('reads to the end of the file when a streaming writer left the data size unknown', () => {
    const wav = buildWav({ data: bytesOf((v) => v.setInt16(2, 16384, true), 4) });
    new DataView(wav.buffer).setUint32(wav.length - 8, 0xffffffff, true);
    expect(Array.from(decodeWav(wav).samples)).toEqual([0, 0.5]);
  });

  const rejects = (bytes: Uint8Array, pattern: RegExp) => {
    let error: unknown;
    try {
      decodeWav(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AudioFormatError);
    const message = (error as Error).message;
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  };

  it('rejects bad input with a one-line AudioFormatError saying what was expected', () => {
    const good = buildWav({ data: new Uint8Array(20) });
    rejects(new Uint8Array(0), /empty file/);
    rejects(good.subarray(0, 8), /too short/);
    rejects(good.subarray(0, good.length - 4), /truncated.*data chunk declares 20 bytes/);
    rejects(Uint8Array.of(0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfb), /MP3.*sox/);
    rejects(Uint8Array.of(0xff, 0xfb, 0x90, 0x64, ...new Uint8Array(20)), /MP3/);
    rejects(new TextEncoder().encode('OggS and some more bytes'), /Ogg/);
    rejects(buildWav({ channels: 0, data: new Uint8Array(4) }), /0 channels/);
    rejects(buildWav({ sampleRate: 3, data: new Uint8Array(4) }), /sample rate 3 Hz/);
    rejects(buildWav({ sampleRate: 4_000_000_000, data: new Uint8Array(4) }), /not plausible/);
    rejects(
      buildWav({ formatTag: 0x55, data: new Uint8Array(4) }),
      /MP3 \(0x0055\).*not supported/,
    );
    rejects(buildWav({ bits: 12, data: new Uint8Array(4) }), /12 bits/);
    rejects(
      buildWav({ formatTag: 3, bits: 32, data: bytesOf((v) => v.setFloat32(0, NaN, true), 4) }),
      /not a finite number/,
    );
    rejects(good.subarray(0, 36), /no 'data' chunk/);
  });

  it('fuzz: random and mutated bytes only ever produce AudioFormatError', () => {
    const seed = buildWav({ channels: 2, bits: 16, data: new Uint8Array(64).fill(7) });
    const onlyFormatErrors = (bytes: Uint8Array) => {
      try {
        const audio = decodeWav(bytes);
        for (const s of audio.samples) if (!Number.isFinite(s)) return false;
        return true;
      } catch (e) {
        return e instanceof AudioFormatError && !e.message.includes('\n');
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), onlyFormatErrors), { numRuns: 2000 });
    const mutated = fc
      .tuple(
        fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        fc.nat(seed.length),
      )
      .map(([edits, cut]) => {
        const b = seed.slice(0, Math.max(cut, 12));
        for (const [at, value] of edits) if (at < b.length) b[at] = value;
        return b;
      });
    fc.assert(fc.property(mutated, onlyFormatErrors), { numRuns: 3000 });
  });
});

describe('raw PCM', () => {
  it('parses format strings with defaults and rejects bad ones clearly', () => {
    expect(parseRawFormat('s16be:16000')).toEqual({
      encoding: 's16be',
      sampleRate: 16000,
      channels: 1,
    });
    expect(parseRawFormat('u8')).toEqual({ encoding: 'u8', sampleRate: 16000, channels: 1 });
    expect(parseRawFormat('f32le:8000:2')).toEqual({
      encoding: 'f32le',
      sampleRate: 8000,
      channels: 2,
    });
    expect(() => parseRawFormat('s17le')).toThrow(/expected ENCODING\[:RATE/);
    expect(() => parseRawFormat('s16le:fast')).toThrow(AudioFormatError);
    expect(() => parseRawFormat('s16le:5')).toThrow(/not plausible/);
  });

  it('fuzz: any format string and bytes only ever produce AudioFormatError', () => {
    const formatErrorsOnly = (run: () => void) => {
      try {
        run();
        return true;
      } catch (e) {
        return e instanceof AudioFormatError;
      }
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (spec) =>
        formatErrorsOnly(() => parseRawFormat(spec)),
      ),
      { numRuns: 1000 },
    );
    const formats = fc.constantFrom('u8', 's8', 's16le', 's24be', 's32le', 'f32le', 'f64be:8000:2');
    fc.assert(
      fc.property(formats, fc.uint8Array({ maxLength: 64 }), (spec, bytes) =>
        formatErrorsOnly(() => {
          for (const s of decodeRawPcm(bytes, parseRawFormat(spec)).samples) {
            if (!Number.isFinite(s)) throw new Error('non-finite sample');
          }
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it('decodes big-endian 16-bit (CMU AN4 layout) and rejects partial frames', () => {
    const audio = decodeRawPcm(Uint8Array.of(0x40, 0x00, 0xc0, 0x00), parseRawFormat('s16be'));
    expect(Array.from(audio.samples)).toEqual([0.5, -0.5]);
    expect(() => decodeRawPcm(Uint8Array.of(1, 2, 3), parseRawFormat('s16le'))).toThrow(
      /multiple of 2 bytes/,
    );
  });
});
