// Models: shipped and trained models, each as a card that says in plain words
// how well it does, with the raw measurements and the recipe behind a
// disclosure; make active per mode; rename and delete (user models, in modal
// dialogs); export .vbm / ONNX; import a .vbm (validated) (issues 9, 23).
import { useEffect, useRef, useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import type { AppInfo, ModelDetails } from '../../src-common/api';
import { useApi } from '../api/context';
import { useTransport } from '../components/files';
import { InlineError } from '../components/InlineError';
import { ModalDialog } from '../components/ModalDialog';
import { useObservable } from '../components/observable';
import { useOnShown } from '../components/use-on-shown';
import { DeleteDialog, RenameDialog } from './ModelDialogs';
import {
  cleanRecipe,
  describeResults,
  rawMetrics,
  trainingFacts,
  worseThanBase,
} from './model-results';
import { ModelsController, size } from './models-controller';

const KIND = { speech: 'Speech', ink: 'Handwriting' } as const;
const ROLE = {
  speech: 'dictation',
  digits: 'handwritten digits',
  letters: 'handwritten letters',
  words: 'handwritten words',
} as const;

function ModelDetailsDisclosure({ model }: { model: ModelDetails }) {
  const facts = trainingFacts(model.training);
  const raw = rawMetrics(model.metrics);
  return (
    <details className="model-details">
      <summary>Measurements and recipe</summary>
      {facts.length > 0 && (
        <dl className="facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {model.recipe && (
        <p>
          Recipe: <code className="recipe">{cleanRecipe(model.recipe)}</code>
        </p>
      )}
      {raw.length > 0 && (
        <table className="raw-metrics">
          <caption>Recorded measurements</caption>
          <tbody>
            {raw.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** Make active; a model that did worse than the one it started from asks first. */
function MakeActive({
  model: m,
  controller,
}: {
  model: ModelDetails;
  controller: ModelsController;
}) {
  const name = m.info.name;
  const worse = worseThanBase(m);
  const active = m.activeFor.includes(m.info.role);
  if (!worse || active)
    return (
      <Button
        aria-label={`Make ${name} active`}
        isDisabled={active}
        onPress={() => void controller.makeActive(m)}
      >
        Make active
      </Button>
    );
  return (
    <ModalDialog
      trigger="Make active"
      triggerLabel={`Make ${name} active`}
      title={`Make ${name} active?`}
      role="alertdialog"
    >
      {(close) => (
        <>
          <p>{worse.message} It would recognize less well than the model it started from.</p>
          <div className="toolbar dialog-actions">
            <Button onPress={close} autoFocus>
              Keep the current model
            </Button>
            <Button
              className="react-aria-Button primary"
              onPress={() => (close(), void controller.makeActive(m))}
            >
              Make it active anyway
            </Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}

function ModelCard({
  model: m,
  controller,
  transport,
}: {
  model: ModelDetails;
  controller: ModelsController;
  transport: AppInfo['transport'];
}) {
  const name = m.info.name;
  return (
    <li className="model-card" data-testid="model-row">
      <h3 className="model-card-name" title={name}>
        {name}
      </h3>
      {m.activeFor.length > 0 && (
        <p className="badge">Active for {m.activeFor.map((r) => ROLE[r]).join(', ')}</p>
      )}
      <p className="quiet">
        {KIND[m.kind]} · for {ROLE[m.info.role]} ·{' '}
        {m.info.source === 'shipped' ? 'comes with Verbatim' : 'yours'} · {size(m.info.bytes)} ·
        made {new Date(m.created).toLocaleDateString()}
      </p>
      {m.info.description && <p>{m.info.description}</p>}
      <ul className="results">
        {describeResults(m).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <ModelDetailsDisclosure model={m} />
      <div className="toolbar">
        <MakeActive model={m} controller={controller} />
        {(['vbm', 'onnx'] as const).map((format) => (
          <Button
            key={format}
            aria-label={`Export ${name} as ${format.toUpperCase()}`}
            onPress={() => void controller.export(m, format, transport)}
          >
            Export {format === 'vbm' ? '.vbm' : 'ONNX'}
          </Button>
        ))}
        {m.info.source === 'user' && <RenameDialog model={m} controller={controller} />}
        {m.info.source === 'user' && <DeleteDialog model={m} controller={controller} />}
      </div>
    </li>
  );
}

export function ModelsView() {
  const api = useApi();
  const [controller] = useState(() => new ModelsController(api));
  const { models, message, error } = useObservable(controller);
  const transport = useTransport(api);
  const root = useRef<HTMLDivElement>(null);
  useOnShown(root, () => void controller.refresh());
  useEffect(() => void controller.refresh(), [controller]);

  return (
    <div className="view models" ref={root}>
      <section className="panel" aria-labelledby="models-heading">
        <h2 id="models-heading">Models</h2>
        <div className="toolbar">
          <FileTrigger
            acceptedFileTypes={['.vbm']}
            onSelect={(files) => files?.[0] && void controller.import(files[0])}
          >
            <Button>Import model…</Button>
          </FileTrigger>
          <Button onPress={() => void controller.refresh()}>Refresh</Button>
        </div>
        <p aria-live="polite" data-testid="models-message">
          {message}
        </p>
        <InlineError message={error} />
        {models && models.length === 0 && (
          <p>No models are installed yet. Train one in the Train tab, or import a .vbm file.</p>
        )}
        {models && models.length > 0 && (
          <>
            <h3 id="installed-models">Installed models</h3>
            <ul className="model-cards" aria-labelledby="installed-models">
              {models.map((m) => (
                <ModelCard
                  key={m.info.id}
                  model={m}
                  controller={controller}
                  transport={transport ?? 'browser'}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
