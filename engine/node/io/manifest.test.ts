import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseManifest,
  readEntryAudio,
  readManifest,
  resolveAudioPath,
  writeManifest,
  type ManifestEntry,
} from './manifest';

const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('manifest', () => {
  const entries: ManifestEntry[] = [
    {
      audio_filepath: '/a/b.raw',
      duration: 1.5,
      text: 'seven',
      speaker: 'fash',
      format: 's16be:16000',
    },
    { audio_filepath: 'rel/c.wav', duration: 0.25, text: "don't stop" },
  ];

  it('round-trips through an atomic JSONL write', () => {
    const path = join(dir, 'm.jsonl');
    writeManifest(path, entries);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    expect(readManifest(path)).toEqual(entries);
    expect(resolveAudioPath(path, entries[1])).toBe(join(dir, 'rel/c.wav'));
    expect(resolveAudioPath(path, entries[0])).toBe('/a/b.raw');
  });

  it("reads an entry's audio with its raw format, relative to the manifest", () => {
    writeFileSync(join(dir, 'u.raw'), Uint8Array.of(0x40, 0, 0x40, 0));
    const entry: ManifestEntry = {
      audio_filepath: 'u.raw',
      duration: 0,
      text: 'x',
      format: 's16be:16000',
    };
    expect(Array.from(readEntryAudio(join(dir, 'm.jsonl'), entry).samples)).toEqual([0.5, 0.5]);
    expect(() => readEntryAudio(join(dir, 'm.jsonl'), { ...entry, format: undefined })).toThrow(
      /u\.raw: headerless/,
    );
  });

  it('keeps unknown fields and skips blank lines', () => {
    const parsed = parseManifest(
      '\n{"audio_filepath":"x.wav","duration":1,"text":"go","lang":"en"}\n\n',
    );
    expect(parsed).toEqual([{ audio_filepath: 'x.wav', duration: 1, text: 'go', lang: 'en' }]);
  });

  it('reports a bad line with its number and what was expected', () => {
    const good = '{"audio_filepath":"x.wav","duration":1,"text":"go"}';
    expect(() => parseManifest(`${good}\n{oops`, 'm.jsonl')).toThrow(/^m\.jsonl:2: not valid JSON/);
    expect(() => parseManifest(`${good}\n${good}\n[1]`, 'm.jsonl')).toThrow(
      /m\.jsonl:3: not a JSON object/,
    );
    expect(() => parseManifest('{"audio_filepath":"x","duration":-1,"text":""}', 'm')).toThrow(
      /m:1: "duration"/,
    );
    expect(() => parseManifest('{"duration":1,"text":""}', 'm')).toThrow(
      /"audio_filepath" missing/,
    );
    expect(() => parseManifest('{"audio_filepath":"x","duration":1}', 'm')).toThrow(
      /"text" missing/,
    );
    expect(() => readManifest(join(dir, 'none.jsonl'))).toThrow(/manifest not found/);
  });
});
