import { describe, expect, it, vi } from 'vitest';
import type { ModelInfo, VerbatimApi, VerbatimEvent } from '../../src-common/api';
import {
  budgetProgress,
  formatDuration,
  nameProblem,
  suggestName,
  TrainController,
  verdictOf,
  type TrainingDone,
} from './train-controller';

type Step = Extract<VerbatimEvent, { type: 'training.step' }>;
const step = (patch: Partial<Step>): Step => ({
  type: 'training.step',
  runId: 'r1',
  epoch: 1,
  step: 83,
  totalSteps: 125_000,
  loss: 1.5,
  etaSeconds: 9991,
  elapsedSeconds: 23,
  ...patch,
});
const done = (patch: Partial<TrainingDone>): TrainingDone => ({
  type: 'training.done',
  runId: 'r1',
  state: 'finished',
  message: 'Trained; saved as mine.',
  model: 'mine',
  base: null,
  trained: { cer: 0.1, wer: 0.2 },
  validation: 50,
  ...patch,
});
const model = (name: string): ModelInfo => ({
  id: name,
  name,
  role: 'speech',
  file: `${name}.vbm`,
  bytes: 1,
  modified: '',
  source: 'user',
  description: '',
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [44.6, '45 s'],
    [60, '1 min 00 s'],
    [185, '3 min 05 s'],
    [3720, '1 h 02 min'],
    [-5, '0 s'],
  ])('%s s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
});

describe('budgetProgress', () => {
  it('measures a time budget by the clock, not by the engine’s step cap', () => {
    const p = budgetProgress({ kind: 'minutes', minutes: 1 }, step({}), true);
    expect(p.fraction).toBeCloseTo(23 / 60);
    expect(p.text).toBe('23 s of 1 min 00 s (epoch 1, step 83), about 37 s left');
    expect(p.text).not.toContain('125000');
    const over = budgetProgress(
      { kind: 'minutes', minutes: 1 },
      step({ elapsedSeconds: 61 }),
      true,
    );
    expect(over.fraction).toBe(1);
    expect(over.text).toContain('about 0 s left');
  });

  it('measures an epoch budget by steps, with the engine’s estimate of the time left', () => {
    const p = budgetProgress(
      { kind: 'epochs', epochs: 5 },
      step({ epoch: 2, step: 30, totalSteps: 120, etaSeconds: 90 }),
      true,
    );
    expect(p.fraction).toBe(0.25);
    expect(p.text).toBe('Epoch 2 of 5, step 30 of 120, about 1 min 30 s left');
    expect(budgetProgress({ kind: 'epochs', epochs: 5 }, step({}), false).text).not.toContain(
      'left',
    );
  });
});

describe('verdictOf', () => {
  it('warns instead of reporting rates measured on too few samples', () => {
    const v = verdictOf(done({ validation: 1, trained: { cer: 0, wer: 0 } }))!;
    expect(v.kind).toBe('too-few');
    expect(v.message).toMatch(/^Only 1 validation sample: too few/);
    expect(v.message).not.toContain('%');
  });

  it('says plainly when the new model is worse than its base', () => {
    const v = verdictOf(
      done({ base: { cer: 0.08, wer: 0.196 }, trained: { cer: 0.12, wer: 0.278 } }),
    )!;
    expect(v.kind).toBe('worse');
    expect(v.message).toContain('27.8% of words wrong');
    expect(v.message).toContain('19.6% of words wrong');
  });

  it('tells better, the same (character errors break a word tie) and a fresh model apart', () => {
    expect(verdictOf(done({ base: { cer: 0.2, wer: 0.3 } }))!.kind).toBe('better');
    expect(verdictOf(done({ base: { cer: 0.05, wer: 0.2 } }))!.kind).toBe('worse');
    expect(verdictOf(done({ base: { cer: 0.1, wer: 0.2 } }))!.kind).toBe('same');
    expect(verdictOf(done({}))!.kind).toBe('new');
    expect(verdictOf(done({ trained: null, validation: 0 }))!.kind).toBe('unmeasured');
    expect(verdictOf(done({ model: null }))).toBeNull();
  });
});

describe('model names', () => {
  it('refuses empty, spaced and taken names in plain words', () => {
    expect(nameProblem(' ', [])).toBe('Give the new model a name.');
    expect(nameProblem('my model', [])).toMatch(/no spaces/);
    expect(nameProblem('mine', [model('mine')])).toMatch(/exists already/);
    expect(nameProblem('mine-2', [model('mine')])).toBeNull();
  });

  it('suggests a free name from the base or kind and the time', () => {
    const form = { base: null, kind: 'speech' } as const;
    const now = new Date(2026, 11, 6, 4, 7);
    expect(suggestName(form as never, [], now)).toBe('speech-1206-0407');
    expect(suggestName(form as never, [model('speech-1206-0407')], now)).toBe('speech-1206-0407-2');
  });
});

function fakeApi() {
  let listener: ((e: VerbatimEvent) => void) | null = null;
  const api = {
    listDatasets: vi.fn(async () => [
      { name: 'voice', kind: 'speech', samples: 30, created: '', dir: '' },
    ]),
    listModels: vi.fn(async () => [model('speech-base')]),
    startTraining: vi.fn(async () => ({ runId: 'r1' })),
    setActiveModel: vi.fn(async ({ name }: { name: string }) => ({
      info: { ...model(name) },
    })),
    cancelTraining: vi.fn(async () => ({ cancelled: true })),
    onEvent: (l: (e: VerbatimEvent) => void) => {
      listener = l;
      return () => (listener = null);
    },
  };
  return { api, emit: (e: VerbatimEvent) => listener?.(e) };
}

describe('TrainController', () => {
  it('keeps its suggested name as the clock moves, and suggests anew for another base or kind', async () => {
    const { api } = fakeApi();
    let minute = 4;
    const c = new TrainController(
      api as unknown as VerbatimApi,
      () => new Date(2026, 0, 2, 3, minute),
    );
    await c.refresh();
    expect(c.state.form.name).toBe('speech-0102-0304');
    minute = 5;
    await c.refresh();
    c.updateForm({ epochs: 3 });
    expect(c.state.form.name).toBe('speech-0102-0304');
    c.updateForm({ kind: 'ink' });
    expect(c.state.form.name).toBe('ink-0102-0305');
  });

  it('runs a named time-budget run, charts rates in %, and asks before activating a worse model', async () => {
    const { api, emit } = fakeApi();
    const c = new TrainController(api as unknown as VerbatimApi, () => new Date(2026, 0, 2, 3, 4));
    const detach = c.attach();
    await c.refresh();
    expect(c.state.form.name).toBe('speech-0102-0304');
    c.updateForm({ datasets: ['voice'], base: 'speech-base', budget: 'minutes', minutes: 1 });
    expect(c.state.form.name).toBe('speech-base-0102-0304');
    c.updateForm({ name: 'speech-base' });
    expect(c.state.nameError).toMatch(/exists already/);
    await c.start();
    expect(api.startTraining).not.toHaveBeenCalled();
    c.updateForm({ name: 'mine' });
    expect(c.state.nameError).toBeNull();
    await c.start();
    expect(api.startTraining).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'mine', minutes: 1, epochs: null, base: 'speech-base' }),
    );

    emit(step({ runId: 'other', elapsedSeconds: 50 }));
    expect(c.state.progress!.fraction).toBe(0);
    emit(step({}));
    expect(c.state.progress!.text).toContain('about 37 s left');
    emit({
      type: 'training.epoch',
      runId: 'r1',
      epoch: 1,
      trainLoss: 1,
      validLoss: 1,
      valid: { cer: 0.25, wer: 0.5 },
      validation: 40,
    });
    expect(c.state.rates).toEqual([[1], [25], [50]]);
    expect(c.state.ratesWarning).toBeNull();
    emit({
      type: 'training.epoch',
      runId: 'r1',
      epoch: 2,
      trainLoss: 1,
      validLoss: 1,
      valid: { cer: 0, wer: 0 },
      validation: 1,
    });
    expect(c.state.ratesWarning).toBe(
      'Measured on only 1 validation sample: too few to mean anything.',
    );

    emit(done({ base: { cer: 0.08, wer: 0.196 }, trained: { cer: 0.12, wer: 0.278 } }));
    expect(c.state.running).toBe(false);
    expect(c.state.progress!.fraction).toBe(1);
    expect(c.state.progress!.text).not.toContain('left');
    await c.makeActive();
    expect(c.state.confirmingActivate).toBe(true);
    expect(api.setActiveModel).not.toHaveBeenCalled();
    await c.confirmActivate(false);
    expect(api.setActiveModel).not.toHaveBeenCalled();
    await c.makeActive();
    await c.confirmActivate(true);
    expect(api.setActiveModel).toHaveBeenCalledWith({ name: 'mine' });
    expect(c.state.activated).toBe('mine is now the active speech model.');
    detach();
  });

  it('activates a better model without asking', async () => {
    const { api, emit } = fakeApi();
    const c = new TrainController(api as unknown as VerbatimApi);
    const detach = c.attach();
    await c.refresh();
    c.updateForm({ datasets: ['voice'] });
    await c.start();
    emit(done({ base: { cer: 0.2, wer: 0.3 } }));
    await c.makeActive();
    expect(api.setActiveModel).toHaveBeenCalledTimes(1);
    detach();
  });
});
