// Label editing: one page of the dataset's samples at a time with its text
// (editable), verify/unverify, playback, delete with undo, search and filters.
// The StudioController asks the back end for the page; this renders it.
import { memo, useCallback, useState, type ReactNode } from 'react';
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
} from 'react-aria-components';
import type { DatasetKind } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { useObservable } from '../components/observable';
import {
  EVERYONE,
  PAGE_SIZE,
  type SampleFilter,
  type SampleRow as Row,
  type StudioController,
} from './studio-controller';
import { STUDIO_KINDS } from './studio-kinds';
import { STUDIO_WORDS } from './studio-words';

const FILTERS: { id: SampleFilter; name: string }[] = [
  { id: 'all', name: 'All samples' },
  { id: 'unlabelled', name: 'Unlabelled' },
  { id: 'unverified', name: 'Unverified' },
];

const count = (n: number) => n.toLocaleString('en-US');
/** How a screen reader names a row: its place and its label, never the internal id. */
const rowName = (e: Row) =>
  `sample ${e.n}${e.sample.text.trim() ? ` “${e.sample.text.trim()}”` : ' (no label)'}`;

function LabelField({ entry, onSave }: { entry: Row; onSave(text: string): void }) {
  const [text, setText] = useState(entry.sample.text);
  const commit = () => text !== entry.sample.text && onSave(text);
  return (
    <TextField
      aria-label={`Label of sample ${entry.n}`}
      value={text}
      onChange={setText}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    >
      <Input />
    </TextField>
  );
}

/** One sample; memoized: rows re-render when a page arrives, not on each key typed in the search. */
const SampleRow = memo(function SampleRow({
  entry: e,
  kind,
  controller,
  onView,
}: {
  entry: Row;
  kind: DatasetKind;
  controller: StudioController;
  onView(e: Row): void;
}) {
  const verified = e.sample.status === 'verified';
  return (
    <tr data-testid="sample-row">
      <td className="quiet">{e.n}</td>
      <td>
        <LabelField
          key={`${e.sample.id}:${e.sample.text}`}
          entry={e}
          onSave={(text) => void controller.edit(e, { text })}
        />
      </td>
      <td>{e.sample.status}</td>
      <td className="cut" title={e.person}>
        {e.person}
      </td>
      <td>{e.sample.duration.toFixed(2)} s</td>
      <td className="toolbar">
        <Button aria-label={`${STUDIO_WORDS[kind].view} ${rowName(e)}`} onPress={() => onView(e)}>
          {STUDIO_WORDS[kind].view}
        </Button>
        <Button
          aria-label={`${verified ? 'Unverify' : 'Verify'} ${rowName(e)}`}
          onPress={() => void controller.toggleVerified(e)}
        >
          {verified ? 'Unverify' : 'Verify'}
        </Button>
        <Button aria-label={`Delete ${rowName(e)}`} onPress={() => void controller.remove(e)}>
          Delete
        </Button>
      </td>
    </tr>
  );
});

function Pager({ controller }: { controller: StudioController }) {
  const { page, matches } = useObservable(controller);
  const pages = controller.pageCount;
  if (matches <= PAGE_SIZE) return null;
  const first = page * PAGE_SIZE + 1;
  const last = Math.min(matches, first + PAGE_SIZE - 1);
  return (
    <nav className="toolbar pager" aria-label="Sample pages">
      <Button onPress={() => void controller.setPage(0)} isDisabled={page === 0}>
        First
      </Button>
      <Button onPress={() => void controller.setPage(page - 1)} isDisabled={page === 0}>
        Previous page
      </Button>
      <span className="quiet" data-testid="page-status">
        {count(first)}–{count(last)} of {count(matches)} (page {count(page + 1)} of {count(pages)})
      </span>
      <Button onPress={() => void controller.setPage(page + 1)} isDisabled={page >= pages - 1}>
        Next page
      </Button>
      <Button onPress={() => void controller.setPage(pages - 1)} isDisabled={page >= pages - 1}>
        Last
      </Button>
    </nav>
  );
}

export function SampleList({
  controller,
  dataset,
  kind,
}: {
  controller: StudioController;
  dataset: string;
  kind: DatasetKind;
}) {
  const api = useApi();
  const state = useObservable(controller);
  // the played recording's waveform or the shown drawing
  const [shown, setShown] = useState<ReactNode>(null);
  const personLabel = STUDIO_WORDS[kind].person;
  const rows = state.rows;

  // Plays a recording or shows a drawing; stable, so unchanged rows skip re-rendering.
  const view = useCallback(
    (e: Row) =>
      void controller.guard(() =>
        STUDIO_KINDS[kind].view(api, dataset, { id: e.sample.id, n: e.n }, setShown),
      ),
    [api, controller, dataset, kind],
  );

  return (
    <section className="panel samples-panel" aria-labelledby="samples-heading">
      <h3 id="samples-heading">Samples ({count(state.total)})</h3>
      <div className="toolbar fields">
        <SearchField
          aria-label="Search labels"
          value={state.query}
          onChange={(q) => void controller.setQuery(q)}
        >
          <Input placeholder="Search labels" />
        </SearchField>
        <Select
          aria-label="Filter"
          selectedKey={state.filter}
          onSelectionChange={(k) => k && void controller.setFilter(k as SampleFilter)}
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
          aria-label={personLabel}
          selectedKey={state.person}
          onSelectionChange={(k) => k !== null && void controller.setPerson(String(k))}
        >
          <Label>{personLabel}</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox
              items={[
                { id: EVERYONE, name: 'Everyone' },
                ...state.people.map((p) => ({ id: p, name: p || '(none)' })),
              ]}
            >
              {(p) => <ListBoxItem id={p.id}>{p.name}</ListBoxItem>}
            </ListBox>
          </Popover>
        </Select>
        <Button isDisabled={state.deleted === 0} onPress={() => void controller.undoDelete()}>
          Undo delete
        </Button>
      </div>
      <InlineError message={state.error} />
      {shown}
      <Pager controller={controller} />
      <table className="samples">
        <colgroup>
          <col className="col-n" />
          <col />
          <col className="col-status" />
          <col className="col-person" />
          <col className="col-length" />
          <col className="col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Label</th>
            <th scope="col">Status</th>
            <th scope="col">{personLabel}</th>
            <th scope="col">Length</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <SampleRow
              key={e.sample.id}
              entry={e}
              kind={kind}
              controller={controller}
              onView={view}
            />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="quiet">
          {state.total === 0
            ? `No samples yet: ${STUDIO_WORDS[kind].capture.toLowerCase()} the prompts above, or import some below.`
            : 'No samples match the search and filters.'}
        </p>
      )}
    </section>
  );
}
