import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingModalityOf } from '../../engine/node/index';
import { loadStageData } from '../recipes/data-sources';
import { heldOutWordRecall } from './evaluate-broad';
import type { MixedDataConfig } from './mixed-data-source';
import { containsHeldOutWord, HELD_OUT_VOCABULARY, HELD_OUT_WORDS, realSplit } from './real-data';
import { dataDir } from '../recipes/speech-corpus';

describe('held-out words', () => {
  it('are found as whole words only', () => {
    expect(containsHeldOutWord('march twenty first')).toBe(true);
    expect(containsHeldOutWord('yes')).toBe(true);
    expect(containsHeldOutWord('marching goes')).toBe(false);
    expect(HELD_OUT_VOCABULARY).toHaveLength(30);
    expect(new Set(HELD_OUT_VOCABULARY).size).toBe(30);
  });

  it('count as recognized once per occurrence in the hypothesis', () => {
    expect(
      heldOutWordRecall(
        [
          { reference: 'may fifth may sixth', hypothesis: 'may fifth maybe sixth' },
          { reference: 'yes', hypothesis: 'yes' },
          { reference: 'one two', hypothesis: 'one' },
        ],
        HELD_OUT_WORDS,
      ),
    ).toEqual({ tokens: 3, right: 2, recall: 0.6667 });
  });

  const missing = !existsSync(join(dataDir(), 'an4')) || !existsSync(join(dataDir(), 'fsdd'));
  if (missing)
    console.warn(
      `held-out.test: AN4 or FSDD not found under ${dataDir()} — the split test is skipped`,
    );
  it.skipIf(missing)(
    'never reach training through AN4, and no validation recording is trained on',
    () => {
      const split = realSplit('george');
      expect(split.train.length).toBeGreaterThan(2000);
      expect(split.heldOutWords.length).toBeGreaterThan(100);
      for (const e of split.train) expect(containsHeldOutWord(e.text)).toBe(false);
      const train = new Set(split.train.map((e) => e.audio));
      for (const e of [...split.validAn4, ...split.validFsdd])
        expect(train.has(e.audio)).toBe(false);
    },
  );
});

describe('FSDD speakers held out by the data sources', () => {
  const missing = !existsSync(join(dataDir(), 'an4')) || !existsSync(join(dataDir(), 'fsdd'));
  const ctx = { modality: trainingModalityOf('speech'), cacheDir: tmpdir(), log: () => {} };

  it.skipIf(missing)(
    'a fold trains on the four other speakers and never sees its own',
    async () => {
      const fold = await loadStageData({ source: 'fsdd-fold', heldOut: 'theo' } as never, ctx);
      const train = fold.train as { audio: string }[];
      expect(train).toHaveLength(2000);
      expect(train.some((e) => e.audio.includes('_theo_'))).toBe(false);
      expect(fold.valid).toEqual([]);
      await expect(
        loadStageData({ source: 'fsdd-fold', heldOut: 'bob' } as never, ctx),
      ).rejects.toThrow(
        /no FSDD speaker "bob" \(one of george, jackson, nicolas, theo, yweweler\)/,
      );
    },
  );

  it.skipIf(missing)(
    'a fold with the digit corpus trains on its clips and copies of the four other speakers only',
    async () => {
      const fold = await loadStageData(
        { source: 'fsdd-fold', heldOut: 'theo', fsddCopies: 2 } as never,
        ctx,
      );
      const train = fold.train as { audio: string }[];
      expect(train).toHaveLength(4000);
      expect(new Set(train.map((e) => e.audio)).size).toBe(2000);
      expect(train.some((e) => e.audio.includes('_theo_'))).toBe(false);
      expect(fold.valid).toEqual([]);
      const corpusDir = mkdtempSync(join(tmpdir(), 'digit-corpus-'));
      await expect(
        loadStageData(
          { source: 'fsdd-fold', heldOut: 'theo', digitCorpus: { corpusDir, shards: 1 } } as never,
          ctx,
        ),
      ).rejects.toThrow(
        /lacks 1 of 1 shards \(first: 0\); run scripts\/speech-corpus\/digit-corpus.ts/,
      );
    },
  );

  it.skipIf(missing)(
    'a corpus stage with fsddShare draws that share of its real recordings from FSDD alone',
    async () => {
      const corpusDir = mkdtempSync(join(tmpdir(), 'speech-corpus-'));
      mkdirSync(join(corpusDir, 'train', 'shard-000000'), { recursive: true });
      writeFileSync(join(corpusDir, 'train', 'shard-000000', 'manifest.jsonl'), '');
      const corpus = {
        source: 'speech-corpus',
        corpusDir,
        seed: 1,
        shards: 1,
        realProbability: 0.3,
        fsddHeldOut: 'george',
      };
      const configOf = async (options: object) => {
        const data = await loadStageData(options as never, ctx);
        const sources = data.sources!({
          alphabet: ['', 'a'],
          featureConfig: {},
          augment: { wave: null, specAugment: null },
        });
        return (sources.train as { config: MixedDataConfig }).config;
      };
      // Without the option the config is as it was (the key absent, not undefined).
      expect('realAnyLength' in (await configOf(corpus))).toBe(false);
      const config = await configOf({ ...corpus, fsddShare: 0.4 });
      const real = config.real!.config.examples;
      const any = config.realAnyLength!;
      expect(any.probability).toBe(0.4);
      expect(any.items).toHaveLength(2000);
      expect(any.items.every((i) => real[i].audio.includes('/fsdd/'))).toBe(true);
      expect(any.items.some((i) => real[i].audio.includes('_george_'))).toBe(false);
      await expect(loadStageData({ ...corpus, fsddShare: 1.5 } as never, ctx)).rejects.toThrow(
        /fsddShare/,
      );
      const { fsddHeldOut: _, ...noFsdd } = corpus;
      await expect(
        loadStageData({ ...noFsdd, fsdd: false, fsddShare: 0.4 } as never, ctx),
      ).rejects.toThrow(/fsddShare draws FSDD recordings, so fsdd must not be false/);
    },
  );

  it.skipIf(missing)('a corpus stage with validation false has no validation', async () => {
    const corpusDir = mkdtempSync(join(tmpdir(), 'speech-corpus-'));
    mkdirSync(join(corpusDir, 'train', 'shard-000000'), { recursive: true });
    writeFileSync(join(corpusDir, 'train', 'shard-000000', 'manifest.jsonl'), '');
    const corpus = { source: 'speech-corpus', corpusDir, seed: 1, shards: 1, realProbability: 0.2 };
    const sourcesOf = async (options: object) => {
      const data = await loadStageData({ ...corpus, fsdd: false, ...options } as never, ctx);
      const sources = data.sources!({
        alphabet: ['', 'a'],
        featureConfig: {},
        augment: { wave: null, specAugment: null },
      });
      return { valid: data.valid, sourcesValid: sources.valid };
    };
    const validated = await sourcesOf({});
    expect(validated.valid.length).toBeGreaterThan(100);
    expect(validated.sourcesValid).toBeDefined();
    expect(await sourcesOf({ validation: false })).toEqual({ valid: [], sourcesValid: undefined });
  });

  it('a corpus stage names the held-out speaker exactly when it trains on FSDD', async () => {
    const corpus = { source: 'speech-corpus', seed: 1, shards: 1, realProbability: 0.3 };
    for (const bad of [corpus, { ...corpus, fsdd: false, fsddHeldOut: 'george' }])
      await expect(loadStageData(bad as never, ctx)).rejects.toThrow(
        /fsddHeldOut names the FSDD speaker held out, and only when fsdd is not false/,
      );
  });
});
