import { describe, expect, it } from 'vitest';
import { defaultDecodeParams } from '../../recognize/decode-params';
import { setupIdentity, type RecognitionSetup } from './recognition-setup';

describe('setupIdentity', () => {
  const setup = (vocabulary: RecognitionSetup['params']['vocabulary']): RecognitionSetup => ({
    model: Uint8Array.of(1, 2, 3),
    params: { ...defaultDecodeParams(), vocabulary },
    resources: { lmArpa: null, lmUnit: 'word', lexicon: null },
  });

  it('tells setups apart by their vocabulary, which survives the JSON a queued job travels in', () => {
    const open = setupIdentity(setup(null));
    const yes = setupIdentity(setup([{ phrase: 'yes', weight: 0 }]));
    const weighted = setupIdentity(setup([{ phrase: 'yes', weight: 1 }]));
    expect(new Set([open, yes, weighted]).size).toBe(3);
    const queued = setup([{ phrase: 'new york', weight: 1.5 }]);
    const params = JSON.parse(JSON.stringify(queued.params));
    expect(setupIdentity({ ...queued, params })).toBe(setupIdentity(queued));
  });
});
