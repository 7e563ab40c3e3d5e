import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../../audio/index';
import { importAn4, parseAn4Transcription } from './an4';
import { importFsdd } from './fsdd';
import { importNemo } from './nemo';
import { importSpeechCommands } from './speech-commands';
import { normalizeTranscript } from './transcript-text';
import { verbatimDataDir } from './unipen-dataset';
import { importWavFolder } from './wav-folder';

const root = mkdtempSync(join(tmpdir(), 'speech-datasets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (rel: string, data: string | Uint8Array) => {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
};
const wav = (seconds: number, rate = 16000) =>
  encodeWav16(new Float32Array(Math.round(seconds * rate)), rate);

describe('normalizeTranscript', () => {
  it('lower-cases, spells digits and drops punctuation but keeps apostrophes in words', () => {
    expect(normalizeTranscript("  Don't STOP, 42 times!  ")).toBe("don't stop four two times");
    expect(normalizeTranscript("'quoted' text")).toBe('quoted text');
  });
});

describe('dataset readers (fixtures)', () => {
  it('AN4: transcripts without <s></s>, big-endian raw paths and sizes', () => {
    put(
      'an4/etc/an4_train.transcription',
      '<s> YES </s> (an1-fash-b)\n<s> TWO OH </s> (an2-fash-b)\n<s> GO </s> (an3-mcen-b)\n',
    );
    put(
      'an4/etc/an4_train.fileids',
      'an4_clstk/fash/an1-fash-b\nan4_clstk/fash/an2-fash-b\nan4_clstk/mcen/an3-mcen-b\n',
    );
    put('an4/wav/an4_clstk/fash/an1-fash-b.raw', new Uint8Array(32000));
    put('an4/wav/an4_clstk/fash/an2-fash-b.raw', new Uint8Array(16000));
    const { entries, failures } = importAn4(join(root, 'an4'));
    expect(entries).toEqual([
      {
        audio_filepath: join(root, 'an4/wav/an4_clstk/fash/an1-fash-b.raw'),
        duration: 1,
        text: 'yes',
        speaker: 'fash',
        format: 's16be:16000',
      },
      expect.objectContaining({ duration: 0.5, text: 'two oh' }),
    ]);
    expect(failures).toEqual([
      {
        path: join(root, 'an4/wav/an4_clstk/mcen/an3-mcen-b.raw'),
        error: expect.stringMatching(/'an3-mcen-b'.*not found/),
      },
    ]);
    expect(() => parseAn4Transcription('YES an1', 't.txt')).toThrow(/t\.txt:1: expected/);
    expect(() => importAn4(join(root, 'nowhere'))).toThrow(/folder not found/);
  });

  it('FSDD: digit words and speakers from file names', () => {
    put('fsdd/recordings/7_jackson_32.wav', wav(0.5, 8000));
    put('fsdd/recordings/0_theo_1.wav', wav(0.25, 8000));
    put('fsdd/recordings/notes.wav', wav(0.1, 8000));
    const { entries, failures } = importFsdd(join(root, 'fsdd'));
    expect(entries.map((e) => [e.text, e.speaker, e.duration])).toEqual([
      ['zero', 'theo', 0.25],
      ['seven', 'jackson', 0.5],
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0].error).toMatch(/not \{digit\}_\{speaker\}_\{index\}\.wav/);
  });

  it('Speech Commands: folder word, speaker before _nohash_, background noise skipped', () => {
    put('sc/right/0a7c2a8d_nohash_0.wav', wav(1));
    put('sc/_background_noise_/white.wav', wav(2));
    put('sc/off/b1_nohash_2.wav', new Uint8Array(10));
    const { entries, failures } = importSpeechCommands(join(root, 'sc'));
    expect(entries).toEqual([
      {
        audio_filepath: join(root, 'sc/right/0a7c2a8d_nohash_0.wav'),
        duration: 1,
        text: 'right',
        speaker: '0a7c2a8d',
      },
    ]);
    expect(failures[0].error).toMatch(/too short for a WAV header/);
  });

  it('WAV folder: .txt or .lab transcripts, speaker from the folder', () => {
    put('wf/ann/a.wav', wav(0.2));
    put('wf/ann/a.txt', 'Call 911\n');
    put('wf/bob/b.wav', wav(0.3));
    put('wf/bob/b.lab', 'yes');
    put('wf/bob/c.wav', wav(0.3));
    const { entries, failures } = importWavFolder(join(root, 'wf'));
    expect(entries.map((e) => [e.text, e.speaker])).toEqual([
      ['call nine one one', 'ann'],
      ['yes', 'bob'],
    ]);
    expect(failures[0].error).toMatch(/expected c\.txt or c\.lab/);
  });

  it('NeMo: relative paths resolved, text normalised, bad lines and missing audio reported', () => {
    put('nemo/audio/x.wav', wav(0.1));
    put(
      'nemo/good.jsonl',
      '{"audio_filepath":"audio/x.wav","duration":0.1,"text":"Hello There"}\n{"audio_filepath":"audio/gone.wav","duration":1,"text":"x"}\n',
    );
    put('nemo/bad.jsonl', '{"audio_filepath":"audio/x.wav","duration":0.1,"text":"a"}\nnot json\n');
    const { entries, failures } = importNemo(join(root, 'nemo'));
    expect(entries).toEqual([
      { audio_filepath: join(root, 'nemo/audio/x.wav'), duration: 0.1, text: 'hello there' },
    ]);
    expect(failures.map((f) => f.error)).toEqual([
      expect.stringMatching(/bad\.jsonl:2: not valid JSON/),
      expect.stringMatching(/good\.jsonl not found/),
    ]);
  });
});

const data = verbatimDataDir();
const hasData = existsSync(join(data, 'an4/etc')) && existsSync(join(data, 'fsdd/recordings'));
if (!hasData)
  console.warn(
    `speech-datasets.test: shared datasets absent at ${data} — skipping the real AN4/FSDD imports`,
  );

describe.skipIf(!hasData)('real datasets', () => {
  it('imports all of the AN4 training set', () => {
    const { entries, failures } = importAn4(join(data, 'an4'));
    expect(failures).toEqual([]);
    expect(entries).toHaveLength(948);
    expect(new Set(entries.map((e) => e.speaker)).size).toBe(74);
    expect(entries[0]).toMatchObject({ text: 'yes', speaker: 'fash', format: 's16be:16000' });
    for (const e of entries) expect(e.text).toMatch(/^[a-z']+( [a-z']+)*$/);
  });

  it('imports all of FSDD', () => {
    const { entries, failures } = importFsdd(join(data, 'fsdd'));
    expect(failures).toEqual([]);
    expect(entries).toHaveLength(2500);
    expect(new Set(entries.map((e) => e.speaker))).toEqual(
      new Set(['george', 'jackson', 'nicolas', 'theo', 'yweweler']),
    );
    expect(entries.find((e) => e.audio_filepath.endsWith('/7_jackson_32.wav'))?.text).toBe('seven');
  });
});
