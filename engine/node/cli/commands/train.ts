import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CliIo, Command } from '../command';
import { positiveInt, progressWriter, tensorEncoding } from '../options';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { type CellKind, isModelKind, MODEL_KINDS, modalityOf } from '../../../index';
import {
  isModelRole,
  type ModelRole,
  registerUserModel,
  resolveModel,
  trainOnData,
  type TrainRequest,
  verbatimHome,
} from '../../index';

const USAGE = `usage: verbatim train speech|ink --data DATASET|MANIFEST|DIR [--data ...]
       [--base MODEL | --cell lstm|gru|rnn --layers N --hidden N [--unidirectional]]
       [--epochs N | --minutes M] [--valid FRACTION] [--batch N] [--lr RATE] [--workers N]
       [--out MODEL.vbm] [--name NAME] [--role speech|digits|letters|words]
       [--weights float16|float32] [--json]
   or: verbatim train --resume RUN_ID [--json]
Without --out the model goes to VERBATIM_HOME/models and is registered (see 'verbatim models list').
A model fine-tuned with --base decodes as its base does: it keeps the base's LM, lexicon, character
LM, charset and decoding settings (the words and characters of your labels are added to them).
  --minutes M                train for M minutes, counted once the data is loaded and the workers
                             are ready; the last completed step's weights are kept
  --weights float16|float32  how the model file stores its weights (default: as the base's, so a
                             float16 base such as speech-broad gives a file of half the size; a
                             fresh model: float32); checkpoints stay float32 for an exact --resume`;

const OPTIONS = {
  data: { type: 'string', multiple: true },
  base: { type: 'string' },
  cell: { type: 'string' },
  layers: { type: 'string' },
  hidden: { type: 'string' },
  unidirectional: { type: 'boolean' },
  epochs: { type: 'string' },
  minutes: { type: 'string' },
  valid: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  resume: { type: 'string' },
  weights: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const positive = (v: string | undefined, flag: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number, got '${v}'`, USAGE);
  return n;
};

function requestFromArgs(args: string[]): {
  req: TrainRequest;
  name: string;
  role?: ModelRole;
  json: boolean;
  register: boolean;
} {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const json = Boolean(values.json);
  if (values.resume) {
    const runDir = join(verbatimHome(), 'runs', basename(values.resume));
    const file = join(runDir, 'request.json');
    if (!existsSync(file))
      throw new UsageError(
        `no training run '${values.resume}' in ${join(verbatimHome(), 'runs')}`,
        USAGE,
      );
    const req = { ...(JSON.parse(readFileSync(file, 'utf8')) as TrainRequest), resume: true };
    return {
      req,
      name: basename(req.out, '.vbm'),
      json,
      register: req.out.startsWith(join(verbatimHome(), 'models')),
    };
  }
  const kind = positionals[0];
  if (!isModelKind(kind))
    throw new UsageError(`say what to train: ${MODEL_KINDS.join(' or ')}`, USAGE);
  if (positionals.length > 1)
    throw new UsageError(`unexpected argument '${positionals[1]}'`, USAGE);
  if (!values.data?.length) throw new UsageError('--data is required', USAGE);
  if (values.epochs && values.minutes)
    throw new UsageError('give --epochs or --minutes, not both', USAGE);
  const freshFlags = values.cell || values.layers || values.hidden || values.unidirectional;
  if (values.base && freshFlags)
    throw new UsageError(
      '--base fine-tunes the base architecture; drop --cell/--layers/--hidden',
      USAGE,
    );
  if (values.cell && !['lstm', 'gru', 'rnn'].includes(values.cell))
    throw new UsageError(`--cell must be lstm, gru or rnn, got '${values.cell}'`, USAGE);
  if (values.role !== undefined && !isModelRole(values.role))
    throw new UsageError(`--role must be speech, digits, letters or words`, USAGE);
  const valid = values.valid === undefined ? 0.2 : Number(values.valid);
  if (!(valid >= 0 && valid < 1))
    throw new UsageError(`--valid must be in [0, 1), got '${values.valid}'`, USAGE);
  const id = `${kind}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`;
  const name = values.name ?? (values.out ? basename(values.out, '.vbm') : id);
  const out = values.out ?? join(verbatimHome(), 'models', `${name}.vbm`);
  const req: TrainRequest = {
    kind,
    data: values.data,
    base: values.base ?? null,
    fresh: values.base
      ? undefined
      : {
          cell: (values.cell ?? 'lstm') as CellKind,
          layers: values.layers ? positiveInt(values.layers, '--layers', USAGE) : 2,
          hidden: values.hidden ? positiveInt(values.hidden, '--hidden', USAGE) : 128,
          bidirectional: !values.unidirectional,
        },
    epochs: values.epochs ? positiveInt(values.epochs, '--epochs', USAGE) : undefined,
    minutes: positive(values.minutes, '--minutes'),
    validFraction: valid,
    batchSize: values.batch ? positiveInt(values.batch, '--batch', USAGE) : undefined,
    learningRate: positive(values.lr, '--lr'),
    workers: values.workers ? positiveInt(values.workers, '--workers', USAGE) : undefined,
    out,
    runDir: join(verbatimHome(), 'runs', id),
    ...(values.weights === undefined ? {} : { weights: tensorEncoding(values.weights, USAGE) }),
  };
  return { req, name, role: values.role as ModelRole | undefined, json, register: !values.out };
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train or fine-tune a speech or ink model on datasets, manifests or ink files',
  usage: USAGE,
  async run(args: string[], io: CliIo) {
    const { req, name, role, json, register } = requestFromArgs(args);
    const line = (v: unknown) => json && io.stdout.write(`${JSON.stringify(v)}\n`);
    const bar = progressWriter(io, `train ${req.kind}`);
    let interrupted = false;
    const onSigint = () => {
      interrupted = true;
      io.stderr.write(
        '\nstopping after this step (the checkpoint is kept; resume with --resume)\n',
      );
    };
    process.once('SIGINT', onSigint);
    try {
      const result = await trainOnData(req, {
        onLog: (m) => io.stderr.write(`train: ${m}\n`),
        onStep: (p) => {
          const width = 24;
          const filled = Math.round((width * p.step) / Math.max(1, p.totalSteps));
          bar(
            `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] step ${p.step}/${p.totalSteps} epoch ${p.epoch + 1} loss ${p.loss.toFixed(3)} eta ${Math.round(p.etaSeconds)} s`,
            p.step === p.totalSteps,
          );
          line({
            type: 'step',
            epoch: p.epoch + 1,
            step: p.step,
            totalSteps: p.totalSteps,
            loss: p.loss,
            learningRate: p.learningRate,
            etaSeconds: p.etaSeconds,
          });
        },
        onEpoch: (p) => {
          const v = p.valid ? `, valid CER ${p.valid.cer} WER ${p.valid.wer}` : '';
          if (!json)
            io.stderr.write(`\ntrain: epoch ${p.epoch + 1} loss ${p.trainLoss.toFixed(3)}${v}\n`);
          line({
            type: 'epoch',
            epoch: p.epoch + 1,
            trainLoss: p.trainLoss,
            validLoss: p.validLoss,
            valid: p.valid,
          });
        },
        shouldStop: () => interrupted,
      });
      if (register) {
        const modality = modalityOf(req.kind);
        registerUserModel({
          ...result.decoding,
          name,
          role:
            role ??
            (req.base ? resolveModel(req.base, modality.roles[0]).role : modality.freshRole),
          path: result.out,
          description: `trained by verbatim train on ${req.data.join(', ')}${req.base ? ` from ${req.base}` : ''}`,
        });
      }
      line({
        type: 'done',
        ...result,
        name: register ? name : undefined,
        run: basename(req.runDir),
      });
      if (!json)
        io.stdout.write(
          `${result.out}\t${result.steps} steps, ${result.epochs} epochs, ${result.seconds.toFixed(1)} s` +
            (result.validation.trained
              ? `; validation CER ${result.validation.trained.cer} WER ${result.validation.trained.wer}`
              : '') +
            (result.validation.base
              ? ` (base CER ${result.validation.base.cer} WER ${result.validation.base.wer})`
              : '') +
            `${result.stopped ? '; stopped early, resume with --resume ' + basename(req.runDir) : ''}\n`,
        );
      return 0;
    } catch (err) {
      io.stderr.write(`verbatim train: ${(err as Error).message}\n`);
      line({ type: 'error', error: (err as Error).message });
      return 1;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
