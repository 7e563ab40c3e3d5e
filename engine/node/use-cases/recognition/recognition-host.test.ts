import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createDecoder,
  defaultDecodeParams,
  InkSession,
  loadRecognizer,
  SpeechSession,
  transcribeSamples,
  unsureFields,
  unsureFlagger,
  type DecodeParams,
  type RecognitionResult,
} from '../../../recognize/index';
import {
  recognitionHostUrl,
  type HostedInkSession,
  type HostedRecognizer,
  type HostedSpeechSession,
} from './recognition-host-url';
import { WorkerPool } from '../../runtime/worker-pool';
import type { ModelSource } from '../models/model-store';
import { tinyInkModelBytes, tinySpeechModelBytes } from '../../test-support/index';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model file (seeded weights) and its bytes; ink writes digits, or the 10 `letters`. */
function modelFile(
  kind: 'speech' | 'ink',
  seed = 3,
  letters?: string,
): { path: string; bytes: Uint8Array } {
  const bytes = modelBytes(kind, seed, letters);
  const path = join(dir, `${kind}-${seed}${letters ?? ''}.vbm`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

const modelBytes = (kind: 'speech' | 'ink', seed: number, letters = '0123456789'): Uint8Array =>
  kind === 'speech'
    ? tinySpeechModelBytes({ seed, hidden: 8 })
    : tinyInkModelBytes({ alphabet: ['', ...letters], seed, hidden: 8 });

/** Silence, a harmonic tone burst, silence: one utterance for the VAD. */
function burst(): Float32Array {
  const rate = 16000;
  const out = new Float32Array(2.5 * rate);
  for (let i = 0; i < out.length; i++) out[i] = 0.0005 * Math.sin(i * 0.37);
  for (let i = 0.8 * rate; i < 1.4 * rate; i++) {
    let s = 0;
    for (let h = 1; h <= 8; h++) s += Math.sin((2 * Math.PI * 140 * h * i) / rate) / h;
    out[i] = 0.3 * s;
  }
  return out;
}

const pool = new WorkerPool({
  module: recognitionHostUrl,
  size: 1,
  workerData: { kernels: 'reference' },
});
afterAll(() => pool.dispose());

/** A result's words judged as by a model without a word list: by confidence alone. */
const byConfidence = (r: RecognitionResult) => ({
  ...r,
  words: r.words.map((w) => ({ ...w, ...unsureFields(w) })),
});

describe('recognition host', () => {
  const params = defaultDecodeParams();

  it('runs a live speech session in a worker with the same partial and final results as in-thread', async () => {
    const { path, bytes } = modelFile('speech');
    const audio = burst();
    const chunks = Array.from({ length: 25 }, (_, i) => audio.subarray(i * 1600, (i + 1) * 1600));

    const local: string[] = [];
    const inThread = new SpeechSession(loadRecognizer(bytes), params, {
      onPartial: (r) => local.push(`partial:${r.text}`),
      onFinal: (r) => local.push(`final:${r.text}`),
    });
    for (const c of chunks) inThread.pushAudio(c);
    const localLast = inThread.finish();

    const remote: string[] = [];
    const session = await pool.create<HostedSpeechSession>('speech-session', [{ path }, params], {
      onEvent: (kind, r) => remote.push(`${kind}:${(r as RecognitionResult).text}`),
    });
    for (const c of chunks) await session.pushAudio(c);
    expect(await session.finish()).toEqual(localLast);
    expect(remote).toEqual(local);
    expect(remote.some((e) => e.startsWith('final:'))).toBe(true);
    await session.dispose();
  });

  it('hosts ink sessions and one-shot recognizers', async () => {
    const ink = modelFile('ink');
    const stroke = Array.from({ length: 30 }, (_, i) => ({ x: i, y: Math.sin(i / 4) * 10 }));
    const local = new InkSession(loadRecognizer(ink.bytes), params);
    const session = await pool.create<HostedInkSession>('ink-session', [
      { path: ink.path },
      params,
    ]);
    const add = { type: 'add' as const, points: stroke };
    expect(await session.apply([add])).toEqual(byConfidence(local.apply([add])));
    expect(await session.apply([add, { type: 'undo' }])).toEqual(byConfidence(local.current()));
    await session.dispose();

    const speech = modelFile('speech');
    const r = await pool.create<HostedRecognizer>('recognizer', [{ path: speech.path }]);
    const audio = burst();
    expect(await r.transcribe(audio, 16000, params)).toEqual(
      transcribeSamples(loadRecognizer(speech.bytes), audio, 16000, params),
    );
    await r.dispose();
    const bad = join(dir, 'bad.vbm');
    writeFileSync(bad, new Uint8Array(8));
    await expect(pool.create('recognizer', [{ path: bad }])).rejects.toThrow(
      /bad\.vbm is not a usable Verbatim model/,
    );
    await expect(pool.create('recognizer', [{ bytes: speech.bytes }])).rejects.toThrow(
      /expected a model as \{ path/,
    );
  });

  it("decodes against the package's lexicon and charset, read in the worker", async () => {
    const ink = modelFile('ink', 5);
    const lexicon = join(dir, 'numbers.txt');
    writeFileSync(lexicon, '12\n345\n');
    const source = { path: ink.path, lexicon, charset: '0-5' };
    const knobs = { ...params, lexiconMode: 'constrained' as const, charset: '0-5' };
    const rec = loadRecognizer(ink.bytes);
    const decoder = createDecoder(rec.labels, knobs, {
      lmArpa: null,
      lmUnit: 'word',
      lexicon: ['12', '345'],
    });
    const stroke = Array.from({ length: 40 }, (_, i) => ({ x: i, y: Math.cos(i / 5) * 8 }));
    const local = new InkSession(rec, knobs, decoder).pushStroke(stroke);
    expect(['12', '345']).toContain(local.text);
    const r = await pool.create<HostedRecognizer>('recognizer', [source]);
    const read = await r.recognizeInk({ strokes: [{ points: stroke }] }, knobs);
    expect(read).toEqual({
      ...local,
      words: local.words.map((w) => ({ ...w, ...unsureFields(w) })), // in the lexicon: not spelled
    });
    await r.dispose();
  });

  /** A letters model, its word list of one word its untrained network does not write, a stroke. */
  const oneWordPackage = () => {
    const ink = modelFile('ink', 7, 'abcdefghij');
    const lexicon = join(dir, 'one-word.txt');
    writeFileSync(lexicon, 'jjjjj\n');
    const rec = loadRecognizer(ink.bytes);
    const stroke = Array.from({ length: 60 }, (_, i) => ({ x: i, y: Math.sin(i / 3) * 12 }));
    /** What this thread reads with these knobs against the word list. */
    const readHere = (knobs: DecodeParams) => {
      const resources = { lmArpa: null, lmUnit: 'word' as const, lexicon: ['jjjjj'] };
      const decoder = createDecoder(rec.labels, knobs, resources);
      return new InkSession(rec, knobs, decoder).pushStroke(stroke);
    };
    return { source: { path: ink.path, lexicon }, stroke, readHere };
  };

  /** A hosted ink session and a hosted one-shot recognizer both answer `judged`. */
  const expectHostedReading = async (
    source: ModelSource,
    knobs: DecodeParams,
    stroke: { x: number; y: number }[],
    judged: unknown,
  ) => {
    const session = await pool.create<HostedInkSession>('ink-session', [source, knobs]);
    expect(await session.apply([{ type: 'add', points: stroke }])).toEqual(judged);
    await session.dispose();
    const r = await pool.create<HostedRecognizer>('recognizer', [source]);
    expect(await r.recognizeInk({ strokes: [{ points: stroke }] }, knobs)).toEqual(judged);
    await r.dispose();
  };

  it("flags the ink words it is unsure of: low confidence, or outside the package's word list", async () => {
    const { source, stroke, readHere } = oneWordPackage();
    // No penalty outside the list, so the untrained network's own reading wins.
    const knobs = { ...params, unkScoreOffset: 0 };
    const local = readHere(knobs);
    const judged = {
      ...local,
      words: local.words.map((w) => ({
        ...w,
        ...unsureFields({ confidence: w.confidence, spelled: w.word !== 'jjjjj' }),
      })),
    };
    // The untrained network writes something else: spelled as heard.
    expect(judged.words.some((w) => w.why?.includes('spelled-as-heard'))).toBe(true);
    await expectHostedReading(source, knobs, stroke, judged);
  });

  it("never flags a word of the decoding's closed vocabulary as spelled as heard", async () => {
    const { source, stroke, readHere } = oneWordPackage();
    // Listed words outside the package's word list: only they may come out.
    const knobs = {
      ...params,
      vocabulary: [
        { phrase: 'bad', weight: 0 },
        { phrase: 'chef', weight: 0 },
      ],
    };
    const local = readHere(knobs);
    expect(local.words.length).toBeGreaterThan(0);
    for (const w of local.words) expect(['bad', 'chef']).toContain(w.word);
    // Judged against the word list alone, they would be.
    const byList = unsureFlagger(() => ['jjjjj'], null, [])(local.words);
    expect(byList.every((w) => w.why?.includes('spelled-as-heard'))).toBe(true);
    const judged = { ...local, words: local.words.map((w) => ({ ...w, ...unsureFields(w) })) };
    await expectHostedReading(source, knobs, stroke, judged);
  });

  it('reopens a model whose file was replaced', async () => {
    const path = join(dir, 'replaced.vbm');
    const audio = burst();
    const results: RecognitionResult[] = [];
    for (const seed of [11, 12]) {
      const bytes = modelBytes('speech', seed);
      writeFileSync(path, bytes);
      const r = await pool.create<HostedRecognizer>('recognizer', [{ path }]);
      const hosted = await r.transcribe(audio, 16000, { ...params, beamWidth: 1 });
      const expected = transcribeSamples(loadRecognizer(bytes), audio, 16000, {
        ...params,
        beamWidth: 1,
      });
      expect(hosted).toEqual(expected);
      results.push(hosted);
      await r.dispose();
    }
    expect(results[1]).not.toEqual(results[0]); // the second file's weights were used
  });
});
