import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../../audio/index';
import { activeModel, listModels, registerUserModel } from '../../use-cases/models/model-store';
import { readAudioFile } from '../../io/audio-files';
import { jsonLines, runCli } from '../../test-support/run-cli';
import { useTempHome } from '../../test-support/temp-home';
import { writeTinySpeechModel } from '../../test-support/tiny-speech-model';

const root = mkdtempSync(join(tmpdir(), 'transcribe-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const data = resolve(process.env.VERBATIM_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'));
const hasData = existsSync(join(data, 'fsdd')) && existsSync(join(data, 'an4'));
const hasModel = activeModel('speech') !== undefined;

/** A 1 s harmonic tone burst at 22.05 kHz (a WAV the decoder must resample). */
function toneWav(): Uint8Array {
  const rate = 22050;
  const x = new Float32Array(rate);
  for (let i = 0; i < x.length; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * 220 * i) / rate);
  return encodeWav16(x, rate);
}

describe.skipIf(!hasModel)('verbatim transcribe (shipped speech model)', () => {
  const good = join(root, 'in', 'tone.wav');
  const broken = join(root, 'in', 'broken.wav');
  mkdirSync(join(root, 'in'), { recursive: true });
  writeFileSync(good, toneWav());
  writeFileSync(broken, Buffer.from('RIFF\x10\x00\x00\x00WAVEjunk'));

  it('prints one JSON object per input; a broken file gets {input, error} and exit 1, the others still run', async () => {
    const { code, stdout, stderr } = await runCli(
      'transcribe',
      '--json',
      '--beam',
      '4',
      good,
      broken,
    );
    expect(code).toBe(1);
    const [ok, bad] = jsonLines(stdout);
    expect(Object.keys(ok).sort()).toEqual(
      ['duration', 'elapsedMs', 'input', 'nbest', 'text', 'words'].sort(),
    );
    expect(ok.input).toBe(good);
    expect(ok.duration).toBeCloseTo(1, 2);
    expect(typeof ok.text).toBe('string');
    for (const w of ok.words as {
      word: string;
      start: number;
      end: number;
      confidence: number;
      unsure: boolean;
    }[]) {
      // `why` only on an unsure word
      expect(Object.keys(w).sort()).toEqual(
        ['confidence', 'end', 'start', 'unsure', 'word', ...(w.unsure ? ['why'] : [])].sort(),
      );
      expect(w.end).toBeGreaterThanOrEqual(w.start);
    }
    expect(bad).toEqual({ input: broken, error: expect.stringContaining(broken) });
    expect(stderr).toContain(broken);
  });

  it('reads a folder recursively and prints path<TAB>text without --json', async () => {
    const { code, stdout } = await runCli('transcribe', '--no-lm', '--beam', '1', join(root, 'in'));
    expect(code).toBe(1); // broken.wav is in the folder too
    expect(stdout.split('\n')[0]).toMatch(new RegExp(`^${join(root, 'in')}/[a-z.]+\\t`));
  });

  it('exits 2 on an unknown flag, a bad --beam or no input', async () => {
    expect((await runCli('transcribe', '--frobnicate', good)).code).toBe(2);
    expect((await runCli('transcribe', '--beam', 'zero', good)).code).toBe(2);
    // A closed vocabulary replaces the LM and the lexicon: both given is a mistake, said so.
    const both = await runCli('transcribe', '--vocabulary', good, '--lm', good, good);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(
      /^verbatim: --vocabulary takes the place of the LM and the lexicon: drop --lm \(or, to favour words in open dictation, use --hotword\)\n/,
    );
    const none = await runCli('transcribe');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/usage: verbatim transcribe/);
  });

  it('--help says what a vocabulary file holds and when a word is unsure', async () => {
    const { code, stdout } = await runCli('transcribe', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--vocabulary FILE +only these words and phrases may come out/);
    expect(stdout).toMatch(/# comments, WORD:WEIGHT/);
    expect(stdout).toMatch(/unsure: true for a word to check/);
    expect(stdout).toMatch(/"low-confidence" \(confidence\s+below\s+0\.6\) and "spelled-as-heard"/);
    expect(stdout).toMatch(
      /--mark-unsure +in the text output, put the words the recognizer is unsure of in \[brackets\]/,
    );
  });

  it('refuses raw PCM without --raw, with a hint', async () => {
    const raw = join(root, 'x.raw');
    writeFileSync(raw, Buffer.alloc(3200));
    const { code, stderr } = await runCli('transcribe', raw);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--raw/);
  });
});

describe.skipIf(!hasModel || !hasData)(
  'real recordings of speakers the shipped model never heard',
  () => {
    it('transcribes an FSDD digit (8 kHz WAV) and an AN4 utterance (raw big-endian)', async () => {
      const fsdd = join(data, 'fsdd', 'recordings', '7_george_7.wav');
      const an4 = join(data, 'an4', 'wav', 'an4_clstk', 'mwhw', 'cen7-mwhw-b.raw');
      const digit = jsonLines((await runCli('transcribe', '--json', fsdd)).stdout)[0];
      expect(digit.text).toBe('seven');
      const utterance = jsonLines(
        (await runCli('transcribe', '--json', '--raw', 's16be:16000', an4)).stdout,
      )[0];
      expect(utterance.text).toBe('six two five one five six four');
    });

    // A second of silence before and after, as a microphone or an edited file
    // leaves it (FSDD's clips are cut tight around the word).
    const withSilence = (speech: Float32Array, name: string) => {
      const padded = new Float32Array(speech.length + 32000);
      padded.set(speech, 16000);
      const file = join(root, name);
      writeFileSync(file, encodeWav16(padded, 16000));
      return file;
    };

    it('gives the same text when the recording starts and ends with a second of silence', async () => {
      const an4 = join(data, 'an4', 'wav', 'an4_clstk', 'mwhw', 'cen7-mwhw-b.raw');
      const sentence = withSilence(readAudioFile(an4, { raw: 's16be:16000' }).samples, 'an4.wav');
      const fsdd = join(data, 'fsdd', 'recordings', '7_george_7.wav');
      const digit = withSilence(readAudioFile(fsdd).samples, 'fsdd.wav');
      const [a, b] = jsonLines((await runCli('transcribe', '--json', sentence, digit)).stdout);
      expect(a.text).toBe('six two five one five six four');
      expect((a.words as { start: number }[])[0].start).toBeGreaterThan(0.9); // times stay relative to the whole file
      expect(b.text).toBe('seven');
    });

    describe('the words it is unsure of', () => {
      const an4 = join(data, 'an4', 'wav', 'an4_clstk', 'mwhw', 'cen7-mwhw-b.raw');
      // A word list without "four": the model still writes it, spelled as heard.
      const lexicon = join(root, 'no-four.txt');
      writeFileSync(lexicon, 'six\ntwo\nfive\none\n');
      const transcribe = (...flags: string[]) =>
        runCli('transcribe', '--raw', 's16be:16000', '--lexicon', lexicon, ...flags, an4);

      it('--json flags a word outside the words decoded against, unless it is a hotword', async () => {
        const { stdout, code } = await transcribe('--json');
        expect(code).toBe(0);
        const words = jsonLines(stdout)[0].words as Record<string, unknown>[];
        expect(words.map((w) => w.word)).toEqual([
          'six',
          'two',
          'five',
          'one',
          'five',
          'six',
          'four',
        ]);
        // Every word is confident here: only the one outside the list is unsure.
        expect(words.map((w) => w.unsure)).toEqual([
          false,
          false,
          false,
          false,
          false,
          false,
          true,
        ]);
        expect(words.at(-1)!.why).toEqual(['spelled-as-heard']);
        const hotword = jsonLines((await transcribe('--json', '--hotword', 'four')).stdout)[0];
        expect((hotword.words as { unsure: boolean }[]).some((w) => w.unsure)).toBe(false);
      });

      it('--mark-unsure brackets them in the text; without it the text is as recognized', async () => {
        expect((await transcribe('--mark-unsure')).stdout).toBe(
          `${an4}\tsix two five one five six [four]\n`,
        );
        expect((await transcribe()).stdout).toBe(`${an4}\tsix two five one five six four\n`);
        const both = await transcribe('--mark-unsure', '--json');
        expect(both.code).toBe(2);
        expect(both.stderr).toMatch(/--mark-unsure marks the text output; with --json every word/);
      });
    });
  },
);

describe.skipIf(!hasModel)('verbatim transcribe --vocabulary FILE', () => {
  const vocabulary = (name: string, text: string | Uint8Array) => {
    const file = join(root, name);
    writeFileSync(file, text);
    return file;
  };
  const tone = join(root, 'vocab-tone.wav');
  writeFileSync(tone, toneWav());

  it('refuses a missing, empty or bad file, naming the file and the line', async () => {
    const cases: [string, RegExp][] = [
      [join(root, 'nope.txt'), /vocabulary file .*nope\.txt does not exist/],
      [vocabulary('empty.txt', '# only a comment\n\n'), /empty\.txt, line 1: no words/],
      [
        vocabulary('accents.txt', 'yes\n# names\ncafé\n'),
        /accents\.txt, line 3: "café" uses "é", not in the model's alphabet \(a–z, ' and space\): write it as "cafe"/,
      ],
      [
        vocabulary('numbers.txt', 'yes\n12 apples\n'),
        /numbers\.txt, line 2: .*: write numbers as words/,
      ],
      [vocabulary('weight.txt', 'yes:2\nno:lots\n'), /weight\.txt, line 2: "lots" is not a weight/],
      [root, /vocabulary file .* is a folder: give a text file of words/],
      [
        vocabulary('utf16.txt', Buffer.from('\ufeffyes\nno\n', 'utf16le')),
        /utf16\.txt is not UTF-8 text \(it holds binary data or UTF-16\): save it as plain UTF-8 text/,
      ],
      [
        vocabulary('latin1.txt', Buffer.from('caf\xe9\n', 'latin1')),
        /latin1\.txt is not UTF-8 text: save it as plain UTF-8 text/,
      ],
      [
        vocabulary('huge.txt', 'word\n'.repeat(1_000_000)),
        /huge\.txt is over 4 MB: a vocabulary lists the words you need/,
      ],
    ];
    for (const [file, message] of cases) {
      const { code, stderr, stdout } = await runCli('transcribe', '--vocabulary', file, tone);
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      // The refusal alone: no note about the model it would have used comes first.
      expect(stderr).not.toMatch(/note:/);
      expect(stdout).toBe('');
    }
  });

  describe.skipIf(!hasData)('on a real AN4 utterance ("six two five one five six four")', () => {
    const an4 = join(data, 'an4', 'wav', 'an4_clstk', 'mwhw', 'cen7-mwhw-b.raw');
    const run = async (...flags: string[]) => {
      const { code, stdout, stderr } = await runCli(
        'transcribe',
        '--json',
        '--raw',
        's16be:16000',
        ...flags,
        an4,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      return jsonLines(stdout)[0].text as string;
    };

    it('yields only listed words and phrases, in one thread or several', async () => {
      // A phrase, the words said alone, and words that were not said.
      const file = vocabulary(
        'digits.txt',
        '# phone digits\nsix two five\none\nfive\nsix\nfour\nyes:1\nstop\n',
      );
      const entries = ['six two five', 'one', 'five', 'six', 'four', 'yes', 'stop'];
      const allowed = new RegExp(`^((${entries.join('|')})( |$))*$`);
      const text = await run('--vocabulary', file);
      expect(text).toBe('six two five one five six four');
      expect(await run('--vocabulary', file, '--no-lm')).toMatch(allowed);
      expect(await run('--vocabulary', file, '--jobs', '2')).toBe(text);
      // A phrase comes out only whole: "six" alone is no entry here.
      const phrase = vocabulary('six-four.txt', 'six four\none\ntwo\nfive\n');
      const sequence = await run('--vocabulary', phrase);
      expect(sequence).toMatch(/^((six four|one|two|five)( |$))*$/);
      expect(sequence.replaceAll('six four', '')).not.toMatch(/\b(six|four)\b/);
      expect(sequence.endsWith('six four')).toBe(true);
      // Without the phrase, "two" is no word of the list: it cannot come out.
      const withoutTwo = vocabulary('no-two.txt', 'one\nfive\nsix\nfour\nyes\n');
      const restricted = await run('--vocabulary', withoutTwo);
      expect(restricted).toMatch(/^((one|five|six|four|yes)( |$))*$/);
      expect(restricted).not.toContain('two');
    });

    it('writes the words as listed, though the model spells no capitals', async () => {
      const file = vocabulary('capitals.txt', 'Six Two Five\nOne\nfive\nSIX\nFour\n');
      expect(await run('--vocabulary', file)).toBe('Six Two Five One five SIX Four');
      // WRITTEN = SPOKEN: what is said, written another way (a phrase as one word here).
      const written = vocabulary('written.txt', '625 = six two five\none\nfive\nsix\n4 = four\n');
      expect(await run('--vocabulary', written)).toBe('625 one five six 4');
      // Hotwords too come out as given.
      expect(await run('--hotword', 'Six')).toBe('Six two five one five Six four');
    });
  });
});

describe.skipIf(!hasModel)('verbatim transcribe picks the speech model by task', () => {
  // A user's broad speech model (tiny and untrained: what it reads does not matter here).
  const home = useTempHome('transcribe-task-');
  beforeAll(() => {
    const path = writeTinySpeechModel(join(home, 'tiny-broad.vbm'), { seed: 2 });
    registerUserModel({ name: 'tiny-broad', role: 'speech', path, broad: true });
  });
  const tone = join(root, 'task-tone.wav');
  writeFileSync(tone, toneWav());
  const list = (name: string, text: string) => {
    const file = join(root, name);
    writeFileSync(file, text);
    return file;
  };

  it('uses the broad model for a vocabulary outside the default domain and says so on stderr', async () => {
    const outside = list('outside.txt', 'yes\nzebra crossing\n');
    const { code, stderr, stdout } = await runCli('transcribe', '--vocabulary', outside, tone);
    expect(code).toBe(0);
    // The first broad speech model listed: a shipped one (speech-broad) when there is one, else ours.
    const broad = listModels().find((m) => m.role === 'speech' && m.broad === true)!;
    expect(stderr).toBe(
      `verbatim transcribe: note: Using ${broad.name}: your list has words outside speech-en's domain (zebra, crossing). Pass --model speech-en to use speech-en anyway.\n`,
    );
    expect(stdout.split('\t')[1].trim()).toMatch(/^((zebra crossing|yes)( |$))*$/);
  });

  it('keeps the default for a vocabulary inside its domain, and a model given with --model (with a note)', async () => {
    const inside = list('inside.txt', 'yes\nno\n');
    expect((await runCli('transcribe', '--vocabulary', inside, tone)).stderr).toBe('');
    const outside = list('outside-2.txt', 'zebra\n');
    const chosen = await runCli(
      'transcribe',
      '--model',
      'speech-en',
      '--vocabulary',
      outside,
      tone,
    );
    expect(chosen.code).toBe(0);
    expect(chosen.stderr).toBe(
      'verbatim transcribe: note: Using speech-en as chosen, though your list has words outside its domain (zebra): those words may come out as others.\n',
    );
  });

  it('notes hotwords outside the default domain, and keeps the default model for them', async () => {
    const { code, stderr } = await runCli(
      'transcribe',
      '--hotword',
      'zebra',
      '--hotword',
      'yes',
      tone,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^verbatim transcribe: note: Hotwords outside speech-en's domain \(zebra\) will rarely come out: .*\n$/,
    );
    expect((await runCli('transcribe', '--hotword', 'yes', tone)).stderr).toBe('');
  });
});

if (!hasData)
  console.warn(`transcribe.test: datasets not found in ${data}; real-recording test skipped`);
if (!hasModel) console.warn('transcribe.test: no shipped speech model; CLI tests skipped');
