// Import into and export out of a dataset, with a progress bar and Cancel.
// Paths come from the system's file dialog in the desktop app; the browser
// mode uploads the picked files or folder and offers the export as a download.
import { useEffect, useState } from 'react';
import {
  Button,
  FileTrigger,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  ProgressBar,
  Select,
  SelectValue,
  TextField,
  type Key,
} from 'react-aria-components';
import type { DatasetKind } from '../../src-common/api';
import { useApi } from '../api/context';
import { downloadExport, uploadFiles, useTransport } from '../components/files';
import { InlineError } from '../components/InlineError';

const EXPORTS: Record<DatasetKind, { id: string; name: string }[]> = {
  speech: [
    { id: 'nemo', name: 'NeMo JSONL' },
    { id: 'kaldi', name: 'Kaldi data folder' },
  ],
  ink: [{ id: 'inkml', name: 'InkML' }],
};
const IMPORTS: Record<DatasetKind, { id: string; name: string }[]> = {
  speech: [
    { id: 'wav-folder', name: 'Folder of WAVs with transcripts' },
    { id: 'nemo', name: 'NeMo JSONL' },
    { id: 'fsdd', name: 'FSDD' },
    { id: 'an4', name: 'AN4' },
    { id: 'speech-commands', name: 'Speech Commands' },
  ],
  ink: [
    { id: 'inkml', name: 'InkML' },
    { id: 'unipen', name: 'UNIPEN' },
  ],
};

function FormatSelect(props: {
  label: string;
  items: { id: string; name: string }[];
  value: Key;
  onChange(k: Key): void;
}) {
  return (
    <Select selectedKey={props.value} onSelectionChange={(k) => k !== null && props.onChange(k)}>
      <Label>{props.label}</Label>
      <Button>
        <SelectValue />
      </Button>
      <Popover>
        <ListBox items={props.items}>
          {(f) => <ListBoxItem id={f.id}>{f.name}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function TransferPanel({
  dataset,
  kind,
  onDone,
}: {
  dataset: string;
  kind: DatasetKind;
  onDone(): void;
}) {
  const api = useApi();
  // The parent remounts this panel per dataset, so the kind never changes under it.
  const [exportFormat, setExportFormat] = useState<Key>(EXPORTS[kind][0].id);
  const [importFormat, setImportFormat] = useState<Key>(IMPORTS[kind][0].id);
  const [exportTo, setExportTo] = useState('');
  const [importFrom, setImportFrom] = useState('');
  const [taskId, setTaskId] = useState<string | null>(null);
  // Events are kept per task: a short task may finish before its id arrives here.
  const [events, setEvents] = useState<
    Record<string, { done: number; total: number; end?: { state: string; message: string } }>
  >({});
  const [error, setError] = useState<string | null>(null);
  const transport = useTransport(api);
  const [uploading, setUploading] = useState<string | null>(null);
  // The back end's copy of the last upload, and what was picked ("folder clips", "4 files"):
  // the copy is removed once imported, so the field is cleared then.
  const [uploaded, setUploaded] = useState<{ path: string; what: string } | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'progress')
          setEvents((m) => ({
            ...m,
            [e.taskId]: { ...m[e.taskId], done: e.done, total: e.total },
          }));
        if (e.type === 'task')
          setEvents((m) => ({
            ...m,
            [e.taskId]: {
              done: m[e.taskId]?.done ?? 0,
              total: m[e.taskId]?.total ?? 0,
              end: { state: e.state, message: e.message },
            },
          }));
      }),
    [api],
  );

  const current = taskId ? events[taskId] : undefined;
  const end = current?.end;
  useEffect(() => {
    if (end) onDone();
  }, [end, onDone]);
  // An imported upload is gone from the back end: its path leaves the field
  // (adjusted while rendering, when the task's end first shows).
  const [seenEnd, setSeenEnd] = useState(end);
  if (end !== seenEnd) {
    setSeenEnd(end);
    if (end?.state === 'done' && uploaded && importing === uploaded.path) {
      if (importFrom.trim() === uploaded.path) setImportFrom('');
      setUploading(`Imported the uploaded ${uploaded.what}; upload again to import more.`);
      setUploaded(null);
    }
  }
  const running = taskId !== null && !end;
  const task = running
    ? { id: taskId, done: current?.done ?? 0, total: current?.total ?? 0 }
    : null;
  const message = end && end.state !== 'failed' ? end.message : '';
  const failure = end?.state === 'failed' ? end.message : null;

  const choose = async (
    mode: 'open-file' | 'open-folder' | 'save',
    title: string,
    set: (path: string) => void,
  ) => {
    setError(null);
    try {
      const { path } = await api.chooseFile({ mode, title });
      if (path) set(path);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    try {
      const list = [...files];
      const n = `${list.length} file${list.length === 1 ? '' : 's'}`;
      setUploading(`Uploading ${n}…`);
      const path = await uploadFiles(api, list, (done, total) =>
        setUploading(`Uploaded ${done} of ${total}…`),
      );
      const folder = list[0]?.webkitRelativePath.split('/')[0];
      setUploaded({ path, what: folder ? `folder ${folder}` : n });
      setImportFrom(path);
      setUploading(`Uploaded ${n}: press Import.`);
    } catch (e) {
      setUploading(null);
      setError((e as Error).message);
    }
  };

  const start = (work: () => Promise<{ taskId: string }>) => {
    setError(null);
    setTaskId(null);
    work().then(
      ({ taskId: id }) => setTaskId(id),
      (e: unknown) => setError((e as Error).message),
    );
  };

  return (
    <section className="panel transfer-panel" aria-labelledby="transfer-heading">
      <h3 id="transfer-heading">Import and export</h3>
      <div className="toolbar fields">
        <FormatSelect
          label="Export format"
          items={EXPORTS[kind]}
          value={exportFormat}
          onChange={setExportFormat}
        />
        <TextField value={exportTo} onChange={setExportTo}>
          <Label>Export to (optional path)</Label>
          <Input placeholder="VERBATIM_HOME/exports/…" />
        </TextField>
        {transport === 'electron' && (
          <Button
            onPress={() =>
              void choose(
                exportFormat === 'nemo' ? 'save' : 'open-folder',
                'Export to',
                setExportTo,
              )
            }
          >
            Choose…
          </Button>
        )}
        <Button
          isDisabled={!!task}
          onPress={() =>
            start(async () => {
              const r = await api.exportDataset({
                dataset,
                format: exportFormat as 'nemo' | 'kaldi' | 'inkml',
                out: exportTo.trim() || null,
              });
              // a NeMo export to the default place (VERBATIM_HOME/exports) is one file the
              // browser can download; the others are folders or a path of the user's choosing
              setExported(exportFormat === 'nemo' && !exportTo.trim() ? r.out : null);
              return r;
            })
          }
        >
          Export
        </Button>
      </div>
      <div className="toolbar fields">
        <FormatSelect
          label="Import format"
          items={IMPORTS[kind]}
          value={importFormat}
          onChange={setImportFormat}
        />
        <TextField value={importFrom} onChange={setImportFrom}>
          <Label>Import from (file or folder on this computer)</Label>
          <Input />
        </TextField>
        {transport === 'electron' ? (
          <>
            <Button onPress={() => void choose('open-file', 'Import from', setImportFrom)}>
              Choose file…
            </Button>
            <Button onPress={() => void choose('open-folder', 'Import from', setImportFrom)}>
              Choose folder…
            </Button>
          </>
        ) : (
          <>
            <FileTrigger allowsMultiple onSelect={(f) => void upload(f)}>
              <Button>Upload files…</Button>
            </FileTrigger>
            <FileTrigger acceptDirectory onSelect={(f) => void upload(f)}>
              <Button>Upload folder…</Button>
            </FileTrigger>
          </>
        )}
        <Button
          isDisabled={!!task || !importFrom.trim()}
          onPress={() => {
            setImporting(importFrom.trim());
            start(() =>
              api.importDataset({
                dataset,
                format: String(importFormat),
                source: importFrom.trim(),
              }),
            );
          }}
        >
          Import
        </Button>
      </div>
      {task && (
        <div className="toolbar">
          <ProgressBar
            aria-label="Transfer progress"
            value={task.total ? (100 * task.done) / task.total : 0}
            className="level-meter"
          >
            <div className="meter-bar" aria-hidden>
              <div
                className="meter-fill"
                style={{ width: `${task.total ? (100 * task.done) / task.total : 0}%` }}
              />
            </div>
          </ProgressBar>
          <Button onPress={() => void api.cancelTask({ taskId: task.id })}>Cancel</Button>
        </div>
      )}
      <p aria-live="polite" data-testid="upload-message" className="quiet">
        {uploading}
      </p>
      <p aria-live="polite" data-testid="transfer-message">
        {message}
      </p>
      {transport === 'browser' && end?.state === 'done' && exported && !running && (
        <Button
          onPress={() =>
            downloadExport(api, exported).catch((e: unknown) => setError((e as Error).message))
          }
        >
          Download the export
        </Button>
      )}
      <InlineError message={error ?? failure} />
    </section>
  );
}
