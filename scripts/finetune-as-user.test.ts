import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainNgramLm } from 'ctc-decode-ts';
import type { DecodeParams, DecodeResources } from '../engine/index';
import { createDataset, registerUserModel, type EvalSummary } from '../engine/node/index';
import { useTempHome, writeTinySpeechModel } from '../engine/node/test-support/index';
import { fineTuneAsUser, scoreAsUser } from './finetune-as-user';

const home = useTempHome('finetune-as-user-');
const chirp = (n: number, f: number) =>
  Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin((2 * Math.PI * f * i) / 16000));

describe('fine-tuning as the user gets it', () => {
  it('scores the fine-tuned model with the decoding its registry entry inherits, and greedy', async () => {
    const models = join(home, 'models');
    const lm = trainNgramLm([['ab'], ['ac'], ['ac']], 2).toArpa();
    writeTinySpeechModel(join(models, 'base.vbm'));
    writeFileSync(join(models, 'base.lm.arpa'), lm);
    writeFileSync(join(models, 'base.lexicon.txt'), 'ab\nac\n');
    registerUserModel({
      name: 'base',
      role: 'speech',
      path: join(models, 'base.vbm'),
      lm: join(models, 'base.lm.arpa'),
      lexicon: join(models, 'base.lexicon.txt'),
      decode: { lmWeight: 2, wordBonus: 0.5 },
    });
    const ds = createDataset('mine', 'speech', join(home, 'datasets'));
    ds.addAudio(chirp(3200, 300), 'ac zed', 'amy');
    ds.addAudio(chirp(3200, 900), 'ab', 'amy');

    const { entry, minutes } = await fineTuneAsUser(
      // one epoch over both utterances, none held out for validation
      {
        kind: 'speech',
        base: 'base',
        data: ['mine'],
        out: join(models, 'tuned.vbm'),
        runDir: join(home, 'runs', 'tuned'),
        epochs: 1,
        validFraction: 0,
        workers: 1,
      },
      'tuned',
    );
    // As read back from the registry: the base's LM and knobs, its words and the taught one.
    expect(entry).toMatchObject({ name: 'tuned', role: 'speech', shipped: false });
    expect(entry.decode).toEqual({ lmWeight: 2, wordBonus: 0.5 });
    expect(readFileSync(entry.lm!, 'utf8')).toBe(lm);
    expect(minutes).toBeGreaterThan(0);

    const calls: { params: DecodeParams; resources: DecodeResources }[] = [];
    const scores = scoreAsUser(entry, (_recognizer, params, resources) => {
      calls.push({ params, resources });
      return { wer: calls.length / 10, cer: calls.length / 20 } as EvalSummary;
    });
    const [decoded, greedy] = calls;
    expect(decoded.params).toMatchObject({ alpha: 2, beta: 0.5, beamWidth: 16 });
    expect(decoded.resources.lmArpa).toBe(lm);
    expect(decoded.resources.lexicon).toEqual(['ab', 'ac', 'zed']);
    expect(greedy.params.beamWidth).toBe(1);
    expect(greedy.resources).toMatchObject({ lmArpa: null, lexicon: null });
    expect(scores).toEqual({ decoded: { wer: 0.1, cer: 0.05 }, greedy: { wer: 0.2, cer: 0.1 } });
  }, 60_000);
});
