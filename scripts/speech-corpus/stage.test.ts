import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldOutWordRecall } from './evaluate-broad';
import { containsHeldOutWord, HELD_OUT_VOCABULARY, HELD_OUT_WORDS, realSplit } from './real-data';
import { readStage } from './stage';
import { stageArchitecture } from './train-broad';
import { dataDir } from '../recipes/speech-corpus';

const dir = mkdtempSync(join(tmpdir(), 'broad-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stagePath = join(import.meta.dirname, '..', '..', 'assets', 'stages', 'speech-broad-1.json');

describe('broad speech stages', () => {
  it('reads the checked-in first stage as a 3-layer BiLSTM CTC network', () => {
    const stage = readStage(stagePath);
    expect(stage.name).toBe('speech-broad-1');
    const arch = stageArchitecture(stage);
    expect(arch.layers).toHaveLength(stage.architecture.layers);
    expect(arch.head).toBe('ctc');
    expect(arch.layers.every((l) => l.bidirectional && l.cell === 'lstm')).toBe(true);
  });

  it('refuses a stage with a wrong or unknown field, naming it', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...readStage(stagePath), real: { probability: 2, fsddHeldOut: 'george' } }),
    );
    expect(() => readStage(bad)).toThrow(/real\.probability/);
    writeFileSync(bad, JSON.stringify({ ...readStage(stagePath), lr: 1 }));
    expect(() => readStage(bad)).toThrow(/lr/);
    writeFileSync(bad, '{ not json');
    expect(() => readStage(bad)).toThrow(/not readable JSON/);
  });
});

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
      `stage.test: AN4 or FSDD not found under ${dataDir()} — the split test is skipped`,
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
