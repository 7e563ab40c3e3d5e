import { describe, expect, it } from 'vitest';
import { SPEECH_ALPHABET } from './labels';
import {
  asListed,
  createDecoder,
  defaultDecodeParams,
  prepareDecodeResources,
} from './decode-params';
import {
  listedSpellings,
  MAX_VOCABULARY_BYTES,
  MAX_VOCABULARY_ENTRIES,
  parseVocabulary,
  spellVocabulary,
  vocabularyFileText,
  VocabularyError,
  writeAsListed,
} from './vocabulary';

/** [T, V] log-probabilities spelling `text` over the speech alphabet, a blank between letters. */
function spelled(text: string, confusion?: { at: number; with: string }): Float32Array {
  const V = SPEECH_ALPHABET.length;
  const frames: Record<string, number>[] = [{ '': 0.9 }];
  [...text].forEach((ch, i) => {
    frames.push(confusion?.at === i ? { [ch]: 0.45, [confusion.with]: 0.5 } : { [ch]: 0.9 });
    frames.push({ '': 0.9 });
  });
  const out = new Float32Array(frames.length * V);
  frames.forEach((probs, t) => {
    const mass = Object.values(probs).reduce((a, b) => a + b, 0);
    const rest = (1 - mass) / (V - Object.keys(probs).length);
    for (let k = 0; k < V; k++) out[t * V + k] = Math.log(probs[SPEECH_ALPHABET[k]] ?? rest);
  });
  return out;
}

describe('parseVocabulary', () => {
  it('reads one entry a line, comments, blank lines, phrases and weights', () => {
    const { entries, lines } = parseVocabulary(
      '# commands\nyes\n\n  new   york : 1.5  # a city\nno:-2\r\nstop\n',
    );
    expect(entries).toEqual([
      { phrase: 'yes', weight: 0 },
      { phrase: 'new york', weight: 1.5 },
      { phrase: 'no', weight: -2 },
      { phrase: 'stop', weight: 0 },
    ]);
    expect(lines).toEqual([2, 4, 5, 6]);
  });

  it('reads WRITTEN = SPOKEN: the word as written and as it sounds', () => {
    expect(
      parseVocabulary('John = jon\n  St  Louis=saint   louis : 2\nyes = yes\n').entries,
    ).toEqual([
      { phrase: 'jon', weight: 0, written: 'John' },
      { phrase: 'saint louis', weight: 2, written: 'St Louis' },
      { phrase: 'yes', weight: 0 },
    ]);
    for (const bad of ['John =', '= jon', 'a = b = c'])
      expect(() => parseVocabulary(`yes\n${bad}`)).toThrow(
        'line 2: write WRITTEN = SPOKEN, the word as written and as it sounds (e.g. "John = jon")',
      );
  });

  it('names the line of a bad weight; refuses a list without words', () => {
    expect(() => parseVocabulary('yes\nno:lots\n')).toThrow(
      /line 2: "lots" is not a weight: write WORD or WORD:NUMBER/,
    );
    expect(() => parseVocabulary('yes\n:3\n')).toThrow(/line 2: a weight without a word/);
    expect(() => parseVocabulary('# nothing\n\n')).toThrow(VocabularyError);
    expect(() => parseVocabulary('')).toThrow(/no words/);
    const huge = Array.from({ length: MAX_VOCABULARY_ENTRIES + 1 }, (_, i) => `w${i}`).join('\n');
    expect(() => parseVocabulary(huge)).toThrow(
      `line ${MAX_VOCABULARY_ENTRIES + 1}: more than ${MAX_VOCABULARY_ENTRIES} entries: list only the words you need`,
    );
  });
});

describe('vocabularyFileText', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('reads UTF-8 text; refuses UTF-16, binary and Latin-1 bytes, and a file too big, saying what to do', () => {
    expect(vocabularyFileText(bytes('yes\ncafé\n'))).toBe('yes\ncafé\n');
    const utf16 = new Uint8Array([0xff, 0xfe, 0x79, 0x00, 0x65, 0x00, 0x73, 0x00]);
    expect(() => vocabularyFileText(utf16)).toThrow(
      'is not UTF-8 text (it holds binary data or UTF-16): save it as plain UTF-8 text, one word or phrase a line',
    );
    expect(() => vocabularyFileText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toThrow(
      /^is not UTF-8 text: save it as plain UTF-8 text/,
    );
    expect(() => vocabularyFileText(new Uint8Array(MAX_VOCABULARY_BYTES + 1).fill(0x61))).toThrow(
      /^is over 4 MB: a vocabulary lists the words you need/,
    );
  });
});

describe('spellVocabulary', () => {
  it('writes entries as the model can (a speech model has no capitals)', () => {
    expect(spellVocabulary(SPEECH_ALPHABET, [{ phrase: 'New York', weight: 1 }])).toEqual([
      { phrase: 'new york', weight: 1 },
    ]);
    const mixed = ['', ' ', ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    expect(spellVocabulary(mixed, [{ phrase: 'paris', weight: 0 }]).map((e) => e.phrase)).toEqual([
      'paris',
      'Paris',
      'PARIS',
    ]);
  });

  it('names the entry and the characters the model cannot write', () => {
    expect(() =>
      spellVocabulary(SPEECH_ALPHABET, [
        { phrase: 'yes', weight: 0 },
        { phrase: 'café 42', weight: 0 },
      ]),
    ).toThrow(
      `line 2: "café 42" uses "é", "4", "2", not in the model's alphabet (a–z, ' and space): write numbers as words`,
    );
    const digits = ['', ...'0123456789'];
    expect(() => spellVocabulary(digits, [{ phrase: '1 2', weight: 0 }])).toThrow(
      /writes no spaces: list each word on its own line/,
    );
  });

  it('says what to write instead: without accents or punctuation, else as it sounds', () => {
    const reason = (phrase: string, labels: readonly string[] = SPEECH_ALPHABET) => {
      try {
        spellVocabulary(labels, [{ phrase, weight: 0 }]);
      } catch (e) {
        return (e as VocabularyError).reason;
      }
      throw new Error(`"${phrase}" was accepted`);
    };
    expect(reason('Café')).toMatch(/: write it as "cafe"$/);
    expect(reason('hello, world!')).toMatch(/: write it as "hello world"$/);
    expect(reason('東京')).toMatch(/: spell it as it sounds, with those characters$/);
    const letters = ['', ' ', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ...'abcdefghijklmnopqrstuvwxyz'];
    expect(reason('X-ray', letters)).toBe(
      `"X-ray" uses "-", not in the model's alphabet (A–Z, a–z and space): write it as "X ray"`,
    );
  });
});

describe('DecodeParams.vocabulary', () => {
  const resources = prepareDecodeResources(SPEECH_ALPHABET, {
    lmArpa: null,
    lmUnit: 'word',
    lexicon: null,
  });
  const decode = (vocabulary: { phrase: string; weight: number }[] | null, lp: Float32Array) =>
    createDecoder(SPEECH_ALPHABET, { ...defaultDecodeParams(), vocabulary }, resources).decode(lp);

  it('restricts the output to the entries (a near-miss becomes the listed word)', () => {
    // "go sat" said, the s heard a little more as z.
    const nearMiss = spelled('go sat', { at: 3, with: 'z' });
    expect(decode(null, nearMiss)[0].text).toBe('go zat');
    const closed = decode(
      [
        { phrase: 'go', weight: 0 },
        { phrase: 'sat', weight: 0 },
      ],
      nearMiss,
    );
    expect(closed[0].text).toBe('go sat');
    expect(closed.map((r) => r.text)).toContain('go sat');
    expect(closed.every((r) => /^((go|sat) ?)*$/.test(r.text))).toBe(true);
  });

  it('writes the entries back as listed where the model spells them otherwise', () => {
    const listed = [
      { phrase: 'New York', weight: 0 },
      { phrase: 'new', weight: 0 },
      { phrase: 'go', weight: 0 },
      { phrase: 'GO', weight: 0 },
      { phrase: 'iPhone', weight: 0 },
    ];
    const decoder = createDecoder(
      SPEECH_ALPHABET,
      { ...defaultDecodeParams(), vocabulary: listed },
      resources,
    );
    const read = (text: string) => asListed(decoder, decoder.decode(spelled(text)))[0];
    const best = read('go new york new iphone');
    // The phrase whole as listed; "new" alone and "go" as first listed.
    expect(best.text).toBe('go New York new iPhone');
    expect(best.words.map((w) => w.word)).toEqual(['go', 'New', 'York', 'new', 'iPhone']);
    // A vocabulary the model spells as listed, or none: the beams as decoded.
    const plain = createDecoder(SPEECH_ALPHABET, defaultDecodeParams(), resources);
    const beams = plain.decode(spelled('new york'));
    expect(asListed(plain, beams)).toBe(beams);
    expect(listedSpellings(SPEECH_ALPHABET, [{ phrase: 'new york', weight: 0 }])).toBeNull();
  });

  it('writes a phrase as listed only where it is said whole', () => {
    const spellings = listedSpellings(SPEECH_ALPHABET, [
      { phrase: 'New York City', weight: 0 },
      { phrase: 'New York', weight: 0 },
      { phrase: 'York', weight: 0 },
    ])!;
    const words = ['new', 'york', 'city', 'york', 'new'].map((word) => ({ word }));
    const join = (_: unknown, word: string) => ({ word });
    expect(writeAsListed(spellings, words, join).map((w) => w.word)).toEqual([
      'New',
      'York',
      'City',
      'York',
      'new',
    ]);
  });

  it('writes an entry in its written form, a phrase in other words spanning the words said', () => {
    const listed = parseVocabulary('John = jon\nNYC = new york:1\ncall').entries;
    const decoder = createDecoder(
      SPEECH_ALPHABET,
      { ...defaultDecodeParams(), vocabulary: listed },
      resources,
    );
    const [best] = asListed(decoder, decoder.decode(spelled('call jon new york')));
    expect(best!.text).toBe('call John NYC');
    expect(best!.words.map((w) => w.word)).toEqual(['call', 'John', 'NYC']);
    const raw = decoder.decode(spelled('call jon new york'))[0]!.words;
    expect(best!.words[2]).toMatchObject({
      startFrame: raw[2]!.startFrame,
      endFrame: raw[3]!.endFrame,
    });
  });

  it('carries the case a model with capitals wrote over to a lower-case written form', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const ink = ['', ...letters, ...letters.toUpperCase(), ' '];
    const spellings = listedSpellings(
      ink,
      parseVocabulary('verify = check\niPhone = iphone\nNY = new york\nParis\nIPHONE').entries,
    )!;
    expect(Object.fromEntries(spellings.words)).toEqual({
      check: 'verify',
      Check: 'Verify',
      CHECK: 'VERIFY',
      // A written form with capitals of its own stays as listed.
      iphone: 'iPhone',
      Iphone: 'iPhone',
      // A plain entry comes out as the hand wrote it ("Paris", "PARIS"), its own spelling first.
    });
    expect(spellings.phrases).toContainEqual({ spelled: ['NEW', 'YORK'], listed: ['NY'] });
    // A speech model writes no capitals: no variants.
    expect([
      ...listedSpellings(SPEECH_ALPHABET, parseVocabulary('verify = check').entries)!.words,
    ]).toEqual([['check', 'verify']]);
  });

  it('writes hotwords as given, though the model spells no capitals', () => {
    const params = { ...defaultDecodeParams(), hotwords: [{ phrase: 'iPhone', boost: 2 }] };
    const decoder = createDecoder(SPEECH_ALPHABET, params, resources);
    expect(asListed(decoder, decoder.decode(spelled('my iphone')))[0]!.text).toBe('my iPhone');
  });

  it('keeps the knob plain data (part of the decoder cache and the batch setup identity)', () => {
    const params = { ...defaultDecodeParams(), vocabulary: [{ phrase: 'yes', weight: 1 }] };
    expect(JSON.parse(JSON.stringify(params))).toEqual(params);
  });
});
