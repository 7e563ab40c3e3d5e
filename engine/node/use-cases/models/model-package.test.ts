import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Network } from '../../../nn/network';
import { defaultDecodeParams } from '../../../recognize/decode-params';
import { writeModelFile } from '../../io/model-files';
import { createModelPackageCache, modelPackageKey, openModelPackage } from './model-package';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alphabet = ['', ...'abc'];
function writeModel(name: string, seed: number): string {
  const network = new Network(
    {
      inputSize: 4,
      layers: [{ cell: 'gru', hidden: 3, bidirectional: false }],
      head: 'ctc',
      outputSize: alphabet.length,
      dropout: 0,
    },
    { seed },
  );
  const path = join(dir, name);
  writeModelFile(path, network, { kind: 'ink', alphabet, featureConfig: {} });
  return path;
}

describe('model package', () => {
  const path = writeModel('words.vbm', 1);
  const lexicon = join(dir, 'words.txt');
  writeFileSync(lexicon, 'ab\nca\n');
  const source = { path, lexicon, charset: 'a-c' };

  it('keeps a decoder per knob set and reads its resources once', () => {
    const pkg = openModelPackage(source);
    expect(pkg.recognizer.labels).toEqual(alphabet);
    expect(pkg.defaults()).toEqual({ ...defaultDecodeParams(), charset: 'a-c' });
    const knobs = { ...pkg.defaults(), lexiconMode: 'constrained' as const };
    const first = pkg.decoder(knobs);
    expect(pkg.decoder({ ...knobs })).toBe(first);
    expect(pkg.decoder({ ...knobs, beamWidth: 3 })).not.toBe(first);
    // The word list was read with the first decoder: a later knob set needs no file.
    rmSync(lexicon);
    const later = pkg.decoder({ ...knobs, nbest: 2 });
    const logProbs = Float32Array.from(
      [
        [0.1, 0.7, 0.1, 0.1],
        [0.1, 0.1, 0.7, 0.1],
      ]
        .flat()
        .map(Math.log),
    );
    expect(later.decode(logProbs, 2)[0].text).toBe('ab');
    expect(() => pkg.decoder(pkg.defaults('open'), 'open')).not.toThrow(); // nothing to read
    writeFileSync(lexicon, 'ab\nca\n');
  });

  it('is keyed by its files: a replaced model or word list gives a new key', () => {
    const before = modelPackageKey(source);
    expect(modelPackageKey({ ...source })).toBe(before);
    writeFileSync(lexicon, 'ab\nca\ncab\n');
    const lexiconChanged = modelPackageKey(source);
    expect(lexiconChanged).not.toBe(before);
    writeModel('words.vbm', 2);
    expect(modelPackageKey(source)).not.toBe(lexiconChanged);
  });

  it('a cache reopens a package whose file changed and keeps the others', () => {
    const packages = createModelPackageCache({ size: 2 });
    const a = packages(source);
    expect(packages(source)).toBe(a);
    writeModel('words.vbm', 3);
    const b = packages(source);
    expect(b).not.toBe(a);
    expect(b.recognizer.network.params.data).not.toEqual(a.recognizer.network.params.data);
    expect(() => packages({ path: 42 } as never)).toThrow(/expected a model as \{ path/);
    expect(() => packages({ path: join(dir, 'none.vbm') })).toThrow(
      /cannot read model file .*none\.vbm/,
    );
  });
});
