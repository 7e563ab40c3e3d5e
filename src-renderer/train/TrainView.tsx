// Train: choose data, a base model or a fresh architecture and a budget;
// Start training runs in the back end's worker threads while a progress bar
// and live charts follow it; Cancel keeps the last checkpoint, Resume
// continues; at the end the new model is compared with the base and can be
// made active (issue 9).
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Switch,
  type Key,
} from 'react-aria-components';
import type {
  DatasetKind,
  DatasetSummary,
  ErrorRates,
  FreshArchitecture,
  ModelInfo,
  VerbatimEvent,
} from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { useOnShown } from '../components/use-on-shown';
import { TrainingChart } from './TrainingChart';

type Done = Extract<VerbatimEvent, { type: 'training.done' }>;

const FRESH = 'fresh';
const LOSS_SERIES = [{ label: 'training loss', color: '#2b6cb0' }];
const RATE_SERIES = [
  { label: 'validation CER', color: '#c05621' },
  { label: 'validation WER', color: '#2f855a' },
];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function Num(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(v: number): void;
}) {
  return (
    <NumberField
      value={props.value}
      minValue={props.min}
      maxValue={props.max}
      onChange={(v) => Number.isFinite(v) && props.onChange(v)}
    >
      <Label>{props.label}</Label>
      <Input />
    </NumberField>
  );
}

export function TrainView() {
  const api = useApi();
  const [kind, setKind] = useState<DatasetKind>('speech');
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [shipped, setShipped] = useState(false);
  const [base, setBase] = useState<Key>(FRESH);
  const [fresh, setFresh] = useState<FreshArchitecture>({
    cell: 'lstm',
    layers: 2,
    hidden: 64,
    bidirectional: true,
  });
  const [budget, setBudget] = useState<'epochs' | 'minutes'>('epochs');
  const [epochs, setEpochs] = useState(5);
  const [minutes, setMinutes] = useState(5);
  const [validFraction, setValidFraction] = useState(20);
  const [runId, setRunId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [step, setStep] = useState<{
    step: number;
    totalSteps: number;
    epoch: number;
    eta: number;
  } | null>(null);
  const [loss, setLoss] = useState<number[][]>([[], []]);
  const [rates, setRates] = useState<number[][]>([[], [], []]);
  const [done, setDone] = useState<Done | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  useOnShown(root, () => setVersion((n) => n + 1));

  useEffect(() => {
    const fail = (e: unknown) => setError((e as Error).message);
    api.listDatasets().then(setDatasets, fail);
    api.listModels().then(setModels, fail);
  }, [api, version]);

  useEffect(
    () =>
      api.onEvent((e) => {
        if (!('runId' in e) || e.runId !== runId) return;
        if (e.type === 'training.step') {
          setStep({ step: e.step, totalSteps: e.totalSteps, epoch: e.epoch, eta: e.etaSeconds });
          setLoss(([x, y]) => [
            [...x, e.step],
            [...y, e.loss],
          ]);
        }
        if (e.type === 'training.epoch' && e.valid) {
          const v: ErrorRates = e.valid;
          setRates(([x, c, w]) => [
            [...x, e.epoch],
            [...c, v.cer],
            [...w, v.wer],
          ]);
        }
        if (e.type === 'training.done') {
          setRunning(false);
          setDone(e);
          setVersion((n) => n + 1);
        }
      }),
    [api, runId],
  );

  const kindDatasets = datasets.filter((d) => d.kind === kind);
  const roleOk = (m: ModelInfo) => (kind === 'speech' ? m.role === 'speech' : m.role !== 'speech');
  const bases = [
    { id: FRESH, name: 'Fresh architecture' },
    ...models.filter(roleOk).map((m) => ({ id: m.name, name: `Fine-tune ${m.name}` })),
  ];

  const start = async () => {
    setError(null);
    setDone(null);
    setActive(null);
    setStep(null);
    setLoss([[], []]);
    setRates([[], [], []]);
    try {
      const { runId: id } = await api.startTraining({
        kind,
        datasets: chosen.filter((c) => kindDatasets.some((d) => d.name === c)),
        includeShipped: shipped,
        base: base === FRESH ? null : String(base),
        fresh: base === FRESH ? fresh : null,
        epochs: budget === 'epochs' ? epochs : null,
        minutes: budget === 'minutes' ? minutes : null,
        validFraction: validFraction / 100,
      });
      setRunId(id);
      setRunning(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const resume = async () => {
    if (!runId) return;
    setError(null);
    setDone(null);
    try {
      await api.resumeTraining({ runId });
      setRunning(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const makeActive = async () => {
    if (!done?.model) return;
    try {
      const d = await api.setActiveModel({ name: done.model });
      setActive(`${d.info.name} is now the active ${d.info.role} model.`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const progress = step ? Math.round((100 * step.step) / Math.max(1, step.totalSteps)) : 0;
  const progressText = step
    ? `Step ${step.step} of ${step.totalSteps}, epoch ${step.epoch}${running ? `, about ${Math.ceil(step.eta)} s left` : ''}`
    : 'Not started';

  return (
    <div className="view train" ref={root}>
      <section className="panel" aria-labelledby="train-heading">
        <h2 id="train-heading">Train</h2>
        <RadioGroup
          value={kind}
          onChange={(v) => (setKind(v as DatasetKind), setBase(FRESH))}
          orientation="horizontal"
        >
          <Label>Kind</Label>
          <Radio value="speech">Speech</Radio>
          <Radio value="ink">Ink</Radio>
        </RadioGroup>
        <CheckboxGroup value={chosen} onChange={setChosen}>
          <Label>Datasets</Label>
          {kindDatasets.map((d) => (
            <Checkbox key={d.name} value={d.name}>
              {d.name} ({d.samples} samples)
            </Checkbox>
          ))}
          {kindDatasets.length === 0 && (
            <p className="quiet">No {kind} datasets yet: make one in Studio.</p>
          )}
        </CheckboxGroup>
        <Switch isSelected={shipped} onChange={setShipped}>
          Mix in the shipped training data
        </Switch>
        <Select selectedKey={base} onSelectionChange={(k) => k !== null && setBase(k)}>
          <Label>Start from</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox items={bases}>{(b) => <ListBoxItem id={b.id}>{b.name}</ListBoxItem>}</ListBox>
          </Popover>
        </Select>
        {base === FRESH && (
          <div className="toolbar">
            <RadioGroup
              value={fresh.cell}
              onChange={(v) => setFresh({ ...fresh, cell: v as FreshArchitecture['cell'] })}
              orientation="horizontal"
            >
              <Label>Cell</Label>
              <Radio value="lstm">LSTM</Radio>
              <Radio value="gru">GRU</Radio>
              <Radio value="rnn">Simple RNN</Radio>
            </RadioGroup>
            <Num
              label="Layers"
              value={fresh.layers}
              min={1}
              max={4}
              onChange={(layers) => setFresh({ ...fresh, layers })}
            />
            <Num
              label="Hidden size"
              value={fresh.hidden}
              min={8}
              max={512}
              onChange={(hidden) => setFresh({ ...fresh, hidden })}
            />
            <Checkbox
              isSelected={fresh.bidirectional}
              onChange={(bidirectional) => setFresh({ ...fresh, bidirectional })}
            >
              Bidirectional
            </Checkbox>
          </div>
        )}
        <div className="toolbar">
          <RadioGroup
            value={budget}
            onChange={(v) => setBudget(v as 'epochs' | 'minutes')}
            orientation="horizontal"
          >
            <Label>Budget</Label>
            <Radio value="epochs">Epochs</Radio>
            <Radio value="minutes">Time</Radio>
          </RadioGroup>
          {budget === 'epochs' ? (
            <Num label="Epochs" value={epochs} min={1} max={1000} onChange={setEpochs} />
          ) : (
            <Num label="Minutes" value={minutes} min={1} max={1440} onChange={setMinutes} />
          )}
          <Num
            label="Validation speakers/writers (%)"
            value={validFraction}
            min={0}
            max={50}
            onChange={setValidFraction}
          />
        </div>
        <div className="toolbar">
          <Button onPress={() => void start()} isDisabled={running || (!chosen.length && !shipped)}>
            Start training
          </Button>
          <Button onPress={() => runId && void api.cancelTraining({ runId })} isDisabled={!running}>
            Cancel
          </Button>
          <Button onPress={() => void resume()} isDisabled={running || done?.state !== 'cancelled'}>
            Resume
          </Button>
        </div>
        <InlineError message={error} />
      </section>

      <section className="panel" aria-labelledby="progress-heading">
        <h3 id="progress-heading">Progress</h3>
        <ProgressBar
          value={progress}
          aria-label="Training progress"
          valueLabel={progressText}
          className="level-meter"
        >
          {({ valueText }) => (
            <>
              <span className="quiet">{valueText}</span>
              <div className="meter-bar" aria-hidden>
                <div className="meter-fill" style={{ width: `${progress}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
        <TrainingChart title="Training loss" xLabel="step" series={LOSS_SERIES} data={loss} />
        <TrainingChart
          title="Validation error rates"
          xLabel="epoch"
          series={RATE_SERIES}
          data={rates}
        />
      </section>

      {done && (
        <section className="panel" aria-labelledby="result-heading">
          <h3 id="result-heading">Result</h3>
          <p role="status">{done.message}</p>
          {done.trained && (
            <table>
              <caption>Validation split ({done.validation} samples)</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">CER</th>
                  <th scope="col">WER</th>
                </tr>
              </thead>
              <tbody>
                {done.base && (
                  <tr>
                    <td>base</td>
                    <td>{pct(done.base.cer)}</td>
                    <td>{pct(done.base.wer)}</td>
                  </tr>
                )}
                <tr>
                  <td>{done.model}</td>
                  <td>{pct(done.trained.cer)}</td>
                  <td>{pct(done.trained.wer)}</td>
                </tr>
              </tbody>
            </table>
          )}
          {done.model && (
            <Button onPress={() => void makeActive()} isDisabled={!!active}>
              Make active
            </Button>
          )}
          {active && <p role="status">{active}</p>}
        </section>
      )}
    </div>
  );
}
