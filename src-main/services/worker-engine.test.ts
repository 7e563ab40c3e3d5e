import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createDecoder,
  defaultDecodeParams,
  loadRecognizer,
  recognizeInk,
  SpeechSession,
  transcribeSamples,
  unsureFlagger,
} from '../../engine/index';
import { type ModelEntry, recognitionHostUrl } from '../../engine/node/index';
import { tinyInkModelBytes, tinySpeechModelBytes } from '../../engine/node/test-support/index';
import { readFileSync } from 'node:fs';
import {
  ApiError,
  type StrokeEvent,
  type RecognitionResult,
  type Word,
} from '../../src-common/api';
import { NO_SPEECH_MODEL } from './recognizer';
import { createWorkerEngine } from './worker-engine';

// Small untrained models: what they read is arbitrary, but deterministic.
const dir = mkdtempSync(join(tmpdir(), 'verbatim-worker-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modelFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${name}.vbm`);
  writeFileSync(path, bytes);
  return path;
}
const speechModel = (name: string) => modelFile(name, tinySpeechModelBytes({ seed: 3, hidden: 8 }));
const inkModel = (name: string, alphabet: string[]) =>
  modelFile(name, tinyInkModelBytes({ alphabet, seed: 3, hidden: 8 }));

const entries: ModelEntry[] = [
  {
    name: 'tiny-speech',
    role: 'speech',
    path: speechModel('tiny-speech'),
    shipped: false,
  },
  {
    // Letters and digits: the Digits mode must restrict it to 0-9.
    name: 'tiny-ink',
    role: 'digits',
    path: inkModel('tiny-ink', ['', ...'0123456789abcdefghij']),
    shipped: false,
  },
];
const engine = createWorkerEngine({
  module: recognitionHostUrl,
  poolSize: 1,
  workerData: { kernels: 'reference' },
  store: {
    activeModel: (role) => entries.find((e) => e.role === role),
    listModels: () => entries,
  },
});
afterAll(() => engine.dispose());

/** Near-silence with a voiced burst (harmonics of 120 Hz) from 0.8 s to the end. */
function speechLike(seconds: number): Float32Array {
  const rate = 16000;
  const out = new Float32Array(seconds * rate);
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    let voiced = 0;
    for (let h = 1; h <= 6; h++) voiced += Math.sin(2 * Math.PI * 120 * h * t) / h;
    out[i] = t >= 0.8 ? 0.3 * voiced : 1e-4 * Math.sin(i);
  }
  return out;
}

/** A result's words judged against a word list (null: none, by confidence alone). */
const judged = (r: RecognitionResult, list: string[] | null = null) => ({
  ...r,
  words: unsureFlagger(() => list, null, [])(r.words),
});

const scribble = Array.from({ length: 40 }, (_, i) => ({
  x: i * 3,
  y: 20 * Math.sin(i / 3),
  t: i * 10,
  p: 0.5,
}));

describe('the worker engine', () => {
  it('recognizes ink in a worker, restricted to digits in the Digits mode', async () => {
    const strokes = [{ points: scribble }, { points: scribble.map((p) => ({ ...p, y: -p.y })) }];
    const result = await engine.recognizeInk(strokes, {
      mode: 'digits',
      modelId: null,
      vocabulary: null,
    });
    expect(result.nbest.length).toBeGreaterThan(0);
    for (const n of result.nbest) expect(n.text).toMatch(/^[0-9]*$/);
    // Picked by id, the same model answers the same.
    expect(
      await engine.recognizeInk(strokes, {
        mode: 'digits',
        modelId: 'user:tiny-ink',
        vocabulary: null,
      }),
    ).toEqual(result);
  });

  it('a handwriting session follows stroke events as the one-shot recognizer would', async () => {
    const digits = { mode: 'digits' as const, modelId: null, vocabulary: null };
    const ink = loadRecognizer(readFileSync(entries[1]!.path));
    const params = { ...defaultDecodeParams(), charset: '0-9' };
    const stroke = (dy: number) => ({ points: scribble.map((p) => ({ ...p, y: p.y + dy })) });
    const [a, b, c] = [stroke(0), stroke(30), stroke(-30)];
    const once = (strokes: (typeof a)[]) =>
      judged(
        recognizeInk(
          ink,
          {
            strokes: strokes.map((s) => ({
              points: s.points.map(({ p, ...q }) => ({ ...q, pressure: p })),
            })),
          },
          params,
        ),
      );
    const add = (s: typeof a) => ({ type: 'add' as const, stroke: s });
    const session = await engine.openInk(digits);
    // Draw, draw, undo, the same again, then new ink (Insert cleared the canvas).
    const steps: [StrokeEvent[], (typeof a)[]][] = [
      [[add(a)], [a]],
      [[add(b)], [a, b]],
      [[{ type: 'undo' }], [a]],
      [[add(b), { type: 'undo' }], [a]],
      [[{ type: 'clear' }, add(c)], [c]],
      [
        [add(a), add(b)],
        [c, a, b],
      ],
    ];
    for (const [events, strokes] of steps) {
      const expected = once(strokes);
      expect(await session.apply(events)).toEqual(expected);
      expect(await engine.recognizeInk(strokes, digits)).toEqual(expected);
    }
    session.dispose();
    await expect(
      engine.openInk({ mode: 'words', modelId: null, vocabulary: null }),
    ).rejects.toMatchObject({
      code: 'no-model',
    });
  });

  it('restricts ink to a vocabulary (sessions and one-shot), a decoder per list; refuses an entry the model cannot write', async () => {
    const ink = loadRecognizer(readFileSync(entries[1]!.path));
    const strokes = [{ points: scribble }, { points: scribble.map((p) => ({ ...p, y: -p.y })) }];
    const points = strokes.map((s) => ({
      points: s.points.map(({ p, ...q }) => ({ ...q, pressure: p })),
    }));
    const list = (...phrases: string[]) => phrases.map((phrase) => ({ phrase, weight: 0 }));
    /** What this thread reads with the vocabulary, judged with it. */
    const expected = (vocabulary: ReturnType<typeof list>) => {
      const params = { ...defaultDecodeParams(), charset: '0-9', vocabulary };
      const r = recognizeInk(ink, { strokes: points }, params);
      return { ...r, words: unsureFlagger(() => null, vocabulary, [])(r.words) };
    };
    for (const vocabulary of [list('12', '345'), list('7', '890')]) {
      const params = { mode: 'digits' as const, modelId: null, vocabulary };
      const want = expected(vocabulary);
      expect(want.words.length).toBeGreaterThan(0);
      const phrases = vocabulary.map((e) => e.phrase).join('|');
      expect(want.text).toMatch(new RegExp(`^((${phrases})( |$))+$`));
      expect(await engine.recognizeInk(strokes, params)).toEqual(want);
      const session = await engine.openInk(params);
      expect(await session.apply(strokes.map((stroke) => ({ type: 'add', stroke })))).toEqual(want);
      session.dispose();
    }
    for (const open of [
      () => engine.openInk({ mode: 'digits', modelId: null, vocabulary: list('12', 'x7') }),
      () => engine.recognizeInk(strokes, { mode: 'digits', modelId: null, vocabulary: list('x7') }),
    ])
      await expect(open()).rejects.toMatchObject({
        code: 'bad-request',
        message: expect.stringMatching(/^Vocabulary: "x7" uses "x", .*\(tiny-ink\)\.$/),
      });
  });

  it('says why it cannot recognize: no model for the role, an unknown id, the wrong role', async () => {
    const strokes = [{ points: scribble }];
    const words = engine.recognizeInk(strokes, { mode: 'words', modelId: null, vocabulary: null });
    await expect(words).rejects.toBeInstanceOf(ApiError);
    await expect(words).rejects.toMatchObject({
      code: 'no-model',
      message: expect.stringMatching(/No handwriting model for words/),
    });
    await expect(
      engine.recognizeInk(strokes, { mode: 'digits', modelId: 'user:gone', vocabulary: null }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('user:gone') });
    await expect(
      engine.transcribe(new Float32Array(1600), {
        modelId: 'user:tiny-ink',
        hotwords: [],
        vocabulary: null,
      }),
    ).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/digits model/),
    });
    const noSpeech = createWorkerEngine({
      module: recognitionHostUrl,
      store: { activeModel: () => undefined, listModels: () => [] },
    });
    await expect(
      noSpeech.openSpeech(
        { modelId: null, hotwords: [], vocabulary: null },
        { onPartial() {}, onFinal() {} },
      ),
    ).rejects.toMatchObject({ code: 'no-model', message: NO_SPEECH_MODEL });
    await noSpeech.dispose(); // it never started a worker
  });

  it('passes the hotwords (any case) to the decoder; they come out as given', async () => {
    const audio = speechLike(1.6);
    const plain = await engine.transcribe(audio, { modelId: null, hotwords: [], vocabulary: null });
    const boosted = await engine.transcribe(audio, {
      modelId: null,
      hotwords: ['Zebra'],
      vocabulary: null,
    });
    expect(plain.text.toLowerCase()).not.toContain('zebra');
    expect(boosted.text).toContain('Zebra');
    expect(boosted.text).not.toContain('zebra');
  });

  it('restricts the output to a vocabulary; refuses an entry the model cannot write', async () => {
    const audio = speechLike(1.6);
    const vocabulary = [
      { phrase: 'zebra crossing', weight: 0 },
      { phrase: 'yes', weight: 1 },
    ];
    const closed = await engine.transcribe(audio, { modelId: null, hotwords: [], vocabulary });
    expect(closed.text).toMatch(/^((zebra crossing|yes)( |$))*$/);
    await expect(
      engine.transcribe(audio, {
        modelId: null,
        hotwords: [],
        vocabulary: [{ phrase: 'naïve', weight: 0 }],
      }),
    ).rejects.toMatchObject({
      code: 'bad-request',
      message:
        'Vocabulary: "naïve" uses "ï", not in the model\'s alphabet (a–z, \' and space): write it as "naive" (tiny-speech).',
    });
  });

  it('streams a dictation: partials while speaking, the rest returned by finish() only', async () => {
    const audio = speechLike(1.6); // still speaking at the end: finish() finalises it
    // The same session in this thread, for the expected results.
    const expectedPartials: { text: string; words: Word[] }[] = [];
    const expected = new SpeechSession(
      loadRecognizer(readFileSync(entries[0]!.path)),
      defaultDecodeParams(),
      { onPartial: ({ text, words }) => expectedPartials.push({ text, words }) },
    );
    const chunk = 1600;
    for (let i = 0; i < audio.length; i += chunk) expected.pushAudio(audio.subarray(i, i + chunk));
    const last = expected.finish();
    expect(last.text).not.toBe(''); // the test needs an utterance in progress at the end

    const partials: { text: string; words: Word[] }[] = [];
    const finals: RecognitionResult[] = [];
    const errors: string[] = [];
    const stream = await engine.openSpeech(
      { modelId: null, hotwords: [], vocabulary: null },
      {
        onPartial: (text, words) => partials.push({ text, words }),
        onFinal: (r) => finals.push(r),
        onError: (m) => errors.push(m),
      },
    );
    expect(stream.model).toMatchObject({ id: 'user:tiny-speech', role: 'speech' });
    for (let i = 0; i < audio.length; i += chunk) stream.pushAudio(audio.slice(i, i + chunk));
    expect(await stream.finish()).toEqual(last);
    expect(partials.length).toBeGreaterThan(0);
    // Each partial with its words (and their confidence), as the engine guessed it.
    expect(partials).toEqual(expectedPartials);
    expect(finals).toEqual([]);
    expect(errors).toEqual([]);
    stream.dispose();
  });
});

describe('the speech model by task', () => {
  it("uses a broad model when the vocabulary leaves the active model's words; a chosen model wins", async () => {
    const lexicon = join(dir, 'domain-words.txt');
    writeFileSync(lexicon, 'yes\nno\n');
    const domain: ModelEntry = {
      name: 'tiny-domain',
      role: 'speech',
      path: speechModel('tiny-domain'),
      shipped: true,
      lexicon,
    };
    const broad: ModelEntry = {
      name: 'tiny-broad',
      role: 'speech',
      path: speechModel('tiny-broad'),
      shipped: true,
      broad: true,
    };
    const byTask = createWorkerEngine({
      module: recognitionHostUrl,
      poolSize: 1,
      workerData: { kernels: 'reference' },
      store: { activeModel: () => domain, listModels: () => [domain, broad] },
    });
    const modelFor = async (modelId: string | null, phrases: string[]) => {
      const vocabulary = phrases.map((phrase) => ({ phrase, weight: 0 }));
      const stream = await byTask.openSpeech(
        { modelId, hotwords: [], vocabulary: phrases.length ? vocabulary : null },
        { onPartial() {}, onFinal() {} },
      );
      stream.dispose();
      return stream.model?.name;
    };
    try {
      expect(await modelFor(null, [])).toBe('tiny-domain');
      expect(await modelFor(null, ['yes', 'no'])).toBe('tiny-domain');
      expect(await modelFor(null, ['yes', 'zebra'])).toBe('tiny-broad');
      expect(await modelFor('shipped:tiny-domain', ['zebra'])).toBe('tiny-domain');
    } finally {
      await byTask.dispose();
    }
  });
});

describe("a model entry's tuned decoding", () => {
  it('is what the app decodes with (the LM weight and word bonus of its decode)', async () => {
    const lm = join(dir, 'words.arpa');
    const unigrams = ['-0.6 a', '-0.8 i', '-1.0 cat', '-1.0 dog', '-99 <s>', '-1.0 </s>'];
    writeFileSync(
      lm,
      ['\\data\\', 'ngram 1=6', '', '\\1-grams:', ...unigrams, '', '\\end\\', ''].join('\n'),
    );
    const tuned: ModelEntry = {
      name: 'tiny-tuned',
      role: 'speech',
      path: speechModel('tiny-tuned'),
      shipped: true,
      lm,
      decode: { lmWeight: 0.1, wordBonus: 10 },
    };
    const tunedEngine = createWorkerEngine({
      module: recognitionHostUrl,
      poolSize: 1,
      workerData: { kernels: 'reference' },
      store: { activeModel: () => tuned, listModels: () => [tuned] },
    });
    const audio = speechLike(1.6);
    /** What this thread hears with the LM at these weights. */
    const expected = (alpha: number, beta: number) => {
      const params = { ...defaultDecodeParams(), alpha, beta };
      const speech = loadRecognizer(readFileSync(tuned.path));
      const resources = {
        lmArpa: readFileSync(lm, 'utf8'),
        lmUnit: 'word' as const,
        lexicon: null,
      };
      const decoder = createDecoder(speech.labels, params, resources);
      return transcribeSamples(speech, audio, 16000, params, { decoder }).text;
    };
    try {
      const heard = await tunedEngine.transcribe(audio, {
        modelId: null,
        hotwords: [],
        vocabulary: null,
      });
      expect(heard.text).toBe(expected(0.1, 10));
      // The test can tell: the defaults (0.5, 1) hear otherwise.
      expect(heard.text).not.toBe(expected(0.5, 1));
    } finally {
      await tunedEngine.dispose();
    }
  });
});

describe("a model's decoding resources", () => {
  it('are read in the worker from their files, and a changed word list is used from the next request', async () => {
    const lexicon = join(dir, 'words.txt');
    const words: ModelEntry = {
      name: 'tiny-words',
      role: 'words',
      path: inkModel('tiny-words', ['', ...'abcdefghij']),
      shipped: false,
      lexicon,
    };
    const wordsEngine = createWorkerEngine({
      module: recognitionHostUrl,
      poolSize: 1,
      workerData: { kernels: 'reference' },
      store: { activeModel: () => words, listModels: () => [words] },
    });
    const ink = loadRecognizer(readFileSync(words.path));
    const strokes = [{ points: scribble }];
    const points = scribble.map(({ p, ...q }) => ({ ...q, pressure: p }));
    /** What this thread reads with the word list, decoded like the Words mode. */
    const expected = (list: string[]) => {
      const params = defaultDecodeParams();
      const decoder = createDecoder(ink.labels, params, {
        lmArpa: null,
        lmUnit: 'word',
        lexicon: list,
      });
      return judged(recognizeInk(ink, { strokes: [{ points }] }, params, decoder), list);
    };
    try {
      writeFileSync(lexicon, 'bad\ncab\n');
      const first = await wordsEngine.recognizeInk(strokes, {
        mode: 'words',
        modelId: null,
        vocabulary: null,
      });
      expect(first).toEqual(expected(['bad', 'cab']));
      writeFileSync(lexicon, 'jig\nhide\nfeed\n');
      const second = await wordsEngine.recognizeInk(strokes, {
        mode: 'words',
        modelId: null,
        vocabulary: null,
      });
      expect(second).toEqual(expected(['jig', 'hide', 'feed']));
      expect(second).not.toEqual(first); // the new list was used
    } finally {
      await wordsEngine.dispose();
    }
  });
});
