// Train: choose data, a base model or a fresh architecture, a budget and the
// new model's name; Start training runs in the back end's worker threads while
// a progress bar (against the chosen budget) and live charts follow it; Cancel
// keeps the last checkpoint, Resume continues; at the end the new model is
// compared with its base and can be made active (asking first when it is
// worse). The state lives in train-controller.ts.
import { useEffect, useMemo, useRef } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Dialog,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  NumberField,
  Popover,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Switch,
} from 'react-aria-components';
import type { DatasetKind, FreshArchitecture, ModelInfo } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { NameField } from '../components/NameField';
import { useObservable } from '../components/observable';
import { useOnShown } from '../components/use-on-shown';
import { percent, TrainController, type TrainForm, type TrainingDone } from './train-controller';
import { TrainingChart } from './TrainingChart';
import { modalityOf } from '../../engine/index';

const FRESH = 'fresh';
const LOSS_SERIES = [{ label: 'training loss', color: '#2b6cb0' }];
const RATE_SERIES = [
  { label: 'validation CER (%)', color: '#c05621' },
  { label: 'validation WER (%)', color: '#2f855a' },
];

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
  const controller = useMemo(() => new TrainController(api), [api]);
  const state = useObservable(controller);
  useEffect(() => controller.attach(), [controller]);
  const root = useRef<HTMLDivElement>(null);
  useOnShown(root, () => void controller.refresh());

  const { form, running, done, verdict, progress } = state;
  const update = (patch: Partial<TrainForm>) => controller.updateForm(patch);
  const setFresh = (patch: Partial<FreshArchitecture>) =>
    update({ fresh: { ...form.fresh, ...patch } });
  const kindDatasets = controller.kindDatasets();
  const roleOk = (m: ModelInfo) => modalityOf(form.kind).roles.includes(m.role);
  const bases = [
    { id: FRESH, name: 'Fresh architecture' },
    ...state.models.filter(roleOk).map((m) => ({ id: m.name, name: `Fine-tune ${m.name}` })),
  ];
  const percentDone = Math.round(100 * (progress?.fraction ?? 0));

  return (
    <div className="view train" ref={root}>
      <section className="panel" aria-labelledby="train-heading">
        <h2 id="train-heading">Train</h2>
        <RadioGroup
          value={form.kind}
          onChange={(v) => update({ kind: v as DatasetKind, base: null })}
          orientation="horizontal"
        >
          <Label>Kind</Label>
          <Radio value="speech">Speech</Radio>
          <Radio value="ink">Ink</Radio>
        </RadioGroup>
        <CheckboxGroup value={form.datasets} onChange={(datasets) => update({ datasets })}>
          <Label>Datasets</Label>
          {kindDatasets.map((d) => (
            <Checkbox key={d.name} value={d.name}>
              {d.title} ({d.samples} samples)
            </Checkbox>
          ))}
          {kindDatasets.length === 0 && (
            <p className="quiet">
              No {form.kind} datasets yet: record or import one in Studio, or mix in the shipped
              data below.
            </p>
          )}
        </CheckboxGroup>
        <Switch
          isSelected={form.includeShipped}
          onChange={(includeShipped) => update({ includeShipped })}
        >
          Mix in the shipped training data
        </Switch>
        <Select
          selectedKey={form.base ?? FRESH}
          onSelectionChange={(k) => k !== null && update({ base: k === FRESH ? null : String(k) })}
        >
          <Label>Start from</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox items={bases}>{(b) => <ListBoxItem id={b.id}>{b.name}</ListBoxItem>}</ListBox>
          </Popover>
        </Select>
        {form.base === null && (
          <div className="toolbar">
            <RadioGroup
              value={form.fresh.cell}
              onChange={(v) => setFresh({ cell: v as FreshArchitecture['cell'] })}
              orientation="horizontal"
            >
              <Label>Cell</Label>
              <Radio value="lstm">LSTM</Radio>
              <Radio value="gru">GRU</Radio>
              <Radio value="rnn">Simple RNN</Radio>
            </RadioGroup>
            <Num
              label="Layers"
              value={form.fresh.layers}
              min={1}
              max={4}
              onChange={(layers) => setFresh({ layers })}
            />
            <Num
              label="Hidden size"
              value={form.fresh.hidden}
              min={8}
              max={512}
              onChange={(hidden) => setFresh({ hidden })}
            />
            <Checkbox
              isSelected={form.fresh.bidirectional}
              onChange={(bidirectional) => setFresh({ bidirectional })}
            >
              Bidirectional
            </Checkbox>
          </div>
        )}
        <div className="toolbar">
          <RadioGroup
            value={form.budget}
            onChange={(v) => update({ budget: v as TrainForm['budget'] })}
            orientation="horizontal"
          >
            <Label>Budget</Label>
            <Radio value="epochs">Epochs</Radio>
            <Radio value="minutes">Time</Radio>
          </RadioGroup>
          {form.budget === 'epochs' ? (
            <Num
              label="Epochs"
              value={form.epochs}
              min={1}
              max={1000}
              onChange={(epochs) => update({ epochs })}
            />
          ) : (
            <Num
              label="Minutes"
              value={form.minutes}
              min={1}
              max={1440}
              onChange={(minutes) => update({ minutes })}
            />
          )}
          <Num
            label="Validation speakers/writers (%)"
            value={form.validPercent}
            min={0}
            max={50}
            onChange={(validPercent) => update({ validPercent })}
          />
        </div>
        <NameField
          label="New model's name"
          value={form.name}
          onChange={(name) => update({ name })}
          problem={state.nameError}
        />
        <div className="toolbar">
          <Button
            onPress={() => void controller.start()}
            isDisabled={running || (!form.datasets.length && !form.includeShipped)}
          >
            Start training
          </Button>
          <Button onPress={() => void controller.cancel()} isDisabled={!running}>
            Cancel
          </Button>
          <Button
            onPress={() => void controller.resume()}
            isDisabled={running || done?.state !== 'cancelled'}
          >
            Resume
          </Button>
        </div>
        <InlineError message={state.error} />
      </section>

      <section className="panel" aria-labelledby="progress-heading">
        <h3 id="progress-heading">Progress</h3>
        <ProgressBar
          value={percentDone}
          aria-label="Training progress"
          valueLabel={progress?.text ?? 'Not started'}
          className="level-meter training-progress"
        >
          {({ valueText }) => (
            <>
              <span className="quiet" data-testid="training-progress-text">
                {valueText}
              </span>
              <div className="meter-bar" aria-hidden>
                <div className="meter-fill" style={{ width: `${percentDone}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
        <TrainingChart
          title="Training loss"
          xLabel="step"
          yLabel="loss"
          series={LOSS_SERIES}
          data={state.loss}
        />
        <TrainingChart
          title="Validation error rates"
          xLabel="epoch"
          yLabel="%"
          series={RATE_SERIES}
          data={state.rates}
        />
        {state.ratesWarning && (
          <p className="inline-notice" data-testid="rates-warning">
            {state.ratesWarning}
          </p>
        )}
      </section>

      {done && (
        <section className="panel" aria-labelledby="result-heading">
          <h3 id="result-heading">Result</h3>
          <p role="status">{done.message}</p>
          {verdict && (
            <p
              className={
                verdict.kind === 'worse' || verdict.kind === 'too-few' ? 'inline-notice' : 'verdict'
              }
              data-testid="training-verdict"
            >
              {verdict.message}
            </p>
          )}
          {verdict && ['new', 'better', 'worse', 'same'].includes(verdict.kind) && (
            <ResultTable done={done} />
          )}
          {done.model && (
            <Button onPress={() => void controller.makeActive()} isDisabled={!!state.activated}>
              Make active
            </Button>
          )}
          {state.activated && <p role="status">{state.activated}</p>}
        </section>
      )}

      <ModalOverlay
        className="react-aria-ModalOverlay modal-overlay"
        isOpen={state.confirmingActivate}
        onOpenChange={(open) => !open && void controller.confirmActivate(false)}
        isDismissable
      >
        <Modal className="react-aria-Modal modal">
          <Dialog role="alertdialog" className="react-aria-Dialog modal-dialog">
            <Heading slot="title">Make a worse model active?</Heading>
            <p>{verdict?.message}</p>
            <div className="toolbar dialog-actions">
              <Button onPress={() => void controller.confirmActivate(false)} autoFocus>
                Keep the current model
              </Button>
              <Button
                className="react-aria-Button primary"
                onPress={() => void controller.confirmActivate(true)}
              >
                Make it active anyway
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}

function ResultTable({ done }: { done: TrainingDone }) {
  return (
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
            <td>{percent(done.base.cer)}</td>
            <td>{percent(done.base.wer)}</td>
          </tr>
        )}
        {done.trained && (
          <tr>
            <td>{done.model}</td>
            <td>{percent(done.trained.cer)}</td>
            <td>{percent(done.trained.wer)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
