import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainNgramLm } from 'ctc-decode-ts';
import { expandCharset } from '../../../recognize/decode-params';
import { SPEECH_ALPHABET } from '../../../recognize/labels';
import { readModelFileHeader } from '../../io/model-files';
import { useTempHome } from '../../test-support/temp-home';
import { writeTinySpeechModel } from '../../test-support/tiny-speech-model';
import { createDataset } from '../datasets/dataset-store';
import { removeModel, renameModel } from '../models/model-admin';
import { modelDomain } from '../models/model-domain';
import { openModelPackage } from '../models/model-package';
import {
  assetsDir,
  listModels,
  readWordList,
  registerUserModel,
  setActiveModel,
  type ModelEntry,
} from '../models/model-store';
import { chooseSpeechModel } from '../models/speech-model-choice';
import { trainOnData } from './dataset-training';
import { fineTunedDecoding, widenCharset } from './fine-tuned-decoding';

const home = useTempHome('fine-tune-');
const models = () => join(home, 'models');
const entry = (name: string): ModelEntry => {
  const found = listModels().find((m) => m.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};
const chirp = (n: number, f: number) =>
  Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin((2 * Math.PI * f * i) / 16000));

/**
 * Log-probabilities (T × labels) of "a" then "b" (0.55) or "c" (0.45): the
 * frames alone read "ab"; an LM that knows "ac" far better makes it "ac".
 */
function abOrAc(): Float32Array {
  const V = SPEECH_ALPHABET.length;
  const at = (ch: string) => SPEECH_ALPHABET.indexOf(ch);
  const frames = [{ a: 0.98 }, { b: 0.55, c: 0.45 }, { '': 0.98 }] as Record<string, number>[];
  const out = new Float32Array(frames.length * V).fill(Math.log(0.02 / (V - 1)));
  frames.forEach((f, t) => {
    for (const [ch, p] of Object.entries(f)) out[t * V + at(ch)] = Math.log(p);
  });
  return out;
}

describe('a model fine-tuned from a base decodes as its base does', () => {
  it('keeps a user base’s LM, lexicon, broad flag, decode settings and domain, as files of its own', async () => {
    mkdirSync(models(), { recursive: true });
    const lm = trainNgramLm([['ab'], ...Array.from({ length: 20 }, () => ['ac'])], 2).toArpa();
    writeFileSync(join(models(), 'base.lm.arpa'), lm);
    writeFileSync(join(models(), 'base.lexicon.txt'), 'ab\nac\n');
    registerUserModel({
      name: 'base',
      role: 'speech',
      path: writeTinySpeechModel(join(models(), 'base.vbm')),
      lm: join(models(), 'base.lm.arpa'),
      lexicon: join(models(), 'base.lexicon.txt'),
      broad: true,
      decode: { lmWeight: 2, wordBonus: 0.5 },
      domain: 'The words ab and ac.',
    });
    const ds = createDataset('mine', 'speech', join(home, 'datasets'));
    ds.addAudio(chirp(3200, 300), 'ac zed', 'amy');
    ds.addAudio(chirp(3200, 900), 'ab', 'amy');
    const result = await trainOnData({
      kind: 'speech',
      data: ['mine'],
      base: 'base',
      epochs: 1,
      batchSize: 2,
      validFraction: 0,
      workers: 1,
      out: join(models(), 'tuned.vbm'),
      runDir: join(home, 'runs', 'tuned'),
    });
    registerUserModel({ ...result.decoding, name: 'tuned', role: 'speech', path: result.out });

    const tuned = entry('tuned');
    const domain = 'base fine-tuned on mine: The words ab and ac.';
    expect(tuned).toMatchObject({
      lm: join(models(), 'tuned.lm.arpa'),
      lexicon: join(models(), 'tuned.lexicon.txt'),
      broad: true,
      decode: { lmWeight: 2, wordBonus: 0.5 },
      domain,
    });
    expect(readFileSync(tuned.lm!, 'utf8')).toBe(lm);
    // The word it was taught joins the base's words (else the open lexicon would penalise it).
    expect(readWordList(tuned.lexicon!)).toEqual(['ab', 'ac', 'zed']);
    expect(readModelFileHeader(tuned.path).training).toMatchObject({ base: 'base', domain });
    // Its own files are named relative to the store, so the store can move.
    const manifest = JSON.parse(readFileSync(join(models(), 'models.json'), 'utf8'));
    expect(manifest.models.find((m: { name: string }) => m.name === 'tuned')).toMatchObject({
      file: 'tuned.vbm',
      lm: 'tuned.lm.arpa',
      lexicon: 'tuned.lexicon.txt',
    });

    // Decoding through the model store uses the LM, with the base's tuned weights.
    const pkg = openModelPackage(tuned);
    const params = pkg.defaults();
    expect(params).toMatchObject({ alpha: 2, beta: 0.5 });
    expect(pkg.decoder(params).decode(abOrAc())[0].text).toBe('ac');
    const bare = openModelPackage({ path: tuned.path });
    expect(bare.decoder(bare.defaults()).decode(abOrAc())[0].text).toBe('ab');

    // Active, it is the broad model chosen for any list; "What can I say?" lists its words.
    setActiveModel('tuned');
    const choice = chooseSpeechModel({ requested: null, vocabulary: [{ phrase: 'zebra' }] });
    expect(choice).toMatchObject({ entry: { name: 'tuned' }, note: null });
    expect(modelDomain(tuned)).toEqual({
      description: domain,
      words: ['ab', 'ac', 'zed'],
      broad: true,
    });

    // Removing the base leaves the fine-tuned model whole; a rename takes its files along.
    removeModel('base');
    expect(existsSync(join(models(), 'base.lm.arpa'))).toBe(false);
    renameModel('tuned', 'mine2');
    const renamed = entry('mine2');
    expect([renamed.path, renamed.lm, renamed.lexicon]).toEqual(
      ['mine2.vbm', 'mine2.lm.arpa', 'mine2.lexicon.txt'].map((f) => join(models(), f)),
    );
    expect(readFileSync(renamed.lm!, 'utf8')).toBe(lm);
    expect(existsSync(join(models(), 'tuned.lexicon.txt'))).toBe(false);
    removeModel('mine2');
    expect(existsSync(renamed.lm!) || existsSync(renamed.lexicon!)).toBe(false);
  }, 60_000);

  it('references a shipped base’s LM and lexicon, wherever the store is, and never deletes them', () => {
    const shipped = entry('speech-en');
    const out = writeTinySpeechModel(join(models(), 'en2.vbm'));
    const run = { labels: ['one two', 'three'], data: ['/data/my-voice.jsonl'], out };
    const decoding = fineTunedDecoding(shipped, run);
    expect(decoding).toMatchObject({ lm: shipped.lm, lexicon: shipped.lexicon });
    expect(decoding.domain).toMatch(/^speech-en fine-tuned on my-voice: The words of CMU's AN4/);
    expect(existsSync(join(models(), 'en2.lexicon.txt'))).toBe(false);
    registerUserModel({ ...decoding, name: 'en2', role: 'speech', path: out });
    const written = JSON.parse(readFileSync(join(models(), 'models.json'), 'utf8')).models.find(
      (m: { name: string }) => m.name === 'en2',
    );
    expect(written).toMatchObject({
      lm: 'assets:lm/speech-en.3gram.arpa',
      lexicon: 'assets:lexicons/speech-en.txt',
    });
    expect(entry('en2')).toMatchObject({ lm: shipped.lm, lexicon: shipped.lexicon });

    // A word the shipped lexicon lacks: a lexicon of its own, the shipped LM still referenced.
    const zebra = fineTunedDecoding(shipped, { ...run, labels: ['one zebra'] });
    expect(zebra.lm).toBe(shipped.lm);
    expect(zebra.lexicon).toBe(join(models(), 'en2.lexicon.txt'));
    expect(readWordList(zebra.lexicon!)).toEqual([...readWordList(shipped.lexicon!), 'zebra']);
    registerUserModel({ ...zebra, name: 'en2', role: 'speech', path: out });
    removeModel('en2');
    expect([shipped.lm, shipped.lexicon].every((f) => existsSync(f!))).toBe(true);
    expect(existsSync(zebra.lexicon!)).toBe(false);
    expect(shipped.lm!.startsWith(assetsDir)).toBe(true);
  });

  it('widens a charset by the characters of the labels it leaves out', () => {
    expect(widenCharset('0-9', ['12', '7'])).toBe('0-9');
    expect(widenCharset('0-9', ['1a', 'b 2'])).toBe('0-9 ab');
    // Appended, 'c' would make "b-c" a range: every character is spelled out, '-' first.
    const odd = widenCharset('ab-', ['c']);
    expect(expandCharset(odd).split('').sort()).toEqual(['-', 'a', 'b', 'c']);
    const digits = entry('ink-digits');
    const tuned = fineTunedDecoding(digits, {
      labels: ['12', '3+4'],
      data: ['sums'],
      out: join(models(), 'sums.vbm'),
    });
    expect(tuned).toEqual({
      charset: '0-9+',
      domain: `ink-digits fine-tuned on sums: ${digits.description}`,
    });
  });
});
