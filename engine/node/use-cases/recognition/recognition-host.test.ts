import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_INK_FEATURE_CONFIG, inkFeatureNames } from '../../../ink/index';
import { saveModel } from '../../../model/vbm';
import { Network } from '../../../nn/network';
import {
  defaultDecodeParams,
  defaultSpeechFrontEnd,
  InkSession,
  loadRecognizer,
  SPEECH_ALPHABET,
  SpeechSession,
  speechInputSize,
  transcribeSamples,
  type RecognitionResult,
} from '../../../recognize/index';
import {
  recognitionHostUrl,
  type HostedInkSession,
  type HostedRecognizer,
  type HostedSpeechSession,
} from './recognition-host';
import { WorkerPool } from '../../runtime/worker-pool';

function modelBytes(kind: 'speech' | 'ink'): Uint8Array {
  const speech = kind === 'speech';
  const network = new Network(
    {
      inputSize: speech
        ? speechInputSize(defaultSpeechFrontEnd)
        : inkFeatureNames(DEFAULT_INK_FEATURE_CONFIG).length,
      layers: [{ cell: 'lstm', hidden: 8, bidirectional: true }],
      head: 'ctc',
      outputSize: speech ? SPEECH_ALPHABET.length : 11,
      dropout: 0,
    },
    { seed: 3 },
  );
  return saveModel(network, {
    kind,
    alphabet: speech ? [...SPEECH_ALPHABET] : ['', ...'0123456789'],
    featureConfig: speech ? { ...defaultSpeechFrontEnd } : { ...DEFAULT_INK_FEATURE_CONFIG },
  });
}

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

describe('recognition host', () => {
  const params = defaultDecodeParams();

  it('runs a live speech session in a worker with the same partial and final results as in-thread', async () => {
    const bytes = modelBytes('speech');
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
    const session = await pool.create<HostedSpeechSession>(
      'speech-session',
      [{ bytes, key: 'speech-test' }, params],
      { onEvent: (kind, r) => remote.push(`${kind}:${(r as RecognitionResult).text}`) },
    );
    for (const c of chunks) await session.pushAudio(c);
    expect(await session.finish()).toEqual(localLast);
    expect(remote).toEqual(local);
    expect(remote.some((e) => e.startsWith('final:'))).toBe(true);
    await session.dispose();
  });

  it('hosts ink sessions and one-shot recognizers', async () => {
    const ink = modelBytes('ink');
    const stroke = Array.from({ length: 30 }, (_, i) => ({ x: i, y: Math.sin(i / 4) * 10 }));
    const local = new InkSession(loadRecognizer(ink), params);
    const session = await pool.create<HostedInkSession>('ink-session', [{ bytes: ink }, params]);
    expect(await session.pushStroke(stroke)).toEqual(local.pushStroke(stroke));
    expect(await session.undoStroke()).toEqual(local.undoStroke());
    await session.dispose();

    const speech = modelBytes('speech');
    const r = await pool.create<HostedRecognizer>('recognizer', [{ bytes: speech }]);
    const audio = burst();
    expect(await r.transcribe(audio, 16000, params)).toEqual(
      transcribeSamples(loadRecognizer(speech), audio, 16000, params),
    );
    await r.dispose();
    await expect(pool.create('recognizer', [{ bytes: new Uint8Array(8) }])).rejects.toThrow(
      /model|magic|truncated/i,
    );
  });
});
