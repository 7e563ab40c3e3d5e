import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { DictateView } from './dictate/DictateView';
import { ModelsView } from './models/ModelsView';
import { StudioView } from './studio/StudioView';
import { TrainView } from './train/TrainView';
import { WriteView } from './write/WriteView';

const VIEWS = [
  { id: 'dictate', name: 'Dictate', view: <DictateView /> },
  { id: 'write', name: 'Write', view: <WriteView /> },
  { id: 'studio', name: 'Studio', view: <StudioView /> },
  { id: 'train', name: 'Train', view: <TrainView /> },
  { id: 'models', name: 'Models', view: <ModelsView /> },
];

/** The tab named in the address (#studio), so a reload keeps it. */
const tabFromHash = () => {
  const id = window.location.hash.slice(1);
  return VIEWS.some((v) => v.id === id) ? id : VIEWS[0].id;
};

export function App() {
  const [tab, setTab] = useState<Key>(tabFromHash);
  const select = (id: Key) => {
    setTab(id);
    window.history.replaceState(null, '', `#${String(id)}`);
  };
  return (
    <Tabs className="react-aria-Tabs app" selectedKey={tab} onSelectionChange={select}>
      <header className="app-header">
        <h1>Verbatim</h1>
        <TabList aria-label="Views">
          {VIEWS.map((v) => (
            <Tab key={v.id} id={v.id}>
              {v.name}
            </Tab>
          ))}
        </TabList>
      </header>
      <main>
        {VIEWS.map((v) => (
          // Kept mounted so switching views never loses strokes or a dictation.
          <TabPanel key={v.id} id={v.id} shouldForceMount>
            {v.view}
          </TabPanel>
        ))}
      </main>
    </Tabs>
  );
}
