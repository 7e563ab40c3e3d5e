import { describe, expect, it } from 'vitest';
import {
  API_METHODS,
  eventSchema,
  inkResultSchema,
  MAX_UPLOAD_BYTES,
  requestSchemas,
  SPEECH_SAMPLE_RATE,
  type ApiMethod,
  type ApiRequest,
} from './api';

// A minimal valid argument of every method: each schema's strictness is tested
// by this argument plus one unknown key, so nothing else can fail the parse.
const stroke = { points: [{ x: 1, y: 2, t: 0 }] };
const validRequests: { [M in ApiMethod]: ApiRequest<M> } = {
  getAppInfo: {},
  listModels: {},
  startDictation: { sampleRate: SPEECH_SAMPLE_RATE },
  pushAudio: { sessionId: 's', samples: new Float32Array(160) },
  stopDictation: { sessionId: 's' },
  transcribeAudio: {
    name: 'a.wav',
    samples: new Float32Array(160),
    sampleRate: SPEECH_SAMPLE_RATE,
  },
  getModelDomain: {},
  chooseSpeechModel: {},
  recognizeInk: { mode: 'digits', strokes: [stroke] },
  openInk: { mode: 'words' },
  inkEvents: { sessionId: 'i', events: [{ type: 'add', stroke }, { type: 'undo' }] },
  closeInk: { sessionId: 'i' },
  checkInkVocabulary: { mode: 'words', vocabulary: [{ phrase: 'check' }] },
  getStudioStatus: {},
  listDatasets: {},
  createDataset: { name: 'mine', kind: 'speech' },
  listSamples: { dataset: 'mine' },
  listSamplePage: { dataset: 'mine' },
  startRecording: { dataset: 'mine', text: 'seven' },
  pushRecording: { recordingId: 'r', samples: new Float32Array(160) },
  stopRecording: { recordingId: 'r' },
  cancelRecording: { recordingId: 'r' },
  saveInk: { dataset: 'pen', text: '7', strokes: [stroke] },
  updateSample: { dataset: 'mine', id: 'x', status: 'verified' },
  deleteSample: { dataset: 'mine', id: 'x' },
  undoDelete: { dataset: 'mine' },
  getSampleAudio: { dataset: 'mine', id: 'x' },
  getSampleInk: { dataset: 'pen', id: 'x' },
  importDataset: { dataset: 'mine', format: 'nemo', source: '/data/manifest.jsonl' },
  exportDataset: { dataset: 'mine', format: 'kaldi' },
  cancelTask: { taskId: 't' },
  startTraining: { kind: 'ink', datasets: ['pen'] },
  cancelTraining: { runId: 'r' },
  resumeTraining: { runId: 'r' },
  listModelDetails: {},
  setActiveModel: { name: 'ink-digits' },
  renameModel: { name: 'mine', to: 'yours' },
  deleteModel: { name: 'mine' },
  exportModel: { name: 'mine', format: 'onnx' },
  importModel: { fileName: 'm.vbm', bytes: new Uint8Array(8) },
  chooseFile: { mode: 'open-folder', title: 'Import from' },
  uploadFiles: { files: [{ path: 'clips/a.wav', bytes: new Uint8Array(4) }] },
  downloadExport: { out: '/home/me/.verbatim/exports/voice-nemo.jsonl' },
};

describe('request schemas', () => {
  it('cover every method with a strict object schema', () => {
    expect(Object.keys(validRequests).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) {
      const valid = validRequests[method];
      expect(requestSchemas[method].safeParse(valid).success, method).toBe(true);
      const extra = requestSchemas[method].safeParse({ ...valid, unexpected: 1 });
      expect(extra.success, method).toBe(false);
      expect(
        extra.error?.issues.map((i) => i.code),
        method,
      ).toEqual(['unrecognized_keys']);
    }
  });

  it('take a closed vocabulary: entries with weights (default 0), not an empty list', () => {
    const start = (vocabulary: unknown) =>
      requestSchemas.startDictation.safeParse({ sampleRate: SPEECH_SAMPLE_RATE, vocabulary });
    expect(
      start([{ phrase: ' new york ' }, { phrase: 'yes', weight: 2 }]).data?.vocabulary,
    ).toEqual([
      { phrase: 'new york', weight: 0 },
      { phrase: 'yes', weight: 2 },
    ]);
    expect(start([]).error?.issues[0].message).toBe('the vocabulary has no words');
    expect(start([{ phrase: '  ' }]).error?.issues[0].message).toBe('a vocabulary entry is empty');
    expect(start([{ phrase: 'yes', weight: Infinity }]).success).toBe(false);
  });

  it('take the same closed vocabulary for handwriting (sessions, one-shot, the check)', () => {
    const stroke = { points: [{ x: 1, y: 2, t: 0 }] };
    const requests = {
      openInk: (vocabulary: unknown) =>
        requestSchemas.openInk.safeParse({ mode: 'words', vocabulary }),
      recognizeInk: (vocabulary: unknown) =>
        requestSchemas.recognizeInk.safeParse({ mode: 'words', strokes: [stroke], vocabulary }),
      checkInkVocabulary: (vocabulary: unknown) =>
        requestSchemas.checkInkVocabulary.safeParse({ mode: 'words', vocabulary }),
    };
    for (const [method, parse] of Object.entries(requests)) {
      expect(
        parse([{ phrase: ' the ' }, { phrase: 'performance.', weight: 1.5 }]).data?.vocabulary,
        method,
      ).toEqual([
        { phrase: 'the', weight: 0 },
        { phrase: 'performance.', weight: 1.5 },
      ]);
      expect(parse([]).error?.issues[0].message, method).toBe('the vocabulary has no words');
      expect(parse([{ phrase: 'the' }, { phrase: ' ' }]).error?.issues[0], method).toMatchObject({
        message: 'a vocabulary entry is empty',
        path: ['vocabulary', 1, 'phrase'],
      });
      expect(parse([{ phrase: 'the', weight: 'heavy' }]).success, method).toBe(false);
    }
    // Sessions and one-shot recognitions without one read any words; the check needs a list.
    expect(requests.openInk(undefined).data?.vocabulary).toBeNull();
    expect(requests.recognizeInk(null).data?.vocabulary).toBeNull();
    expect(requests.checkInkVocabulary(null).success).toBe(false);
  });

  it('fill in defaults for optional fields', () => {
    const args = requestSchemas.startDictation.parse({ sampleRate: SPEECH_SAMPLE_RATE });
    expect(args).toEqual({ modelId: null, hotwords: [], vocabulary: null, sampleRate: 16_000 });
    const ink = requestSchemas.recognizeInk.parse({
      mode: 'digits',
      strokes: [{ points: [{ x: 1, y: 2, t: 0 }] }],
    });
    expect(ink.strokes[0]!.points[0]!.p).toBe(0.5);
  });

  it('accept audio only as a Float32Array of bounded length', () => {
    const ok = requestSchemas.pushAudio.safeParse({
      sessionId: 's',
      samples: new Float32Array(1600),
    });
    expect(ok.success).toBe(true);
    for (const samples of [[0.1, 0.2], new Float64Array(4), new Float32Array(16_000 * 5 + 1)]) {
      expect(requestSchemas.pushAudio.safeParse({ sessionId: 's', samples }).success).toBe(false);
    }
  });

  it('reject non-finite coordinates, empty ink and unknown modes', () => {
    const ink = (x: unknown, mode = 'digits') => ({
      mode,
      strokes: [{ points: [{ x, y: 0, t: 0 }] }],
    });
    expect(requestSchemas.recognizeInk.safeParse(ink(Number.NaN)).success).toBe(false);
    expect(requestSchemas.recognizeInk.safeParse(ink(Infinity)).success).toBe(false);
    expect(requestSchemas.recognizeInk.safeParse(ink(1, 'kanji')).success).toBe(false);
    expect(requestSchemas.recognizeInk.safeParse({ mode: 'words', strokes: [] }).success).toBe(
      false,
    );
    expect(requestSchemas.recognizeInk.safeParse(ink(1)).success).toBe(true);
  });

  it('open a handwriting session for a mode (and optionally a model and a vocabulary), nothing else', () => {
    expect(requestSchemas.openInk.parse({ mode: 'words' })).toEqual({
      mode: 'words',
      modelId: null,
      vocabulary: null,
    });
    expect(requestSchemas.openInk.safeParse({ mode: 'kanji' }).success).toBe(false);
    expect(requestSchemas.openInk.safeParse({ mode: 'words', strokes: [] }).success).toBe(false);
  });

  it('take stroke events: add with a stroke, undo, clear; strict, at least one', () => {
    const events = (...list: unknown[]) =>
      requestSchemas.inkEvents.safeParse({ sessionId: 'i', events: list });
    const add = { type: 'add', stroke: { points: [{ x: 1, y: 2, t: 0 }] } };
    expect(events(add, { type: 'undo' }, { type: 'clear' }).data?.events[0]).toEqual({
      type: 'add',
      stroke: { points: [{ x: 1, y: 2, t: 0, p: 0.5 }] },
    });
    expect(events().success).toBe(false);
    expect(events({ type: 'add' }).success).toBe(false);
    expect(events({ type: 'add', stroke: { points: [] } }).success).toBe(false);
    expect(events({ type: 'redo' }).success).toBe(false);
    expect(events({ type: 'undo', stroke: add.stroke }).success).toBe(false);
  });

  it('only take the 16 kHz rate the engine consumes', () => {
    expect(requestSchemas.startDictation.safeParse({ sampleRate: 44_100 }).success).toBe(false);
  });
});

describe('uploads', () => {
  const upload = (path: string, bytes = new Uint8Array(1)) =>
    requestSchemas.uploadFiles.safeParse({ files: [{ path, bytes }] }).success;

  it('take only relative paths that stay inside the upload', () => {
    expect(upload('an4/wav/a.wav')).toBe(true);
    for (const bad of ['../x.wav', 'a/../../x', '/etc/passwd', 'a//b', 'C:/x', 'a\\b', './a'])
      expect(upload(bad), bad).toBe(false);
  });

  it('take at most MAX_UPLOAD_BYTES per request', () => {
    expect(upload('big.wav', new Uint8Array(MAX_UPLOAD_BYTES))).toBe(true);
    expect(upload('big.wav', new Uint8Array(MAX_UPLOAD_BYTES + 1))).toBe(false);
  });
});

describe('event schema', () => {
  it('accepts the known events and rejects others', () => {
    expect(
      eventSchema.safeParse({ type: 'speech.partial', sessionId: 'a', text: 'hi' }).success,
    ).toBe(true);
    expect(eventSchema.safeParse({ type: 'shortcut', action: 'toggle-dictation' }).success).toBe(
      true,
    );
    expect(eventSchema.safeParse({ type: 'speech.partial', text: 'hi' }).success).toBe(false);
    expect(eventSchema.safeParse({ type: 'eval', code: '1' }).success).toBe(false);
  });
});

describe('ink result schema', () => {
  const word = { word: 'teh', start: 0, end: 40, confidence: 0.4 };
  const result = (words: unknown[]) => ({
    text: 'teh',
    words,
    nbest: [{ text: 'teh', score: -3 }],
  });

  it('takes each word judged: unsure, and why when it is', () => {
    const unsure = { ...word, unsure: true, why: ['low-confidence', 'spelled-as-heard'] };
    expect(inkResultSchema.safeParse(result([unsure])).success).toBe(true);
    expect(inkResultSchema.safeParse(result([{ ...word, unsure: false }])).success).toBe(true);
  });

  it('refuses a word without the judgement or with an unknown reason', () => {
    expect(inkResultSchema.safeParse(result([word])).success).toBe(false);
    const guessed = { ...word, unsure: true, why: ['guessed'] };
    expect(inkResultSchema.safeParse(result([guessed])).success).toBe(false);
    expect(inkResultSchema.safeParse(result([{ ...word, unsure: true, why: [] }])).success).toBe(
      false,
    );
  });
});
