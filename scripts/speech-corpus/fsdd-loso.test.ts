import { describe, expect, it } from 'vitest';
import { readRecipe } from '../recipes/recipe';
import { losoFolds } from './fsdd-loso';

describe('FSDD leave-one-speaker-out', () => {
  const recipe = readRecipe('fsdd-loso');

  it('holds out each of the five FSDD speakers once, every fold from a base no FSDD speaker trained', () => {
    const folds = losoFolds(recipe, '/cache');
    expect(folds.map((f) => f.speaker).sort()).toEqual([
      'george',
      'jackson',
      'nicolas',
      'theo',
      'yweweler',
    ]);
    expect(folds[0]).toMatchObject({
      model: '/cache/fsdd-loso/fold-george/model.vbm',
      base: '/cache/speech-loso-base/base/model.vbm',
    });
    const base = readRecipe('speech-loso-base');
    expect(base.data).toMatchObject({ source: 'speech-corpus', fsdd: false });
    expect(base.stages.map((s) => s.name)).toEqual(['base', 'digits']);
    // The digit stage adds synthetic digits, still no FSDD recording.
    expect(base.stages[1].data).not.toHaveProperty('fsdd');
    const digits = readRecipe('fsdd-loso-digits');
    const digitFolds = losoFolds(digits, '/cache');
    expect(digitFolds.map((f) => f.speaker)).toEqual(folds.map((f) => f.speaker));
    for (const f of digitFolds) expect(f.base).toBe('/cache/speech-loso-base/digits/model.vbm');
  });

  it('refuses a fold that names no held-out speaker or no base', () => {
    const [first] = recipe.stages;
    expect(() => losoFolds({ ...recipe, stages: [{ ...first, data: {} }] }, '/c')).toThrow(
      /fold-george: its data names no held-out speaker/,
    );
    expect(() => losoFolds({ ...recipe, stages: [{ ...first, initFrom: null }] }, '/c')).toThrow(
      /starts from no base/,
    );
  });
});
