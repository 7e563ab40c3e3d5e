import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSpeechFrontEnd, SPEECH_ALPHABET } from '../../engine/index';
import { decodeParamsFor, parseModelManifest, readRecognizerFile } from '../../engine/node/index';
import { tinySpeechNetwork } from '../../engine/node/test-support/index';
import { registerAssetModel } from './assets';
import { checkShippedSize, publishModel } from './publish';
import { readRecipe } from './recipe';
import { dataDir } from './speech-corpus';
import { defaultCorpusDir } from '../speech-corpus/generate';

const root = mkdtempSync(join(tmpdir(), 'publish-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const evalSplit = join(defaultCorpusDir(), 'eval');
const needs = [
  join(dataDir(), 'an4'),
  join(dataDir(), 'fsdd'),
  evalSplit, // made by scripts/speech-corpus/generate.ts
  '/usr/share/dict/american-english',
];
const missing = needs.filter((path) => !existsSync(path));
const hasData = missing.length === 0;
if (!hasData)
  console.warn(`publish.test: ${missing.join(', ')} missing — publishing speech-broad is skipped`);

describe('checkShippedSize', () => {
  it('passes a model within its budget and refuses one over it, naming each file', () => {
    const files = { 'lm/english.3gram.arpa': 3_330_000 };
    expect(checkShippedSize('m', { network: 15_750_000, files }, 20)).toBe(19_080_000);
    expect(() => checkShippedSize('m', { network: 17_000_000, files }, 20)).toThrow(
      /m would ship 20\.33 MB \(network 17\.00 MB, lm\/english\.3gram\.arpa 3\.33 MB\), over its 20 MB/,
    );
  });
});

describe.skipIf(!hasData)('publishing speech-broad (a tiny untrained network)', () => {
  it('builds the English LM with its licence, measures, and registers a broad model after the default', () => {
    const assets = join(root, 'assets');
    // Another speech model is already shipped: it stays the first (the default) of its role.
    registerAssetModel(
      {
        name: 'speech-en',
        role: 'speech',
        file: 'models/speech-en.vbm',
        description: 'the domain model',
      },
      assets,
    );
    // The held-out synthetic split, read where the corpus is; its WAV slices go to the test's folder.
    const corpusDir = join(root, 'corpus');
    mkdirSync(corpusDir);
    symlinkSync(evalSplit, join(corpusDir, 'eval'));
    const recipe = readRecipe('speech-broad');
    const tiny = {
      ...recipe,
      data: { ...recipe.data, corpusDir },
      publish: {
        ...recipe.publish!,
        options: {
          synthetic: 4,
          dictationTest: 4,
          dictationDev: 2,
          lm: { generated: 200, wordNet: false },
        },
      },
    };
    const network = tinySpeechNetwork(5);
    const bytes = publishModel(
      tiny,
      {
        network,
        kind: 'speech',
        alphabet: [...SPEECH_ALPHABET],
        featureConfig: { ...defaultSpeechFrontEnd },
        training: { recipe: 'speech-broad/test' },
      },
      { train: [], valid: [], counts: {} },
      { cacheDir: join(root, 'cache'), log: () => {}, assetsDir: assets },
    );

    const { models } = JSON.parse(readFileSync(join(assets, 'models.json'), 'utf8'));
    expect(models.map((m: { name: string }) => m.name)).toEqual(['speech-en', 'speech-broad']);
    const { metrics, bytes: written } = JSON.parse(
      readFileSync(join(assets, 'metrics', 'speech-broad.json'), 'utf8'),
    );
    // The entry decodes with the LM weight and word bonus open dictation chose on its dev
    // utterances: the grid's lowest WER (the first of equals), not a test figure.
    const dev = metrics.openDictation.beamLm[0].dev;
    type Tried = { alpha: number; beta: number; wer: number };
    const lowest = dev.grid.reduce((a: Tried, b: Tried) => (b.wer < a.wer ? b : a));
    expect(dev).toMatchObject({ alpha: lowest.alpha, beta: lowest.beta });
    expect(models[1]).toEqual({
      name: 'speech-broad',
      role: 'speech',
      file: 'models/speech-broad.vbm',
      lm: 'lm/english.3gram.arpa',
      decode: { lmWeight: lowest.alpha, wordBonus: lowest.beta },
      description: recipe.publish!.description,
      domain: recipe.publish!.domain,
      broad: true,
    });
    // The app resolves the broad model's knobs from that entry (as the store reads it).
    const file = join(assets, 'models.json');
    const [, entry] = parseModelManifest(readFileSync(file, 'utf8'), file).models;
    const broad = { ...entry, path: join(assets, entry.file), lm: join(assets, entry.lm!) };
    expect(decodeParamsFor(broad)).toMatchObject({ alpha: lowest.alpha, beta: lowest.beta });
    expect(readFileSync(join(assets, 'lm', 'english.3gram.arpa'), 'utf8')).toMatch(
      /^\\data\\\nngram 1=\d+\nngram 2=\d+\nngram 3=\d+/,
    );
    expect(readFileSync(join(assets, 'lm', 'english.LICENSE'), 'utf8')).toContain(
      '/usr/share/doc/wamerican/copyright',
    );
    const model = readRecognizerFile(join(assets, 'models', 'speech-broad.vbm'));
    expect(model.network.architecture.layers[0].hidden).toBe(4);
    expect(model.header.weights).toBe('float16'); // the recipe's publish.weights
    expect(written).toBe(bytes);
    expect(model.header.metrics).toEqual(metrics);
    // Every measure of evaluate-broad.ts and open dictation, on the sets they name.
    expect(metrics.heldOutWordsAlone.closedList).toBe(30);
    expect(metrics.heldOutWordsInSentences.tokens).toBeGreaterThan(0);
    expect(metrics.fsddHeldOutSpeaker.speaker).toBe('george');
    expect(metrics.syntheticHeldOutFamily.greedy.n).toBe(4);
    expect(metrics.an4ValidationSpeakers.beamLm.n).toBeGreaterThan(100);
    expect(metrics.openDictation.test).toBe(4);
    expect(metrics.openDictation.beamLm[0].lm).toBe('lm/english.3gram.arpa');
    expect(metrics.openDictation.beamLm[0].dev.n).toBe(2);
    expect(metrics.englishLm).toMatchObject({ order: 3, generated: 200, wordNet: false });
    expect(metrics.englishLm.words).toBeGreaterThan(70_000);
  }, 180_000);
});
