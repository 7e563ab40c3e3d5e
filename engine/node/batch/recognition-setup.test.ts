import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDecodeParams } from '../../recognize/decode-params';
import { writeTinySpeechModel } from '../test-support/tiny-speech-model';
import { recognitionSetupFor, setupIdentity, type RecognitionSetup } from './recognition-setup';

describe('recognitionSetupFor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-setup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("decodes with the entry's tuned knobs unless the command's flags say otherwise", () => {
    const path = writeTinySpeechModel(join(dir, 'tiny.vbm'));
    const entry = { path, decode: { beamWidth: 24, lmWeight: 0.6, wordBonus: 1.5 } };
    expect(recognitionSetupFor(entry).setup.params).toMatchObject({
      beamWidth: 24,
      alpha: 0.6,
      beta: 1.5,
    });
    const flagged = recognitionSetupFor(entry, { params: { beamWidth: 4, nbest: 2 } });
    expect(flagged.setup.params).toMatchObject({ beamWidth: 4, nbest: 2, alpha: 0.6, beta: 1.5 });
    expect(flagged.kind).toBe('speech');
  });
});

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
