// Studio: build your own datasets — create a speech or ink dataset, pick a
// prompt set, record or draw each prompt, correct and verify labels, import
// and export (issues 9, 23). The datasets and samples live in a
// StudioController; this view renders them.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  FileTrigger,
  Form,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  TextField,
  type Key,
} from 'react-aria-components';
import { requestSchemas, type DatasetKind } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { NameField, schemaProblem } from '../components/NameField';
import { useObservable } from '../components/observable';
import { useOnShown } from '../components/use-on-shown';
import { BUILT_IN_PROMPT_SETS, parsePromptFile, type PromptSet } from './prompts';
import { SampleList } from './SampleList';
import { StudioController } from './studio-controller';
import { STUDIO_KINDS } from './studio-kinds';
import { STUDIO_WORDS } from './studio-words';
import { TransferPanel } from './TransferPanel';

function CreateDataset({ controller, first }: { controller: StudioController; first: boolean }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DatasetKind>('speech');
  const [problem, setProblem] = useState<string | null>(null);
  const create = async () => {
    const local = schemaProblem(requestSchemas.createDataset.shape.name, name);
    if (local) return setProblem(local);
    if (await controller.create(name, kind)) setName('');
  };
  return (
    <Form
      className="toolbar create-dataset"
      validationBehavior="aria"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <NameField
        label="New dataset name"
        value={name}
        onChange={(v) => (setName(v), setProblem(null))}
        problem={problem}
        placeholder={first ? 'e.g. My voice' : undefined}
      />
      <RadioGroup value={kind} onChange={(v) => setKind(v as DatasetKind)} orientation="horizontal">
        <Label>Kind</Label>
        <Radio value="speech">Speech</Radio>
        <Radio value="ink">Ink</Radio>
      </RadioGroup>
      <Button type="submit" isDisabled={!name.trim()}>
        Create dataset
      </Button>
    </Form>
  );
}

export function StudioView() {
  const api = useApi();
  const [controller] = useState(() => new StudioController(api));
  const { datasets, selected, status, error } = useObservable(controller);
  const dataset = controller.dataset;
  const [sets, setSets] = useState<PromptSet[]>([...BUILT_IN_PROMPT_SETS]);
  const [setId, setSetId] = useState<Key>('digits');
  const [index, setIndex] = useState(0);
  const [person, setPerson] = useState('');

  const promptSet = sets.find((s) => s.id === setId) ?? sets[0];
  const kind = dataset ? STUDIO_KINDS[dataset.kind] : null;
  const prompts = kind ? kind.prompts(promptSet) : promptSet.prompts;
  const prompt = prompts[index % prompts.length] ?? '';

  const root = useRef<HTMLDivElement>(null);
  const recorderPanel = useRef<HTMLElement>(null);
  useOnShown(root, () => void controller.refresh());
  useEffect(() => void controller.start(), [controller]);
  const refresh = useCallback(() => void controller.refresh(true), [controller]);

  const loadPromptFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    const prompts = parsePromptFile(await file.text());
    if (!prompts.length)
      return controller.fail(new Error(`${file.name} has no prompts (one per line).`));
    const set = { id: `file:${file.name}`, name: file.name, prompts };
    setSets((s) => [...s.filter((x) => x.id !== set.id), set]);
    setSetId(set.id);
    setIndex(0);
  };
  const next = useCallback(() => setIndex((i) => i + 1), []);
  const previous = useCallback(() => setIndex((i) => Math.max(0, i - 1)), []);

  return (
    <div className="view studio" ref={root}>
      <section className="panel" aria-labelledby="studio-heading">
        <h2 id="studio-heading">Studio</h2>
        {status && status.recovered.length > 0 && (
          <p role="status" className="notice">
            Recovered {status.recovered.length} recording
            {status.recovered.length === 1 ? '' : 's'} cut off when Verbatim last stopped:{' '}
            {status.recovered
              .map((r) => `"${r.text || '(no label)'}" in ${r.dataset} (${r.seconds.toFixed(1)} s)`)
              .join(', ')}
            . They are kept unverified.
          </p>
        )}
        {datasets.length === 0 ? (
          <p className="empty-state">
            You have no datasets yet. Name one below, choose Speech to record your voice or Ink to
            draw by hand, and press Create dataset; then record or draw the prompts it shows.
          </p>
        ) : (
          <div className="toolbar">
            <Select
              selectedKey={selected}
              onSelectionChange={(k) => {
                void controller.select(k === null ? null : String(k));
                setIndex(0);
              }}
              placeholder="Choose a dataset"
            >
              <Label>Dataset</Label>
              <Button>
                <SelectValue />
              </Button>
              <Popover>
                <ListBox items={datasets.map((d) => ({ ...d, id: d.name }))}>
                  {(d) => (
                    <ListBoxItem id={d.id} textValue={d.title}>
                      {d.title} ({d.kind}, {d.samples.toLocaleString('en-US')})
                    </ListBoxItem>
                  )}
                </ListBox>
              </Popover>
            </Select>
            {!dataset && (
              <p className="quiet empty-state">
                Choose a dataset to record into and edit, or create a new one below.
              </p>
            )}
          </div>
        )}
        <CreateDataset controller={controller} first={datasets.length === 0} />
        <InlineError message={error} />
      </section>

      {dataset && kind && (
        // Focusable (not in the tab order) so a click anywhere in it keeps the
        // recorder's shortcuts in reach.
        <section
          className="panel recorder-panel"
          aria-labelledby="prompt-heading"
          ref={recorderPanel}
          tabIndex={-1}
        >
          <h3 id="prompt-heading">{STUDIO_WORDS[dataset.kind].capture} prompts</h3>
          <div className="toolbar fields">
            <Select
              selectedKey={setId}
              onSelectionChange={(k) => k !== null && (setSetId(k), setIndex(0))}
            >
              <Label>Prompt set</Label>
              <Button>
                <SelectValue />
              </Button>
              <Popover>
                <ListBox items={sets}>
                  {(s) => <ListBoxItem id={s.id}>{s.name}</ListBoxItem>}
                </ListBox>
              </Popover>
            </Select>
            <FileTrigger
              acceptedFileTypes={['text/plain', '.txt']}
              onSelect={(f) => void loadPromptFile(f)}
            >
              <Button>Load prompts from file…</Button>
            </FileTrigger>
            <TextField value={person} onChange={setPerson}>
              <Label>{STUDIO_WORDS[dataset.kind].person}</Label>
              <Input />
            </TextField>
          </div>
          <PromptLine
            prompt={prompt}
            position={`${(index % prompts.length) + 1} of ${prompts.length}`}
            atFirst={index === 0}
            onNext={next}
            onPrevious={previous}
          />
          <kind.Recorder
            keyTarget={recorderPanel}
            dataset={dataset.name}
            prompt={prompt}
            person={person}
            onNext={next}
            onPrevious={previous}
            onSaved={(s) => void controller.added(s)}
          />
        </section>
      )}

      {dataset && <SampleList controller={controller} dataset={dataset.name} kind={dataset.kind} />}
      {dataset && (
        <TransferPanel
          key={dataset.name}
          dataset={dataset.name}
          kind={dataset.kind}
          onDone={refresh}
        />
      )}
    </div>
  );
}

/** The prompt to record or draw, with its place in the set and Previous/Next. */
export function PromptLine(props: {
  prompt: string;
  position: string;
  atFirst: boolean;
  onNext(): void;
  onPrevious(): void;
}) {
  return (
    <div className="toolbar prompt-line">
      <Button onPress={props.onPrevious} isDisabled={props.atFirst}>
        Previous prompt
      </Button>
      <output className="prompt" aria-label="Prompt" data-testid="prompt">
        {props.prompt}
      </output>
      <span className="quiet">{props.position}</span>
      <Button onPress={props.onNext}>Next prompt</Button>
    </div>
  );
}
