// Models: the model files the back end found. Managing them (make active,
// rename, import, export) is added by the data-studio work (issue 9).
import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../src-main/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';

const size = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

export function ModelsView() {
  const api = useApi();
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listModels().then(setModels, (e: unknown) => setError((e as Error).message));
  }, [api]);

  return (
    <div className="view placeholder-view">
      <section className="panel" aria-labelledby="models-heading">
        <h2 id="models-heading">Models</h2>
        <p>
          The shipped models and the ones you trained or imported, with their kind, size, metrics
          and training recipe; choose the active model for speech, digits, letters and words.
        </p>
        <InlineError message={error} />
        {models && models.length === 0 && <p>No models are installed yet.</p>}
        {models && models.length > 0 && (
          <table>
            <caption>Installed models</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">For</th>
                <th scope="col">Source</th>
                <th scope="col">Size</th>
                <th scope="col">Modified</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.id}>
                  <td title={m.description}>{m.name}</td>
                  <td>{m.role}</td>
                  <td>{m.source}</td>
                  <td>{size(m.bytes)}</td>
                  <td>{new Date(m.modified).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
