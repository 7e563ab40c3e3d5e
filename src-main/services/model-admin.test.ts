import { describe, expect, it } from 'vitest';
import { defaultSpeechFrontEnd, saveModel, SPEECH_ALPHABET } from '../../engine/index';
import { findModel, readRecognizerFile } from '../../engine/node/index';
import { tinySpeechNetwork, useTempHome } from '../../engine/node/test-support/index';
import { validateRequest } from '../dispatch';
import { createModelAdminService } from './model-admin';

useTempHome('model-admin-svc-');

describe('model admin service', () => {
  it('imports a model stored with float16 weights like any other, ready to recognize', async () => {
    const network = tinySpeechNetwork(3);
    const info = {
      kind: 'speech' as const,
      alphabet: [...SPEECH_ALPHABET],
      featureConfig: { ...defaultSpeechFrontEnd },
    };
    const bytes = saveModel(network, info, { weights: 'float16' });
    const { handlers } = createModelAdminService();
    const details = await handlers.importModel(
      validateRequest('importModel', { fileName: 'half speech.vbm', bytes }),
    );
    expect(details).toMatchObject({
      kind: 'speech',
      info: { name: 'half-speech', role: 'speech', source: 'user', bytes: bytes.length },
    });
    expect((await handlers.listModelDetails({})).map((d) => d.info.name)).toContain('half-speech');
    const active = await handlers.setActiveModel({ name: 'half-speech' });
    expect(active.activeFor).toEqual(['speech']);
    // what the recognizer reads: float32 weights within float16 rounding of the original
    const loaded = readRecognizerFile(findModel('half-speech').path);
    expect(loaded.header.weights).toBe('float16');
    const original = network.params.data;
    // (half an ulp: relative 2^-11, or 2^-25 among float16's subnormals)
    loaded.network.params.data.forEach((w, i) =>
      expect(Math.abs(w - original[i])).toBeLessThanOrEqual(
        Math.max(Math.abs(original[i]) * 2 ** -11, 2 ** -25),
      ),
    );
  });
});
