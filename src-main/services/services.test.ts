import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '.';
import { validateRequest } from '../dispatch';
import { activeModel } from '../../engine/node/index';
import { tinyInkModelBytes, useTempHome } from '../../engine/node/test-support/index';

const home = useTempHome('verbatim-services-');

describe('services', () => {
  const services = createServices({ transport: 'browser', version: '1.2.3', engine: null });

  it('list the user’s models from the engine’s model store', async () => {
    const user = async () =>
      (await services.handlers.listModels({})).filter((m) => m.source === 'user');
    expect(await user()).toEqual([]);
    mkdirSync(join(home, 'models'));
    writeFileSync(join(home, 'models', 'mine.vbm'), Buffer.alloc(20));
    writeFileSync(
      join(home, 'models', 'models.json'),
      JSON.stringify({
        models: [
          { name: 'mine', role: 'digits', file: 'mine.vbm', description: 'my digits' },
          { name: 'gone', role: 'speech', file: 'missing.vbm' },
        ],
      }),
    );
    expect(await user()).toEqual([
      {
        id: 'user:mine',
        name: 'mine',
        role: 'digits',
        file: 'mine.vbm',
        bytes: 20,
        modified: expect.any(String),
        source: 'user',
        description: 'my digits',
      },
    ]);
  });

  it('answer recognition with a clear no-model error until the engine is wired', async () => {
    const ink = validateRequest('recognizeInk', {
      mode: 'letters',
      strokes: [{ points: [{ x: 0, y: 0, t: 0 }] }],
    });
    await expect(services.handlers.recognizeInk(ink)).rejects.toMatchObject({
      code: 'no-model',
      message: expect.stringMatching(/No handwriting model for letters/),
    });
    await expect(
      services.handlers.openInk(validateRequest('openInk', { mode: 'words' })),
    ).rejects.toMatchObject({ code: 'no-model' });
    const audio = validateRequest('transcribeAudio', {
      name: 'a.wav',
      samples: new Float32Array(160),
      sampleRate: 16_000,
    });
    await expect(services.handlers.transcribeAudio(audio)).rejects.toMatchObject({
      code: 'no-model',
    });
  });

  it.skipIf(!activeModel('speech'))(
    'say at once when the speech model cannot take a vocabulary, and what to write instead',
    async () => {
      const choose = (phrases: string[]) =>
        services.handlers.chooseSpeechModel(
          validateRequest('chooseSpeechModel', {
            modelId: null,
            vocabulary: phrases.map((phrase) => ({ phrase })),
          }),
        );
      const bad = await choose(['yes', 'café']);
      expect(bad.problem).toBe(
        `Vocabulary: "café" uses "é", not in the model's alphabet (a–z, ' and space): write it as "cafe" (${bad.model!.name}).`,
      );
      expect((await choose(['yes', 'cafe'])).problem).toBeNull();
    },
  );

  it('say at once when a handwriting model cannot take a vocabulary: the entry, the character, what to do', async () => {
    // A words model of the user's that writes a–j only.
    mkdirSync(join(home, 'models'), { recursive: true });
    writeFileSync(
      join(home, 'models', 'a-to-j.vbm'),
      tinyInkModelBytes({ alphabet: ['', ...'abcdefghij'], seed: 1, hidden: 4 }),
    );
    writeFileSync(
      join(home, 'models', 'models.json'),
      JSON.stringify({ models: [{ name: 'a-to-j', role: 'words', file: 'a-to-j.vbm' }] }),
    );
    const check = (modelId: string, phrases: string[]) =>
      services.handlers.checkInkVocabulary(
        validateRequest('checkInkVocabulary', {
          mode: 'words',
          modelId,
          vocabulary: phrases.map((phrase) => ({ phrase })),
        }),
      );
    expect(await check('user:a-to-j', ['bad', 'chef'])).toEqual({ problem: null });
    expect((await check('user:a-to-j', ['bad', 'check'])).problem).toMatch(
      /^Vocabulary: "check" uses "k", not in the model's alphabet .*\(a-to-j\)\.$/,
    );
    await expect(check('user:gone', ['bad'])).rejects.toMatchObject({ code: 'not-found' });
  });

  it('describe the app', async () => {
    expect(await services.handlers.getAppInfo({})).toEqual({
      name: 'Verbatim',
      version: '1.2.3',
      transport: 'browser',
    });
  });
});
