import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '.';
import { validateRequest } from '../dispatch';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('services', () => {
  const home = join(dir, 'home');
  const assets = join(dir, 'assets');
  const services = createServices({
    transport: 'browser',
    version: '1.2.3',
    home,
    assetsDir: assets,
    engine: null,
  });

  it('list shipped and user model files, and nothing when the folders do not exist', async () => {
    expect(await services.handlers.listModels({})).toEqual([]);
    mkdirSync(join(assets, 'models'), { recursive: true });
    mkdirSync(join(home, 'models'), { recursive: true });
    writeFileSync(join(assets, 'models', 'digits.vbm'), Buffer.alloc(10));
    writeFileSync(join(home, 'models', 'mine.vbm'), Buffer.alloc(20));
    writeFileSync(join(home, 'models', 'notes.txt'), 'not a model');
    const models = await services.handlers.listModels({});
    expect(models.map((m) => [m.id, m.name, m.bytes, m.source])).toEqual([
      ['shipped:digits.vbm', 'digits', 10, 'shipped'],
      ['user:mine.vbm', 'mine', 20, 'user'],
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
    const audio = validateRequest('transcribeAudio', {
      name: 'a.wav',
      samples: new Float32Array(160),
      sampleRate: 16_000,
    });
    await expect(services.handlers.transcribeAudio(audio)).rejects.toMatchObject({
      code: 'no-model',
    });
  });

  it('describe the app', async () => {
    expect(await services.handlers.getAppInfo({})).toEqual({
      name: 'Verbatim',
      version: '1.2.3',
      transport: 'browser',
    });
  });
});
