import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/context';
import { connectApi } from './api/connect';
import { App } from './App';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const api = connectApi();
  root.render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    </StrictMode>,
  );
} catch (e) {
  root.render(
    <p role="alert" className="inline-error">
      {(e as Error).message}
    </p>,
  );
}
