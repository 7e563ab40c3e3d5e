import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resample } from '../audio/resample';
import { decodeWav } from '../audio/wav-decode';
import { verbatimDataDir } from '../node/io/datasets/unipen-dataset';
import { assetsDir } from '../node/use-cases/models/model-store';
import {
  SPEECH_ALPHABET,
  SpeechSession,
  defaultDecodeParams,
  encodeText,
  createDecoder,
  createDecoderCache,
  prepareDecodeResources,
  expandCharset,
  InkSession,
  loadRecognizer,
  stackFrames,
  withCaseVariants,
  transcribeSamples,
  type RecognitionResult,
} from './index';
import { tinyInkModelBytes, tinySpeechModelBytes } from '../test-support/tiny-networks';

const speechModel = () => loadRecognizer(tinySpeechModelBytes({ seed: 3, hidden: 8 }));

/** Silence, a 0.6 s harmonic tone burst, silence: one utterance for the VAD. */
function burst(seconds = 2.5): Float32Array {
  const rate = 16000;
  const out = new Float32Array(seconds * rate);
  for (let i = 0; i < out.length; i++) out[i] = 0.0005 * Math.sin(i * 0.37);
  for (let i = Math.round(0.8 * rate); i < Math.round(1.4 * rate); i++) {
    let s = 0;
    for (let h = 1; h <= 8; h++) s += Math.sin((2 * Math.PI * 140 * h * i) / rate) / h;
    out[i] = 0.3 * s;
  }
  return out;
}

const checkShape = (r: RecognitionResult) => {
  expect(typeof r.text).toBe('string');
  for (const w of r.words) {
    expect(w.end).toBeGreaterThanOrEqual(w.start);
    expect(w.confidence).toBeGreaterThanOrEqual(0);
    expect(w.confidence).toBeLessThanOrEqual(1);
  }
  if (r.nbest.length) expect(r.nbest[0].text).toBe(r.text);
};

describe('labels and front end', () => {
  it('encodes text and refuses characters outside the alphabet', () => {
    expect([...encodeText("go it's", SPEECH_ALPHABET)]).toEqual([9, 17, 1, 11, 22, 2, 21]);
    expect(() => encodeText('Go', SPEECH_ALPHABET)).toThrow(/not in the model's alphabet/);
  });

  it('stacks frames, repeating the last one to fill the final group', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // T=5, F=2
    const s = stackFrames(x, 5, 2, 2);
    expect(s.T).toBe(3);
    expect([...s.x]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 10]);
  });

  it('matches lexicon words in their usual case variants', () => {
    expect(withCaseVariants(['the', 'Paris', 'iPhone', 'USA'])).toEqual([
      'the',
      'The',
      'THE',
      'Paris',
      'PARIS',
      'iPhone',
      'USA',
    ]);
    // Frames spelling "FLAMBOQANT" (one letter misread): the lexicon's "flamboyant" in capitals wins.
    const labels = ['', ...'ABFLMNOQTYflamboyntq'];
    const spelled = 'FLAMBOQANT';
    const logProbs = new Float32Array(spelled.length * 2 * labels.length).fill(Math.log(0.01));
    [...spelled].forEach((ch, i) => {
      logProbs[2 * i * labels.length + labels.indexOf(ch)] = Math.log(0.6);
      if (ch === 'Q') logProbs[2 * i * labels.length + labels.indexOf('Y')] = Math.log(0.3);
      logProbs[(2 * i + 1) * labels.length] = Math.log(0.9);
    });
    const params = { ...defaultDecodeParams(), lexiconMode: 'constrained' as const };
    const resources = { lmArpa: null, lmUnit: 'word' as const, lexicon: ['flamboyant'] };
    const [best] = createDecoder(labels, params, resources).decode(logProbs, spelled.length * 2);
    expect(best.text).toBe('FLAMBOYANT');
    // prepared once, the same for every decoder built on it
    const prepared = prepareDecodeResources(labels, resources);
    expect(createDecoder(labels, params, prepared).decode(logProbs, spelled.length * 2)).toEqual(
      createDecoder(labels, params, resources).decode(logProbs, spelled.length * 2),
    );
    expect(() => createDecoder(labels.slice(1), params, prepared)).toThrow(/another model/);
  });

  it('keeps decoders by their knobs, hotwords included', () => {
    const labels = ['', 'a', 'b'];
    const decoderFor = createDecoderCache(labels);
    const knobs = defaultDecodeParams();
    const first = decoderFor(knobs);
    expect(decoderFor({ ...knobs })).toBe(first);
    const hot = { ...knobs, hotwords: [{ phrase: 'ab', boost: 3 }] };
    const hotDecoder = decoderFor(hot);
    expect(hotDecoder).not.toBe(first);
    expect(decoderFor({ ...knobs, hotwords: [{ phrase: 'ba', boost: 3 }] })).not.toBe(hotDecoder);
    expect(decoderFor({ ...knobs, hotwords: [{ phrase: 'ab', boost: 3 }] })).toBe(hotDecoder);
  });

  it('expands charset specs', () => {
    expect(expandCharset('0-9')).toBe('0123456789');
    expect(expandCharset('a-cX')).toBe('abcX');
    expect(() => expandCharset('z-a')).toThrow(/backwards/);
  });
});

describe('speech recognition', () => {
  it('restricts the output to a charset', () => {
    const rec = speechModel();
    const r = transcribeSamples(rec, burst(1), 16000, { ...defaultDecodeParams(), charset: 'ab' });
    expect(r.text).toMatch(/^[ab]*$/);
    for (const n of r.nbest) expect(n.text).toMatch(/^[ab]*$/);
  });

  it('a session emits partials while speech goes on and a final at its end', () => {
    const rec = speechModel();
    const partials: RecognitionResult[] = [];
    // Each final with the audio pushed when it came (seconds).
    const finals: { result: RecognitionResult; pushed: number }[] = [];
    let pushed = 0;
    const session = new SpeechSession(
      rec,
      { ...defaultDecodeParams(), beamWidth: 4 },
      {
        onPartial: (r) => partials.push(r),
        onFinal: (result) => finals.push({ result, pushed }),
      },
      { partialIntervalMs: 200 },
    );
    const audio = burst(); // speech from 0.8 s to 1.4 s
    for (let at = 0; at < audio.length; at += 1600) {
      const chunk = audio.subarray(at, at + 1600);
      pushed = (at + chunk.length) / 16000;
      session.pushAudio(chunk);
    }
    // The seeded random model reads the burst as non-empty text, so finals are emitted.
    expect(partials.length).toBeGreaterThanOrEqual(2);
    partials.forEach(checkShape);
    // One final, from the VAD's endpoint after the burst ended (not from finish()),
    // with its words spanning the burst.
    expect(finals).toHaveLength(1);
    const [{ result: final, pushed: finalAt }] = finals;
    checkShape(final);
    expect(final.text).not.toBe('');
    expect(finalAt).toBeGreaterThan(1.4);
    expect(finalAt).toBeLessThan(audio.length / 16000);
    expect(final.words[0].start).toBeLessThanOrEqual(0.8);
    expect(final.words.at(-1)!.end).toBeGreaterThanOrEqual(1.4);
    expect(session.finish().text).toBe(''); // nothing left in progress
    expect(finals).toHaveLength(1);
    session.dispose();
    expect(() => session.pushAudio(audio)).toThrow(/disposed/);
  });
});

// A known clip at every rate the app meets: FSDD's recordings are 8 kHz; the
// shipped model must read the same word from each rate (resampled to 16 kHz inside).
const fsdd = join(verbatimDataDir(), 'fsdd', 'recordings');
const speechEn = join(assetsDir, 'models', 'speech-en.vbm');
const hasClips = existsSync(fsdd) && existsSync(speechEn);
if (!hasClips)
  console.warn('recognize.test: no FSDD data or speech model — skipping the any-rate test');

describe.skipIf(!hasClips)('speech recognition at any sample rate', () => {
  it.each([
    ['7_george_1.wav', 'seven'],
    ['3_jackson_1.wav', 'three'],
  ])('reads %s as "%s" at 8, 16, 44.1 and 48 kHz', (file, word) => {
    const rec = loadRecognizer(readFileSync(speechEn));
    const clip = decodeWav(readFileSync(join(fsdd, file)));
    expect(clip.sampleRate).toBe(8000);
    for (const rate of [8000, 16000, 44100, 48000]) {
      const samples = rate === 8000 ? clip.samples : resample(clip.samples, 8000, rate);
      const r = transcribeSamples(rec, samples, rate, defaultDecodeParams());
      checkShape(r);
      expect({ rate, text: r.text }).toEqual({ rate, text: word });
    }
  });
});

describe('ink recognition', () => {
  it('a session adds, undoes and clears strokes', () => {
    const rec = loadRecognizer(
      tinyInkModelBytes({ alphabet: ['', ...'0123456789'], seed: 5, hidden: 6 }),
    );
    const s = new InkSession(rec, { ...defaultDecodeParams(), charset: '0-4' });
    const r1 = s.pushStroke([
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 1, y: 20 },
    ]);
    checkShape(r1);
    expect(r1.text).toMatch(/^[0-4]*$/);
    s.pushStroke([
      { x: 5, y: 0 },
      { x: 9, y: 9 },
    ]);
    expect(s.strokeCount).toBe(2);
    expect(s.undoStroke()).toEqual(r1);
    expect(s.clear().text).toBe('');
    expect(s.strokeCount).toBe(0);
    expect(() => s.pushStroke([])).toThrow(RangeError);
  });
});
