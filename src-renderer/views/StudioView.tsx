// Studio: build your own datasets — create a speech or ink dataset, pick a
// prompt set, record or draw each prompt, correct and verify labels, import
// and export (issue 9).
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  FileTrigger,
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
import type { DatasetKind, DatasetSummary, StudioSample, StudioStatus } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { useOnShown } from '../components/use-on-shown';
import { InkRecorder } from '../studio/InkRecorder';
import {
  BUILT_IN_PROMPT_SETS,
  inkPrompts,
  parsePromptFile,
  type PromptSet,
} from '../studio/prompts';
import { SampleList } from '../studio/SampleList';
import { SpeechRecorder } from '../studio/SpeechRecorder';
import { TransferPanel } from '../studio/TransferPanel';

export function StudioView() {
  const api = useApi();
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [samples, setSamples] = useState<StudioSample[]>([]);
  const [status, setStatus] = useState<StudioStatus | null>(null);
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<DatasetKind>('speech');
  const [sets, setSets] = useState<PromptSet[]>([...BUILT_IN_PROMPT_SETS]);
  const [setId, setSetId] = useState<Key>('digits');
  const [index, setIndex] = useState(0);
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);

  const dataset = datasets.find((d) => d.name === selected) ?? null;
  const promptSet = sets.find((s) => s.id === setId) ?? sets[0];
  const prompts = dataset?.kind === 'ink' ? inkPrompts(promptSet) : promptSet.prompts;
  const prompt = prompts[index % prompts.length] ?? '';

  // Bumped after every change: the effect below reloads the list and the samples.
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const root = useRef<HTMLDivElement>(null);
  useOnShown(root, refresh);
  useEffect(() => {
    const fail = (e: unknown) => setError((e as Error).message);
    api.listDatasets().then(setDatasets, fail);
    if (selected) api.listSamples({ dataset: selected }).then(setSamples, fail);
  }, [api, selected, version]);
  useEffect(() => {
    api.getStudioStatus().then(setStatus, () => {});
  }, [api]);

  const create = async () => {
    setError(null);
    try {
      const d = await api.createDataset({ name: newName.trim(), kind: newKind });
      setNewName('');
      setSelected(d.name);
      setIndex(0);
      refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const loadPromptFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    const prompts = parsePromptFile(await file.text());
    if (!prompts.length) return setError(`${file.name} has no prompts (one per line).`);
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
        <div className="toolbar">
          <Select
            selectedKey={selected}
            onSelectionChange={(k) => {
              setSelected(k === null ? null : String(k));
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
                  <ListBoxItem id={d.id} textValue={d.name}>
                    {d.name} ({d.kind}, {d.samples})
                  </ListBoxItem>
                )}
              </ListBox>
            </Popover>
          </Select>
        </div>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <TextField value={newName} onChange={setNewName}>
            <Label>New dataset name</Label>
            <Input />
          </TextField>
          <RadioGroup
            value={newKind}
            onChange={(v) => setNewKind(v as DatasetKind)}
            orientation="horizontal"
          >
            <Label>Kind</Label>
            <Radio value="speech">Speech</Radio>
            <Radio value="ink">Ink</Radio>
          </RadioGroup>
          <Button type="submit" isDisabled={!newName.trim()}>
            Create dataset
          </Button>
        </form>
        <InlineError message={error} />
      </section>

      {dataset && (
        <section className="panel" aria-labelledby="prompt-heading">
          <h3 id="prompt-heading">{dataset.kind === 'speech' ? 'Record' : 'Draw'} prompts</h3>
          <div className="toolbar">
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
              <Label>{dataset.kind === 'speech' ? 'Speaker' : 'Writer'}</Label>
              <Input />
            </TextField>
          </div>
          <div className="toolbar prompt-line">
            <Button onPress={previous} isDisabled={index === 0}>
              Previous prompt
            </Button>
            <output className="prompt" aria-label="Prompt" data-testid="prompt">
              {prompt}
            </output>
            <span className="quiet">
              {(index % prompts.length) + 1} of {prompts.length}
            </span>
            <Button onPress={next}>Next prompt</Button>
          </div>
          {dataset.kind === 'speech' ? (
            <SpeechRecorder
              dataset={dataset.name}
              prompt={prompt}
              speaker={person}
              onNext={next}
              onPrevious={previous}
              onSaved={refresh}
            />
          ) : (
            <InkRecorder
              dataset={dataset.name}
              prompt={prompt}
              writer={person}
              onNext={next}
              onSaved={refresh}
            />
          )}
        </section>
      )}

      {dataset && (
        <SampleList
          dataset={dataset.name}
          kind={dataset.kind}
          samples={samples}
          onChanged={refresh}
        />
      )}
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
