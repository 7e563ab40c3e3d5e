// Train view: runs `trainOnData` (the same path as `verbatim train`) with the
// engine's worker threads doing the arithmetic, so the main loop stays free;
// progress, per-epoch validation CER/WER and the final comparison with the base
// model flow out as events. Cancel stops after the current step, keeping the
// checkpoint; Resume continues the same run from it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type ApiArgs, type StudioResponses } from '../../src-common/api';
import {
  listModels,
  openDataset,
  registerUserModel,
  trainingModalityOf,
  trainOnData,
  type TrainRequest,
  verbatimDataDir,
  verbatimHome,
} from '../../engine/node/index';
import { modalityOf, type ModelKind } from '../../engine/index';
import type { EventBus } from './event-bus';

export interface TrainingHandlers {
  startTraining(args: ApiArgs<'startTraining'>): Promise<StudioResponses['startTraining']>;
  cancelTraining(args: ApiArgs<'cancelTraining'>): Promise<StudioResponses['cancelTraining']>;
  resumeTraining(args: ApiArgs<'resumeTraining'>): Promise<StudioResponses['resumeTraining']>;
}

/** At most this many shipped utterances / ink files are mixed in (keeps the app's runs short). */
const SHIPPED_LIMIT = 300;

/** The project's own training data (VERBATIM_DATA_DIR) as extra training input of a run. */
function shippedData(kind: ModelKind, runDir: string): string[] {
  try {
    return trainingModalityOf(kind).projectSample(verbatimDataDir(), runDir, SHIPPED_LIMIT);
  } catch (err) {
    throw new ApiError('bad-request', (err as Error).message);
  }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function createTrainingService(options: { events: EventBus }) {
  const { events } = options;
  const running = new Map<string, { stop: boolean }>();

  const launch = (runId: string, req: TrainRequest, name: string, role: string) => {
    const control = { stop: false };
    running.set(runId, control);
    let lastStep = 0;
    // The engine's time budget starts just before the first step (once its
    // workers are ready), which is when the service starts its clock too.
    let firstStep: number | null = null;
    void trainOnData(req, {
      onStep: (p) => {
        firstStep ??= Date.now();
        // at most ~10 events a second, and always the last step
        if (Date.now() - lastStep < 100 && p.step < p.totalSteps) return;
        lastStep = Date.now();
        events.emit({
          type: 'training.step',
          runId,
          epoch: p.epoch + 1,
          step: p.step,
          totalSteps: p.totalSteps,
          loss: Number.isFinite(p.loss) ? p.loss : 0,
          etaSeconds: p.etaSeconds,
          elapsedSeconds: (Date.now() - firstStep) / 1000,
        });
      },
      onEpoch: (p) =>
        events.emit({
          type: 'training.epoch',
          runId,
          epoch: p.epoch + 1,
          trainLoss: p.trainLoss,
          validLoss: p.validLoss,
          valid: p.valid,
          validation: p.validItems,
        }),
      shouldStop: () => control.stop,
    })
      .then((result) => {
        registerUserModel({
          ...result.decoding,
          name,
          role: role as 'speech',
          path: result.out,
          description: `trained in the app on ${req.data.length} data source(s)${req.base ? `, fine-tuned from ${req.base}` : ''}`,
        });
        // The engine reports a run its time budget ended as stopped; only Cancel is a cancellation.
        const cancelled = control.stop;
        const budget = req.minutes
          ? `The ${req.minutes}-minute budget ran out after ${result.steps} steps (${plural(result.epochs, 'whole epoch')})`
          : `Trained ${plural(result.epochs, 'epoch')} (${result.steps} steps) in ${result.seconds.toFixed(0)} s`;
        events.emit({
          type: 'training.done',
          runId,
          state: cancelled ? 'cancelled' : 'finished',
          message: cancelled
            ? `Cancelled after ${result.steps} steps; the model so far is saved as ${name}. Resume continues from the last checkpoint.`
            : `${budget}; saved as ${name}.`,
          model: name,
          base: result.validation.base,
          trained: result.validation.trained,
          validation: result.validation.n,
        });
      })
      .catch((err: unknown) =>
        events.emit({
          type: 'training.done',
          runId,
          state: 'failed',
          message: `Training failed: ${(err as Error).message}`,
          model: null,
          base: null,
          trained: null,
          validation: 0,
        }),
      )
      .finally(() => running.delete(runId));
  };

  const handlers: TrainingHandlers = {
    async startTraining(args) {
      if (running.size)
        throw new ApiError(
          'bad-request',
          'A training run is already going; cancel it or wait for it to finish.',
        );
      if (!args.base && !args.fresh)
        throw new ApiError(
          'bad-request',
          'Choose a base model to fine-tune or a fresh architecture.',
        );
      if (args.epochs && args.minutes)
        throw new ApiError('bad-request', 'Give epochs or a time budget, not both.');
      for (const d of args.datasets) {
        let kind;
        try {
          kind = openDataset(d).kind;
        } catch (err) {
          throw new ApiError('not-found', (err as Error).message);
        }
        if (kind !== args.kind)
          throw new ApiError('bad-request', `Dataset ${d} holds ${kind}, not ${args.kind}.`);
      }
      let baseRole: string | null = null;
      if (args.base) {
        const entry = listModels().find((m) => m.name === args.base);
        if (!entry) throw new ApiError('not-found', `No model named ${args.base}.`);
        baseRole = entry.role;
      }
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
      const name = args.name ?? `${args.base ?? args.kind}-${stamp.slice(4, 13).replace('T', '-')}`;
      const out = join(verbatimHome(), 'models', `${name}.vbm`);
      if (listModels().some((m) => m.name === name) || existsSync(out))
        throw new ApiError(
          'bad-request',
          `A model named ${name} exists already; choose another name for the new model.`,
        );
      const runId = `${args.kind}-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
      const runDir = join(verbatimHome(), 'runs', runId);
      const data = [...args.datasets];
      if (args.includeShipped) data.push(...shippedData(args.kind, runDir));
      if (!data.length)
        throw new ApiError('bad-request', 'Choose at least one dataset (or the shipped data).');
      const req: TrainRequest = {
        kind: args.kind,
        data,
        base: args.base,
        fresh: args.fresh ?? undefined,
        epochs: args.epochs ?? undefined,
        minutes: args.minutes ?? undefined,
        validFraction: args.validFraction,
        batchSize: args.batchSize ?? undefined,
        out,
        runDir,
      };
      launch(runId, req, name, baseRole ?? modalityOf(args.kind).freshRole);
      return { runId };
    },
    async cancelTraining({ runId }) {
      const control = running.get(runId);
      if (control) control.stop = true;
      return { cancelled: Boolean(control) };
    },
    async resumeTraining({ runId }) {
      if (running.size) throw new ApiError('bad-request', 'A training run is already going.');
      const file = join(verbatimHome(), 'runs', runId, 'request.json');
      if (!/^[\w.-]+$/.test(runId) || !existsSync(file))
        throw new ApiError('not-found', `No training run ${runId} to resume.`);
      const req = { ...(JSON.parse(readFileSync(file, 'utf8')) as TrainRequest), resume: true };
      const name = req.out
        .split(/[\\/]/)
        .pop()!
        .replace(/\.vbm$/, '');
      const existing = listModels().find((m) => m.name === name);
      launch(runId, req, name, existing?.role ?? modalityOf(req.kind).freshRole);
      return { runId };
    },
  };
  return { handlers };
}
