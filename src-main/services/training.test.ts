import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerbatimEvent } from '../../src-common/api';
import { validateRequest } from '../dispatch';
import {
  createDataset,
  listModels,
  openDataset,
  registerUserModel,
  verbatimHome,
} from '../../engine/node/index';
import { useTempHome, writeTinySpeechModel } from '../../engine/node/test-support/index';
import { createEventBus } from './event-bus';
import { createTrainingService } from './training';

useTempHome('training-svc-');

const tone = (n: number, f: number) =>
  Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / 16000));

function setup() {
  const events = createEventBus();
  const seen: VerbatimEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const done = () =>
    new Promise<Extract<VerbatimEvent, { type: 'training.done' }>>((resolve) => {
      const off = events.subscribe((e) => {
        if (e.type === 'training.done') {
          off();
          resolve(e);
        }
      });
    });
  return { seen, done, training: createTrainingService({ events }) };
}

function tinyDataset(name: string) {
  createDataset(name, 'speech');
  const dataset = openDataset(name);
  for (const [f, t] of [
    [300, 'a'],
    [900, 'b'],
    [300, 'a'],
    [900, 'b'],
  ] as const)
    dataset.addAudio(tone(6400, f), t, f === 300 ? 'x' : 'y');
}

const request = (extra: Record<string, unknown>) =>
  validateRequest('startTraining', {
    kind: 'speech',
    datasets: ['tiny'],
    fresh: { cell: 'rnn', layers: 1, hidden: 8, bidirectional: false },
    batchSize: 2,
    validFraction: 0.5,
    ...extra,
  });

describe('training service', () => {
  beforeAll(() => tinyDataset('tiny'));

  it('ends a time-budget run as finished (not cancelled), names the model as asked and refuses the name twice', async () => {
    const { seen, done, training } = setup();
    const finished = done();
    await training.handlers.startTraining(request({ minutes: 0.1, name: 'my-model' }));
    const end = await finished;
    expect(end).toMatchObject({ state: 'finished', model: 'my-model' });
    expect(end.message).toMatch(
      /^The 0.1-minute budget ran out after \d+ steps .*saved as my-model\.$/,
    );
    const steps = seen.filter((e) => e.type === 'training.step');
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(s.elapsedSeconds).toBeGreaterThanOrEqual(0);

    await expect(
      training.handlers.startTraining(request({ epochs: 1, name: 'my-model' })),
    ).rejects.toMatchObject({ code: 'bad-request', message: /A model named my-model exists/ });
    expect(() => request({ epochs: 1, name: 'has spaces' })).toThrow(/no spaces/);
  }, 60_000);

  it('registers a model fine-tuned in the app with what its base decodes with', async () => {
    const en = listModels().find((m) => m.name === 'speech-en')!;
    registerUserModel({
      name: 'app-base',
      role: 'speech',
      path: writeTinySpeechModel(join(verbatimHome(), 'models', 'app-base.vbm')),
      lm: en.lm,
      lexicon: en.lexicon,
      decode: { lmWeight: 0.7 },
      domain: 'Spelled letters.',
    });
    const { done, training } = setup();
    const finished = done();
    await training.handlers.startTraining(
      request({ base: 'app-base', fresh: null, epochs: 1, name: 'app-tuned' }),
    );
    expect(await finished).toMatchObject({ state: 'finished', model: 'app-tuned' });
    expect(listModels().find((m) => m.name === 'app-tuned')).toMatchObject({
      lm: en.lm,
      lexicon: en.lexicon,
      decode: { lmWeight: 0.7 },
      domain: 'app-base fine-tuned on tiny: Spelled letters.',
    });
  }, 60_000);

  it('reports Cancel as a cancellation', async () => {
    const { seen, done, training } = setup();
    const finished = done();
    const { runId } = await training.handlers.startTraining(request({ epochs: 1000 }));
    await new Promise<void>((resolve) => {
      const wait = () =>
        seen.some((e) => e.type === 'training.step') ? resolve() : setTimeout(wait, 20);
      wait();
    });
    await training.handlers.cancelTraining({ runId });
    const end = await finished;
    expect(end.state).toBe('cancelled');
    expect(end.message).toMatch(/^Cancelled after \d+ steps/);
  }, 60_000);
});
