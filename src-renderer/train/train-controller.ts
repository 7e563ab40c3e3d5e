// The Train tab's state, outside React: the form, the run's progress measured
// against the budget the user chose (time or epochs), the charts' series (in
// %), and the verdict at the end (too few validation samples to judge; better
// or worse than the base). The view renders `state` and calls the actions.
import {
  requestSchemas,
  type DatasetKind,
  type DatasetSummary,
  type ErrorRates,
  type FreshArchitecture,
  type ModelInfo,
  type VerbatimApi,
  type VerbatimEvent,
} from '../../src-common/api';
import { Observable } from '../components/observable';

export type TrainingDone = Extract<VerbatimEvent, { type: 'training.done' }>;
type StepEvent = Extract<VerbatimEvent, { type: 'training.step' }>;

/** Fewer validation samples than this measure nothing (one sample is 0% or 100%). */
export const MIN_VALIDATION = 20;

export type Budget = { kind: 'epochs'; epochs: number } | { kind: 'minutes'; minutes: number };

export interface TrainForm {
  kind: DatasetKind;
  datasets: string[];
  includeShipped: boolean;
  /** A model to fine-tune, or null for a fresh architecture. */
  base: string | null;
  fresh: FreshArchitecture;
  budget: Budget['kind'];
  epochs: number;
  minutes: number;
  /** Share of speakers/writers held out for validation, in %. */
  validPercent: number;
  /** The new model's name. */
  name: string;
}

export interface RunProgress {
  /** 0..1 of the chosen budget. */
  fraction: number;
  text: string;
}

export type Verdict =
  | { kind: 'unmeasured' | 'too-few' | 'new' | 'better' | 'same'; message: string }
  | { kind: 'worse'; message: string };

export interface TrainState {
  form: TrainForm;
  /** Why the name cannot be used, or null. */
  nameError: string | null;
  datasets: DatasetSummary[];
  models: ModelInfo[];
  runId: string | null;
  running: boolean;
  progress: RunProgress | null;
  /** [steps, training loss] */
  loss: number[][];
  /** [epochs, validation CER %, validation WER %] */
  rates: number[][];
  /** Why the rates chart means little (too few validation samples), or null. */
  ratesWarning: string | null;
  done: TrainingDone | null;
  verdict: Verdict | null;
  /** "Make active" was pressed for a model worse than its base: waiting for a yes or no. */
  confirmingActivate: boolean;
  activated: string | null;
  error: string | null;
}

/** "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
}

/** Progress of a run against its budget: a time budget counts time, an epoch budget steps. */
export function budgetProgress(budget: Budget, e: StepEvent, running: boolean): RunProgress {
  if (budget.kind === 'minutes') {
    const total = budget.minutes * 60;
    const left = running ? `, about ${formatDuration(total - e.elapsedSeconds)} left` : '';
    return {
      fraction: Math.min(1, e.elapsedSeconds / total),
      text: `${formatDuration(e.elapsedSeconds)} of ${formatDuration(total)} (epoch ${e.epoch}, step ${e.step})${left}`,
    };
  }
  const left = running ? `, about ${formatDuration(e.etaSeconds)} left` : '';
  return {
    fraction: Math.min(1, e.step / Math.max(1, e.totalSteps)),
    text: `Epoch ${Math.min(e.epoch, budget.epochs)} of ${budget.epochs}, step ${e.step} of ${e.totalSteps}${left}`,
  };
}

export const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const rates = (r: ErrorRates) => `${percent(r.wer)} of words wrong (CER ${percent(r.cer)})`;

/** What the validation split says about the new model, in words. */
export function verdictOf(done: TrainingDone): Verdict | null {
  if (!done.model) return null;
  const n = done.validation;
  if (!done.trained || n === 0)
    return { kind: 'unmeasured', message: 'No validation split: the new model was not measured.' };
  if (n < MIN_VALIDATION)
    return {
      kind: 'too-few',
      message: `Only ${n} validation sample${n === 1 ? '' : 's'}: too few to measure the model (at least ${MIN_VALIDATION} are needed). Add data or hold out a larger share to judge it.`,
    };
  const on = `on ${n} validation samples`;
  if (!done.base) return { kind: 'new', message: `The new model, ${on}: ${rates(done.trained)}.` };
  const { base, trained } = done;
  // Word errors decide; character errors break a tie.
  const delta =
    Math.abs(trained.wer - base.wer) >= 5e-4 ? trained.wer - base.wer : trained.cer - base.cer;
  if (Math.abs(delta) < 5e-4)
    return { kind: 'same', message: `As good as its base ${on}: ${rates(trained)}.` };
  if (delta > 0)
    return {
      kind: 'worse',
      message: `Worse than its base ${on}: ${rates(trained)}, against ${rates(base)} for the base. Keep the base active unless you know why.`,
    };
  return {
    kind: 'better',
    message: `Better than its base ${on}: ${rates(trained)}, against ${rates(base)} for the base.`,
  };
}

/** Why `name` cannot name a new model, or null (the API's own rule, then the names taken). */
export function nameProblem(name: string, models: readonly ModelInfo[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the new model a name.';
  const parsed = requestSchemas.startTraining.shape.name.safeParse(trimmed);
  if (!parsed.success) return parsed.error.issues[0]!.message;
  if (models.some((m) => m.name === trimmed))
    return `A model named ${trimmed} exists already; choose another name.`;
  return null;
}

/** A free name for the new model: its base (or kind) and the date and time, e.g. speech-1206-0412. */
export function suggestName(form: TrainForm, models: readonly ModelInfo[], now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stem = `${form.base ?? form.kind}-${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  let name = stem;
  for (let i = 2; models.some((m) => m.name === name); i++) name = `${stem}-${i}`;
  return name;
}

const initialForm: TrainForm = {
  kind: 'speech',
  datasets: [],
  includeShipped: false,
  base: null,
  fresh: { cell: 'lstm', layers: 2, hidden: 64, bidirectional: true },
  budget: 'epochs',
  epochs: 5,
  minutes: 5,
  validPercent: 20,
  name: '',
};

const initialState: TrainState = {
  form: initialForm,
  nameError: null,
  datasets: [],
  models: [],
  runId: null,
  running: false,
  progress: null,
  loss: [[], []],
  rates: [[], [], []],
  ratesWarning: null,
  done: null,
  verdict: null,
  confirmingActivate: false,
  activated: null,
  error: null,
};

export class TrainController extends Observable<TrainState> {
  /** The budget of the run being followed. */
  private budget: Budget | null = null;
  private lastStep: StepEvent | null = null;
  /** The user typed a name: suggestions no longer replace it. */
  private nameEdited = false;
  /** The base or kind the suggested name was made for. */
  private suggestedFor: string | null = null;

  constructor(
    private readonly api: VerbatimApi,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(initialState);
  }

  /** Follows the back end's training events; returns the function that stops it. */
  attach(): () => void {
    return this.api.onEvent((e) => this.onEvent(e));
  }

  /** Reloads datasets and models (other tabs may have changed them). */
  async refresh(): Promise<void> {
    try {
      const [datasets, models] = await Promise.all([
        this.api.listDatasets(),
        this.api.listModels(),
      ]);
      this.update({ datasets, models });
      this.updateForm({});
    } catch (e) {
      this.update({ error: (e as Error).message });
    }
  }

  updateForm(patch: Partial<TrainForm>): void {
    if (patch.name !== undefined) this.nameEdited = true;
    if (patch.kind !== undefined && patch.kind !== this.state.form.kind) patch.base ??= null;
    let form = { ...this.state.form, ...patch };
    // A suggestion changes only when what it is made of does (the base or kind, or the name
    // being taken), not as the clock moves: a re-render must not change the field under the user.
    const stem = form.base ?? form.kind;
    const taken = this.state.models.some((m) => m.name === form.name);
    if (!this.nameEdited && (stem !== this.suggestedFor || taken || !form.name)) {
      form = { ...form, name: suggestName(form, this.state.models, this.now()) };
      this.suggestedFor = stem;
    }
    const nameError =
      patch.name !== undefined || this.state.nameError
        ? nameProblem(form.name, this.state.models)
        : null;
    this.update({ form, nameError });
  }

  /** Datasets of the chosen kind. */
  kindDatasets(): DatasetSummary[] {
    return this.state.datasets.filter((d) => d.kind === this.state.form.kind);
  }

  async start(): Promise<void> {
    const { form, models } = this.state;
    const nameError = nameProblem(form.name, models);
    if (nameError) return this.update({ nameError });
    const budget: Budget =
      form.budget === 'epochs'
        ? { kind: 'epochs', epochs: form.epochs }
        : { kind: 'minutes', minutes: form.minutes };
    this.update({
      nameError: null,
      error: null,
      done: null,
      verdict: null,
      activated: null,
      confirmingActivate: false,
      progress: { fraction: 0, text: 'Preparing the data…' },
      loss: [[], []],
      rates: [[], [], []],
      ratesWarning: null,
    });
    try {
      const { runId } = await this.api.startTraining({
        kind: form.kind,
        datasets: form.datasets.filter((d) => this.kindDatasets().some((k) => k.name === d)),
        includeShipped: form.includeShipped,
        base: form.base,
        fresh: form.base === null ? form.fresh : null,
        epochs: budget.kind === 'epochs' ? budget.epochs : null,
        minutes: budget.kind === 'minutes' ? budget.minutes : null,
        validFraction: form.validPercent / 100,
        name: form.name.trim(),
      });
      this.budget = budget;
      this.lastStep = null;
      this.update({ runId, running: true });
    } catch (e) {
      this.update({ error: (e as Error).message, progress: null });
    }
  }

  async cancel(): Promise<void> {
    if (this.state.runId) await this.api.cancelTraining({ runId: this.state.runId });
  }

  async resume(): Promise<void> {
    const { runId } = this.state;
    if (!runId) return;
    this.update({ error: null, done: null, verdict: null });
    try {
      await this.api.resumeTraining({ runId });
      this.update({ running: true });
    } catch (e) {
      this.update({ error: (e as Error).message });
    }
  }

  /** Makes the new model active; one worse than its base asks first. */
  async makeActive(): Promise<void> {
    if (this.state.verdict?.kind === 'worse') return this.update({ confirmingActivate: true });
    await this.activate();
  }

  /** The answer to "make a worse model active?". */
  async confirmActivate(yes: boolean): Promise<void> {
    this.update({ confirmingActivate: false });
    if (yes) await this.activate();
  }

  private async activate() {
    const model = this.state.done?.model;
    if (!model) return;
    try {
      const d = await this.api.setActiveModel({ name: model });
      this.update({ activated: `${d.info.name} is now the active ${d.info.role} model.` });
    } catch (e) {
      this.update({ error: (e as Error).message });
    }
  }

  private onEvent(e: VerbatimEvent) {
    if (!('runId' in e) || e.runId !== this.state.runId || !this.budget) return;
    if (e.type === 'training.step') {
      this.lastStep = e;
      const [x, y] = this.state.loss;
      this.update({
        progress: budgetProgress(this.budget, e, this.state.running),
        loss: [
          [...x!, e.step],
          [...y!, e.loss],
        ],
      });
    }
    if (e.type === 'training.epoch' && e.valid) {
      const [x, c, w] = this.state.rates;
      this.update({
        ratesWarning:
          e.validation < MIN_VALIDATION
            ? `Measured on only ${e.validation} validation sample${e.validation === 1 ? '' : 's'}: too few to mean anything.`
            : null,
        rates: [
          [...x!, e.epoch],
          [...c!, 100 * e.valid.cer],
          [...w!, 100 * e.valid.wer],
        ],
      });
    }
    if (e.type === 'training.done') {
      const last = this.lastStep && budgetProgress(this.budget, this.lastStep, false);
      const ended = { finished: 'Finished', cancelled: 'Cancelled', failed: 'Failed' }[e.state];
      const progress = {
        fraction: e.state === 'finished' ? 1 : (last?.fraction ?? 0),
        text: last ? `${ended}: ${last.text}` : `${ended}.`,
      };
      this.update({ running: false, done: e, verdict: verdictOf(e), progress });
      void this.refresh();
    }
  }
}
