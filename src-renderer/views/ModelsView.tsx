// Models: shipped and trained models with kind, size, date, metrics and
// recipe; make active per mode; rename; delete (with confirmation; shipped
// models cannot be); export .vbm / ONNX; import a .vbm (validated) (issue 9).
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogTrigger,
  FileTrigger,
  Heading,
  Input,
  Label,
  Modal,
  TextField,
} from 'react-aria-components';
import type { ModelDetails } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { useOnShown } from '../components/use-on-shown';

const size = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

/** The headline numbers of a model's metrics (validation CER/WER or accuracy), short. */
function metricSummary(metrics: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (out.length >= 3 || value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    const parts = ['cer', 'wer', 'accuracy']
      .filter((k) => typeof o[k] === 'number')
      .map((k) => `${k.toUpperCase()} ${(100 * (o[k] as number)).toFixed(1)}%`);
    if (parts.length) out.push(`${path ? `${path}: ` : ''}${parts.join(', ')}`);
    else for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(metrics, '');
  return out.join('; ') || '—';
}

function RenameDialog({ model, onDone }: { model: ModelDetails; onDone(error?: string): void }) {
  const api = useApi();
  const [name, setName] = useState(model.info.name);
  return (
    <DialogTrigger>
      <Button aria-label={`Rename ${model.info.name}`}>Rename</Button>
      <Modal>
        <Dialog>
          {({ close }) => (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                api.renameModel({ name: model.info.name, to: name.trim() }).then(
                  () => (close(), onDone()),
                  (err: unknown) => (close(), onDone((err as Error).message)),
                );
              }}
            >
              <Heading slot="title">Rename {model.info.name}</Heading>
              <TextField value={name} onChange={setName} autoFocus>
                <Label>New name</Label>
                <Input />
              </TextField>
              <div className="toolbar">
                <Button onPress={close}>Keep the name</Button>
                <Button type="submit">Rename</Button>
              </div>
            </form>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

function DeleteDialog({ model, onDone }: { model: ModelDetails; onDone(error?: string): void }) {
  const api = useApi();
  return (
    <DialogTrigger>
      <Button aria-label={`Delete ${model.info.name}`}>Delete</Button>
      <Modal>
        <Dialog role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title">Delete {model.info.name}?</Heading>
              <p>The model file is removed from this computer. This cannot be undone.</p>
              <div className="toolbar">
                <Button onPress={close}>Keep it</Button>
                <Button
                  onPress={() =>
                    api.deleteModel({ name: model.info.name }).then(
                      () => (close(), onDone()),
                      (err: unknown) => (close(), onDone((err as Error).message)),
                    )
                  }
                >
                  Delete model
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

export function ModelsView() {
  const api = useApi();
  const [models, setModels] = useState<ModelDetails[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [version, setVersion] = useState(0);
  const reload = (err?: string) => {
    setError(err ?? null);
    setVersion((v) => v + 1);
  };
  const root = useRef<HTMLDivElement>(null);
  useOnShown(root, () => setVersion((v) => v + 1));
  useEffect(() => {
    api.listModelDetails().then(setModels, (e: unknown) => setError((e as Error).message));
  }, [api, version]);

  const act = (work: () => Promise<string>) => {
    setError(null);
    work().then(
      (m) => (setMessage(m), reload()),
      (e: unknown) => setError((e as Error).message),
    );
  };
  const importFile = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    act(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const d = await api.importModel({ fileName: file.name, bytes });
      return `Imported ${d.info.name} (${d.info.role}).`;
    });
  };

  return (
    <div className="view models" ref={root}>
      <section className="panel" aria-labelledby="models-heading">
        <h2 id="models-heading">Models</h2>
        <div className="toolbar">
          <FileTrigger acceptedFileTypes={['.vbm']} onSelect={importFile}>
            <Button>Import model…</Button>
          </FileTrigger>
          <Button onPress={() => reload()}>Refresh</Button>
        </div>
        <p aria-live="polite" data-testid="models-message">
          {message}
        </p>
        <InlineError message={error} />
        {models && models.length === 0 && <p>No models are installed yet.</p>}
        {models && models.length > 0 && (
          <table>
            <caption>Installed models</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">For</th>
                <th scope="col">Source</th>
                <th scope="col">Size</th>
                <th scope="col">Created</th>
                <th scope="col">Metrics</th>
                <th scope="col">Recipe</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.info.id} data-testid="model-row">
                  <td title={m.info.description}>
                    {m.info.name}
                    {m.activeFor.length > 0 && (
                      <span className="badge"> active for {m.activeFor.join(', ')}</span>
                    )}
                  </td>
                  <td>{m.kind}</td>
                  <td>{m.info.role}</td>
                  <td>{m.info.source}</td>
                  <td>{size(m.info.bytes)}</td>
                  <td>{new Date(m.created).toLocaleString()}</td>
                  <td>{metricSummary(m.metrics)}</td>
                  <td title={JSON.stringify(m.training, null, 1)}>{m.recipe ?? '—'}</td>
                  <td className="toolbar">
                    <Button
                      aria-label={`Make ${m.info.name} active`}
                      isDisabled={m.activeFor.includes(m.info.role)}
                      onPress={() =>
                        act(async () => {
                          await api.setActiveModel({ name: m.info.name });
                          return `${m.info.name} is now the active ${m.info.role} model.`;
                        })
                      }
                    >
                      Make active
                    </Button>
                    {(['vbm', 'onnx'] as const).map((format) => (
                      <Button
                        key={format}
                        aria-label={`Export ${m.info.name} as ${format.toUpperCase()}`}
                        onPress={() =>
                          act(async () => {
                            const r = await api.exportModel({ name: m.info.name, format });
                            return `Exported to ${r.out} (${size(r.bytes)}).`;
                          })
                        }
                      >
                        Export {format === 'vbm' ? '.vbm' : 'ONNX'}
                      </Button>
                    ))}
                    {m.info.source === 'user' && <RenameDialog model={m} onDone={reload} />}
                    {m.info.source === 'user' && <DeleteDialog model={m} onDone={reload} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
