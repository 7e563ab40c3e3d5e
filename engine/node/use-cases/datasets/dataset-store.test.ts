import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readAudioFile } from '../../io/audio-files';
import { readInkFile } from '../../io/ink-files';
import { withFileLock } from './dataset-lock';
import { createDataset, DatasetWriteError, listDatasets, openDataset } from './dataset-store';
import { recoverPartialWavs, wavHeader } from '../../io/datasets/partial-wav';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vb-ds-'));
});

const tone = (n: number) => Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin(i / 5));

describe('dataset store', () => {
  it('creates, lists and reopens datasets; rejects bad names', () => {
    createDataset('mine', 'speech', root);
    createDataset('pen', 'ink', root);
    expect(listDatasets(root).map((d) => [d.name, d.kind])).toEqual([
      ['mine', 'speech'],
      ['pen', 'ink'],
    ]);
    expect(openDataset('mine', root).kind).toBe('speech');
    expect(() => createDataset('../x', 'speech', root)).toThrow(/not a usable dataset name/);
    expect(() => createDataset('mine', 'speech', root)).toThrow(/exists/);
  });

  it('takes names with spaces as titles and keeps a safe folder name apart', () => {
    const a = createDataset("Anna's digits", 'speech', root);
    expect([a.name, a.title]).toEqual(['Anna-s-digits', "Anna's digits"]);
    const b = createDataset('Anna s digits', 'ink', root);
    expect([b.name, b.title]).toEqual(['Anna-s-digits-2', 'Anna s digits']);
    expect(openDataset("Anna's digits", root).dir).toBe(a.dir);
    expect(listDatasets(root).map((d) => d.title)).toEqual(["Anna's digits", 'Anna s digits']);
    expect(createDataset('plain', 'speech', root).title).toBe('plain');
    expect(() => createDataset("anna's DIGITS", 'speech', root)).toThrow(/exists/);
    expect(() => createDataset('a/b', 'speech', root)).toThrow(/without slashes/);
    expect(() => createDataset('   ', 'speech', root)).toThrow(/not a usable dataset name/);
  });

  it('adds audio as 16 kHz WAV, edits labels, deletes with undo', () => {
    const ds = createDataset('d', 'speech', root);
    const a = ds.addAudio(tone(16000), 'one two', 'me');
    const b = ds.addAudio(tone(8000), '', 'me');
    expect(b.status).toBe('unlabelled');
    expect(readAudioFile(ds.fileOf(a)).samples.length).toBe(16000);
    expect(ds.edit(b.id, { text: 'three' }).status).toBe('labelled');
    expect(ds.edit(b.id, { status: 'verified' }).status).toBe('verified');
    const deleted = ds.remove(a.id);
    expect(existsSync(ds.fileOf(a))).toBe(false);
    expect(ds.samples().map((s) => s.id)).toEqual([b.id]);
    ds.restore(deleted);
    expect(ds.samples().map((s) => s.id)).toEqual([a.id, b.id]);
    expect(existsSync(ds.fileOf(a))).toBe(true);
    const line = JSON.parse(readFileSync(ds.manifestPath, 'utf8').split('\n')[0]);
    expect(line).toMatchObject({ audio_filepath: a.audio_filepath, duration: 1, text: 'one two' });
  });

  it('parses a manifest once per version, shared read-only, and sees writes from elsewhere', () => {
    const ds = createDataset('cached', 'speech', root);
    const a = ds.addAudio(tone(800), 'one', 'me');
    const first = ds.snapshot();
    expect(ds.snapshot()).toBe(first);
    expect(openDataset('cached', root).snapshot().samples).toBe(first.samples);
    expect(() => Object.assign(first.samples[0]!, { text: 'changed' })).toThrow(TypeError);
    // the store's own write: the new version is known without reading the file again
    ds.edit(a.id, { text: 'won' });
    const edited = ds.snapshot();
    expect([edited.version === first.version, edited.samples[0]!.text]).toEqual([false, 'won']);
    // another writer (the CLI): appended by hand
    const line = JSON.stringify({ ...a, id: 'other', text: 'two' });
    writeFileSync(ds.manifestPath, `${readFileSync(ds.manifestPath, 'utf8')}${line}\n`);
    expect(ds.snapshot().samples.map((s) => s.text)).toEqual(['won', 'two']);
    expect(ds.samples()).not.toBe(ds.snapshot().samples); // a copy to change freely
  });

  it('saves ink as InkML with its label', () => {
    const ds = createDataset('ink', 'ink', root);
    const s = ds.addInk(
      {
        strokes: [
          {
            points: [
              { x: 0, y: 0, t: 0 },
              { x: 5, y: 9, t: 500 },
            ],
          },
        ],
      },
      '7',
      'w1',
    );
    expect(s.duration).toBe(0.5);
    const [item] = readInkFile(ds.fileOf(s));
    expect(item.label).toBe('7');
    expect(() => ds.addAudio(tone(10), 'x')).toThrow(/holds ink/);
  });

  it('streams a recording to a partial file and recovers it after a crash', () => {
    const ds = createDataset('rec', 'speech', root);
    const done = ds.startRecording('yes', 'me');
    done.append(tone(4000));
    const sample = ds.finishRecording(done, 'yes', 'me');
    expect(sample.duration).toBe(0.25);

    const crashed = ds.startRecording('no', 'me');
    crashed.append(tone(16000));
    crashed.append(tone(800));
    // the process dies here: no close(); the header still says 0 bytes
    const raw = readFileSync(crashed.partialPath);
    expect(new DataView(raw.buffer).getUint32(40, true)).toBe(0);
    const fresh = openDataset('rec', root);
    const [recovered] = fresh.recoverRecordings();
    expect(recovered).toMatchObject({ text: 'no', speaker: 'me', duration: 1.05 });
    expect(readAudioFile(fresh.fileOf(recovered)).samples.length).toBe(16800);
    expect(fresh.samples()).toHaveLength(2);
    expect(readdirSync(join(ds.dir, 'audio')).some((f) => f.includes('.partial'))).toBe(false);
  });

  it('drops empty partial files and keeps a take whose prompt sidecar is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vb-pw-'));
    writeFileSync(join(dir, 'a.wav.partial'), wavHeader(0, 16000));
    const body = new Uint8Array(44 + 321);
    body.set(wavHeader(0, 16000));
    writeFileSync(join(dir, 'b.wav.partial'), body);
    const out = recoverPartialWavs(dir);
    expect(out.map((r) => [r.wavPath.endsWith('b.wav'), r.meta, r.seconds])).toEqual([
      [true, null, 160 / 16000],
    ]);
    expect(existsSync(join(dir, 'a.wav.partial'))).toBe(false);
  });

  it('serialises writers with a lock and takes over a dead owner’s lock', () => {
    const ds = createDataset('lock', 'speech', root);
    const lock = join(ds.dir, 'manifest.lock');
    writeFileSync(lock, '999999999'); // no such process
    ds.addAudio(tone(100), 'a');
    expect(existsSync(lock)).toBe(false);
    expect(withFileLock(lock, () => readFileSync(lock, 'utf8'))).toBe(String(process.pid));
  });

  it.skipIf(process.getuid?.() === 0)(
    'a read-only folder gives a clear message and keeps the manifest',
    () => {
      const ds = createDataset('ro', 'speech', root);
      ds.addAudio(tone(100), 'kept');
      const before = readFileSync(ds.manifestPath, 'utf8');
      chmodSync(join(ds.dir, 'audio'), 0o500);
      chmodSync(ds.dir, 0o500);
      try {
        expect(() => ds.addAudio(tone(100), 'new')).toThrow(DatasetWriteError);
        expect(() => ds.addAudio(tone(100), 'new')).toThrow(/read-only.*Nothing already saved/);
      } finally {
        chmodSync(ds.dir, 0o700);
        chmodSync(join(ds.dir, 'audio'), 0o700);
      }
      expect(readFileSync(ds.manifestPath, 'utf8')).toBe(before);
    },
  );
});

describe('DatasetWriteError', () => {
  it('says what to do when the disk is full', () => {
    const full = Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    expect(new DatasetWriteError('/x/manifest.jsonl', full).message).toBe(
      'Cannot write /x/manifest.jsonl: the disk is full; free some space and try again. Nothing already saved was lost.',
    );
  });
});
