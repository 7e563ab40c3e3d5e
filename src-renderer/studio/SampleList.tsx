// Label editing: every sample of the dataset with its text (editable),
// verify/unverify, playback, delete with undo, search and filters.
import { useMemo, useState } from 'react';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
  TextField,
  type Key,
} from 'react-aria-components';
import type { DatasetKind, Stroke, StudioSample } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { InkPreview } from './InkPreview';
import { decodePcm16 } from './level-check';
import { playSamples } from './take-recorder';
import { Waveform } from './Waveform';

const FILTERS = [
  { id: 'all', name: 'All samples' },
  { id: 'unlabelled', name: 'Unlabelled' },
  { id: 'unverified', name: 'Unverified' },
];

function LabelField({ sample, onSave }: { sample: StudioSample; onSave(text: string): void }) {
  const [text, setText] = useState(sample.text);
  const commit = () => text !== sample.text && onSave(text);
  return (
    <TextField
      aria-label={`Label of ${sample.id}`}
      value={text}
      onChange={setText}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    >
      <Input />
    </TextField>
  );
}

export function SampleList({
  dataset,
  kind,
  samples,
  onChanged,
}: {
  dataset: string;
  kind: DatasetKind;
  samples: StudioSample[];
  onChanged(): void;
}) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Key>('all');
  const [who, setWho] = useState<Key>('*');
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(0);
  const [shown, setShown] = useState<{ id: string; samples: Float32Array } | null>(null);
  const [shownInk, setShownInk] = useState<{ id: string; strokes: Stroke[] } | null>(null);
  const people = useMemo(
    () => [...new Set(samples.map((s) => (kind === 'speech' ? s.speaker : s.writer)))].sort(),
    [samples, kind],
  );
  const visible = samples.filter(
    (s) =>
      (!query || s.text.toLowerCase().includes(query.toLowerCase())) &&
      (filter === 'all' ||
        (filter === 'unlabelled' ? s.status === 'unlabelled' : s.status !== 'verified')) &&
      (who === '*' || (kind === 'speech' ? s.speaker : s.writer) === who),
  );
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    work().then(onChanged, (e: unknown) => setError((e as Error).message));
  };
  const play = (s: StudioSample) =>
    act(async () => {
      const audio = await api.getSampleAudio({ dataset, id: s.id });
      const pcm = decodePcm16(audio.pcm16);
      setShown({ id: s.id, samples: pcm });
      await playSamples(pcm, audio.sampleRate);
    });

  return (
    <section className="panel" aria-labelledby="samples-heading">
      <h3 id="samples-heading">Samples ({samples.length})</h3>
      <div className="toolbar">
        <SearchField aria-label="Search labels" value={query} onChange={setQuery}>
          <Input placeholder="Search labels" />
        </SearchField>
        <Select
          aria-label="Filter"
          selectedKey={filter}
          onSelectionChange={(k) => k && setFilter(k)}
        >
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox items={FILTERS}>
              {(f) => <ListBoxItem id={f.id}>{f.name}</ListBoxItem>}
            </ListBox>
          </Popover>
        </Select>
        <Select
          aria-label={kind === 'speech' ? 'Speaker' : 'Writer'}
          selectedKey={who}
          onSelectionChange={(k) => k !== null && setWho(k)}
        >
          <Label>{kind === 'speech' ? 'Speaker' : 'Writer'}</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox
              items={[
                { id: '*', name: 'Everyone' },
                ...people.map((p) => ({ id: p, name: p || '(none)' })),
              ]}
            >
              {(p) => <ListBoxItem id={p.id}>{p.name}</ListBoxItem>}
            </ListBox>
          </Popover>
        </Select>
        <Button
          isDisabled={deleted === 0}
          onPress={() =>
            act(async () => {
              await api.undoDelete({ dataset });
              setDeleted((n) => n - 1);
            })
          }
        >
          Undo delete
        </Button>
      </div>
      <InlineError message={error} />
      {shown && <Waveform samples={shown.samples} label="Waveform of the played sample" />}
      {shownInk && <InkPreview strokes={shownInk.strokes} label={`Ink of ${shownInk.id}`} />}
      <table className="samples">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Status</th>
            <th scope="col">{kind === 'speech' ? 'Speaker' : 'Writer'}</th>
            <th scope="col">Length</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((s) => (
            <tr key={s.id} data-testid="sample-row">
              <td>
                <LabelField
                  key={`${s.id}:${s.text}`}
                  sample={s}
                  onSave={(text) => act(() => api.updateSample({ dataset, id: s.id, text }))}
                />
              </td>
              <td>{s.status}</td>
              <td>{kind === 'speech' ? s.speaker : s.writer}</td>
              <td>{s.duration.toFixed(2)} s</td>
              <td className="toolbar">
                {kind === 'speech' ? (
                  <Button aria-label={`Play ${s.id}`} onPress={() => play(s)}>
                    Play
                  </Button>
                ) : (
                  <Button
                    aria-label={`Show ${s.id}`}
                    onPress={() =>
                      act(async () => {
                        const { strokes } = await api.getSampleInk({ dataset, id: s.id });
                        setShownInk({ id: s.id, strokes });
                      })
                    }
                  >
                    Show
                  </Button>
                )}
                <Button
                  aria-label={`${s.status === 'verified' ? 'Unverify' : 'Verify'} ${s.id}`}
                  onPress={() =>
                    act(() =>
                      api.updateSample({
                        dataset,
                        id: s.id,
                        status:
                          s.status === 'verified'
                            ? s.text.trim()
                              ? 'labelled'
                              : 'unlabelled'
                            : 'verified',
                      }),
                    )
                  }
                >
                  {s.status === 'verified' ? 'Unverify' : 'Verify'}
                </Button>
                <Button
                  aria-label={`Delete ${s.id}`}
                  onPress={() =>
                    act(async () => {
                      await api.deleteSample({ dataset, id: s.id });
                      setDeleted((n) => n + 1);
                    })
                  }
                >
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {visible.length === 0 && <p className="quiet">No samples match.</p>}
    </section>
  );
}
