import { describe, expect, it } from 'vitest';
import { Network } from '../nn/network';
import { saveModel } from '../model/vbm';
import {
  SPEECH_ALPHABET,
  SpeechSession,
  defaultDecodeParams,
  defaultSpeechFrontEnd,
  encodeText,
  createDecoder,
  expandCharset,
  InkSession,
  loadRecognizer,
  speechInputSize,
  stackFrames,
  withCaseVariants,
  transcribeSamples,
  type RecognitionResult,
} from './index';
import { DEFAULT_INK_FEATURE_CONFIG, inkFeatureNames } from '../ink/index';

function speechModel() {
  const network = new Network(
    {
      inputSize: speechInputSize(defaultSpeechFrontEnd),
      layers: [{ cell: 'lstm', hidden: 8, bidirectional: true }],
      head: 'ctc',
      outputSize: SPEECH_ALPHABET.length,
      dropout: 0,
    },
    { seed: 3 },
  );
  const bytes = saveModel(network, {
    kind: 'speech',
    alphabet: [...SPEECH_ALPHABET],
    featureConfig: { ...defaultSpeechFrontEnd },
  });
  return loadRecognizer(bytes);
}

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
    const params = {
      ...defaultDecodeParams(),
      lexicon: ['flamboyant'],
      lexiconMode: 'constrained' as const,
    };
    const [best] = createDecoder(labels, params).decode(logProbs, spelled.length * 2);
    expect(best.text).toBe('FLAMBOYANT');
  });

  it('expands charset specs', () => {
    expect(expandCharset('0-9')).toBe('0123456789');
    expect(expandCharset('a-cX')).toBe('abcX');
    expect(() => expandCharset('z-a')).toThrow(/backwards/);
  });
});

describe('speech recognition', () => {
  it('transcribes audio at any rate into a well-formed result', () => {
    const rec = speechModel();
    const r = transcribeSamples(rec, burst(1), 16000, defaultDecodeParams());
    checkShape(r);
    const r8 = transcribeSamples(
      rec,
      burst(1).filter((_, i) => i % 2 === 0),
      8000,
      {
        ...defaultDecodeParams(),
        beamWidth: 1,
      },
    );
    checkShape(r8);
  });

  it('restricts the output to a charset', () => {
    const rec = speechModel();
    const r = transcribeSamples(rec, burst(1), 16000, { ...defaultDecodeParams(), charset: 'ab' });
    expect(r.text).toMatch(/^[ab]*$/);
    for (const n of r.nbest) expect(n.text).toMatch(/^[ab]*$/);
  });

  it('a session emits partials while speech goes on and a final at its end', () => {
    const rec = speechModel();
    const partials: RecognitionResult[] = [];
    const finals: RecognitionResult[] = [];
    let finalsAtEndOfBurst = -1;
    const session = new SpeechSession(
      rec,
      { ...defaultDecodeParams(), beamWidth: 4 },
      { onPartial: (r) => partials.push(r), onFinal: (r) => finals.push(r) },
      { partialIntervalMs: 200 },
    );
    const audio = burst();
    // Random weights may decode to '' (no final is emitted for empty text), so count VAD-driven calls.
    let calls = 0;
    const spy = new SpeechSession(
      rec,
      { ...defaultDecodeParams(), beamWidth: 1 },
      {
        onPartial: () => calls++,
      },
    );
    for (let at = 0; at < audio.length; at += 1600) {
      const chunk = audio.subarray(at, at + 1600);
      session.pushAudio(chunk);
      spy.pushAudio(chunk);
      if (at >= 1.4 * 16000 && finalsAtEndOfBurst < 0) finalsAtEndOfBurst = finals.length;
    }
    session.finish();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    partials.forEach(checkShape);
    finals.forEach(checkShape);
    session.dispose();
    expect(() => session.pushAudio(audio)).toThrow(/disposed/);
  });
});

describe('ink recognition', () => {
  it('a session adds, undoes and clears strokes', () => {
    const network = new Network(
      {
        inputSize: inkFeatureNames(DEFAULT_INK_FEATURE_CONFIG).length,
        layers: [{ cell: 'lstm', hidden: 6, bidirectional: true }],
        head: 'ctc',
        outputSize: 11,
        dropout: 0,
      },
      { seed: 5 },
    );
    const rec = loadRecognizer(
      saveModel(network, {
        kind: 'ink',
        alphabet: ['', ...'0123456789'],
        featureConfig: { ...DEFAULT_INK_FEATURE_CONFIG },
      }),
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
