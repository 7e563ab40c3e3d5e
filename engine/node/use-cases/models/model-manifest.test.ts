import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempHome } from '../../test-support/temp-home';
import { assetsDir } from '../../assets-dir';
import { parseModelManifest } from './model-manifest';
import { listModels, registerUserModel } from './model-store';

const manifest = (...models: unknown[]) => JSON.stringify({ models });
const parse = (text: string) => parseModelManifest(text, '/home/u/models.json');
const speech = { name: 'broad', role: 'speech', file: 'broad.vbm', lm: 'english.arpa' };

describe('parseModelManifest', () => {
  it('reads entries with their tuned decoding', () => {
    const decode = { beamWidth: 16, lmWeight: 0.6, wordBonus: 1.5 };
    expect(parse(manifest({ ...speech, decode })).models).toEqual([{ ...speech, decode }]);
    expect(parse(manifest(speech)).models[0].decode).toBeUndefined();
  });

  it('keeps the shipped models.json valid', () => {
    const file = join(assetsDir, 'models.json');
    expect(parseModelManifest(readFileSync(file, 'utf8'), file).models.length).toBeGreaterThan(0);
  });

  it('refuses an unknown decode key, naming the file, the entry and the keys it knows', () => {
    expect(() => parse(manifest({ ...speech, decode: { alpha: 0.6 } }))).toThrow(
      '/home/u/models.json: model "broad": decode: unknown key alpha (known: beamWidth, lmWeight, wordBonus)',
    );
  });

  it('refuses values out of range or of the wrong type, each field named', () => {
    const bad = (decode: unknown) => () => parse(manifest({ ...speech, decode }));
    expect(bad({ lmWeight: -0.5 })).toThrow(/model "broad": decode\.lmWeight: Too small/);
    expect(bad({ lmWeight: 11 })).toThrow(/model "broad": decode\.lmWeight: Too big/);
    expect(bad({ wordBonus: 25 })).toThrow(/decode\.wordBonus: Too big/);
    expect(bad({ wordBonus: '1.5' })).toThrow(/decode\.wordBonus: .*expected number/);
    expect(bad({ beamWidth: 0 })).toThrow(/decode\.beamWidth: Too small/);
    expect(bad({ beamWidth: 2.5 })).toThrow(/decode\.beamWidth: .*expected int/);
    expect(bad([0.6, 1.5])).toThrow(/model "broad": decode: .*expected object/);
  });

  it('refuses a misspelled entry key, a bad role, an entry without a name, and bad JSON', () => {
    expect(() => parse(manifest({ ...speech, lexcion: 'words.txt' }))).toThrow(
      /model "broad": unknown key lexcion \(known: name, role, file, lm, lexicon, /,
    );
    expect(() => parse(manifest({ ...speech, role: 'voice' }))).toThrow(/model "broad": role: /);
    expect(() => parse(manifest(speech, { role: 'speech', file: 'x.vbm' }))).toThrow(
      '/home/u/models.json: model #2: name: Invalid input: expected string, received undefined',
    );
    expect(() => parse('{ "models": [')).toThrow(/^\/home\/u\/models\.json is not valid JSON: /);
    expect(() => parse('{ "model": [] }')).toThrow(/must be \{ "models": \[ \.\.\. \] \}/);
  });
});

describe("the model store's manifests", () => {
  const home = useTempHome('verbatim-manifest-');

  it("lists a user model's tuned decoding, and refuses a bad manifest when listing", () => {
    mkdirSync(join(home, 'models'), { recursive: true });
    writeFileSync(join(home, 'models', 'broad.vbm'), 'not read by listing');
    const file = join(home, 'models', 'models.json');
    writeFileSync(file, manifest({ ...speech, decode: { lmWeight: 0.6, wordBonus: 1.5 } }));
    const entry = listModels().find((m) => m.name === 'broad');
    expect(entry).toMatchObject({
      path: join(home, 'models', 'broad.vbm'),
      lm: join(home, 'models', 'english.arpa'),
      decode: { lmWeight: 0.6, wordBonus: 1.5 },
      shipped: false,
    });
    writeFileSync(file, manifest({ ...speech, decode: { lmWeight: 0.6, beam: 8 } }));
    expect(() => listModels()).toThrow(`${file}: model "broad": decode: unknown key beam`);
  });

  it('registers a model with its decoding, and never writes an entry it would refuse', () => {
    const file = join(home, 'models', 'models.json');
    writeFileSync(file, manifest());
    const path = join(home, 'models', 'broad.vbm');
    registerUserModel({ name: 'broad', role: 'speech', path, decode: { wordBonus: 1.5 } });
    expect(JSON.parse(readFileSync(file, 'utf8')).models).toEqual([
      // A file inside the store is named relative to it (the store can move).
      { name: 'broad', role: 'speech', file: 'broad.vbm', decode: { wordBonus: 1.5 } },
    ]);
    expect(() =>
      registerUserModel({ name: 'loud', role: 'speech', path, decode: { wordBonus: 99 } }),
    ).toThrow(/model "loud": decode\.wordBonus: Too big/);
    expect(listModels().map((m) => m.name)).not.toContain('loud');
  });
});
