import { describe, expect, it } from 'vitest';
import type { ModelDetails, ModelRole } from '../../src-common/api';
import {
  cleanRecipe,
  describeResults,
  rawMetrics,
  trainingFacts,
  worseThanBase,
} from './model-results';

const model = (role: ModelRole, metrics: Record<string, unknown>) =>
  ({
    kind: role === 'speech' ? 'speech' : 'ink',
    info: { role } as ModelDetails['info'],
    metrics,
  }) as Pick<ModelDetails, 'metrics' | 'info' | 'kind'>;

describe('model results in plain words', () => {
  it('speaks of held-out speakers and words right (as speech-en records them)', () => {
    const lines = describeResults(
      model('speech', {
        an4HeldOutSpeakers: {
          speakers: 11,
          greedy: { n: 141, wer: 0.1422, accuracy: 0.5177 },
          beamLm: { n: 141, wer: 0.1133, accuracy: 0.6028 },
        },
        fsddHeldOutSpeaker: {
          speaker: 'george',
          greedy: { n: 500, wer: 0.198, accuracy: 0.804 },
          beamLm: { n: 500, wer: 0.156, accuracy: 0.844 },
        },
        fsddHeldOutSpeakerPaused: { beamLm: { n: 500, wer: 0.11, accuracy: 0.89 } },
      }),
    );
    expect(lines).toEqual([
      'On 11 speakers it never heard (141 sentences): 88.7% of words right.',
      'Single spoken digits by a speaker it never heard (500 recordings): 84.4% right.',
      'The same digits with a pause around each, as when dictating: 89% right.',
    ]);
  });

  it('speaks of writers it never saw for the handwriting models', () => {
    expect(
      describeResults(
        model('digits', {
          validation: { n: 1092, greedy: { accuracy: 0.9762 }, beam: { accuracy: 0.97 } },
        }),
      ),
    ).toEqual(['On 1,092 handwritten digits by writers it never saw: 97% right.']);
    expect(
      describeResults(
        model('letters', { upper: { accuracy: 0.9445 }, lower: { accuracy: 0.9332 } }),
      ),
    ).toEqual([
      'Single letters by writers it never saw: 94.5% of capitals and 93.3% of small letters right.',
    ]);
    expect(
      describeResults(
        model('words', {
          words: {
            lexicon: { n: 3080, wer: 0.3357, accuracy: 0.6643 },
            charLm: { n: 3080, accuracy: 0.6341 },
            lexiconWords: 105729,
          },
        }),
      ),
    ).toEqual([
      'Handwritten words by writers it never saw (3,080 words): 66.4% read right with its 105,729-word list.',
      'Without the word list (any spelling allowed): 63.4% right.',
    ]);
  });

  it("gives a words model's text lines and its case errors apart (as ink-words records them)", () => {
    expect(
      describeResults(
        model('words', {
          lines: { n: 1184, wer: 0.2778, cer: 0.069, accuracy: 0.511, caseErrorRate: 0.0069 },
          words: {
            lexicon: { n: 7469, wer: 0.1654, accuracy: 0.847, caseErrorRate: 0.0285 },
            charLm: { n: 7469, accuracy: 0.8381, caseErrorRate: 0.0272 },
            lexiconWords: 109562,
          },
        }),
      ),
    ).toEqual([
      'Handwritten words by writers it never saw (7,469 words): 84.7% read right with its 109,562-word list (another 2.9% right but for capital letters).',
      'Without the word list (any spelling allowed): 83.8% right.',
      'Lines of several words by writers it never saw (1,184 lines): 6.9% of characters wrong, 72.2% of words right, 51.1% of lines read exactly.',
    ]);
    // A case error rate that rounds to 0% is not worth a sentence; lines need CER and WER.
    expect(
      describeResults(
        model('words', {
          lines: { n: 10, accuracy: 0.5 },
          words: { lexicon: { accuracy: 0.9, caseErrorRate: 0.004 } },
        }),
      ),
    ).toEqual(['Handwritten words by writers it never saw: 90% read right with its word list.']);
  });

  it('compares a model trained in the app with the one it started from', () => {
    expect(
      describeResults(
        model('speech', {
          validation: { base: { cer: 0.1, wer: 0.3 }, trained: { cer: 0.05, wer: 0.2 } },
        }),
      ),
    ).toEqual([
      'On the part of your data kept aside for checking: 80% of words right (the model it started from: 70%).',
    ]);
    expect(describeResults(model('digits', { validation: { base: null, trained: null } }))).toEqual(
      ['It was trained without data kept aside for checking, so it has no score.'],
    );
    expect(describeResults(model('digits', {}))).toEqual([
      'No test results were recorded for this model.',
    ]);
  });

  it('tells when a model trained in the app is worse than its base', () => {
    const trained = (wer: number) =>
      ({
        info: { name: 'mine', role: 'speech' },
        metrics: { validation: { base: { cer: 0.1, wer: 0.196 }, trained: { cer: 0.2, wer } } },
      }) as unknown as ModelDetails;
    expect(worseThanBase(trained(0.278))).toEqual({
      trained: 1 - 0.278,
      base: 1 - 0.196,
      message:
        'mine got 72.2% of words right on the data kept aside for checking; the model it started from got 80.4%.',
    });
    expect(worseThanBase(trained(0.15))).toBeNull();
    expect(
      worseThanBase(model('digits', { validation: { n: 5, beam: { accuracy: 1 } } })),
    ).toBeNull();
  });

  it('lists the raw numbers with rates as percentages', () => {
    expect(rawMetrics({ a: { speakers: 11, beam: { wer: 0.1133 } }, note: 'x' })).toEqual([
      ['a › speakers', '11'],
      ['a › beam › wer', '11.3%'],
      ['note', 'x'],
    ]);
  });

  it('cuts temporary and absolute paths from recipes to file names', () => {
    expect(
      cleanRecipe('scripts/train-speech.ts --init-from /tmp/speech-stage8.vbm --epochs 8'),
    ).toBe('scripts/train-speech.ts --init-from speech-stage8.vbm --epochs 8');
    expect(cleanRecipe('x --init-from C:\\Users\\me\\Temp\\a.vbm')).toBe('x --init-from a.vbm');
    expect(cleanRecipe('--init-from assets/models/ink-letters.vbm')).toBe(
      '--init-from assets/models/ink-letters.vbm',
    );
  });

  it('summarises how a model was made', () => {
    expect(
      trainingFacts({
        architecture: '2×BiLSTM 128',
        stages: [{}, {}, {}],
        epochs: 18,
        minutes: 8.2,
        base: 'ink-digits',
        trainItems: 5143,
      }),
    ).toEqual([
      ['Network', '2×BiLSTM 128'],
      ['Started from', 'ink-digits'],
      ['Training stages', '3'],
      ['Last run', '18 epochs, 8.2 minutes'],
      ['Training samples', '5,143'],
    ]);
  });
});
