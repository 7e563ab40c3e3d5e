// "What can I say?": what the dictation can recognize right now. With a
// Vocabulary set, its entries; then the model's domain and, for a model that
// writes a word list, its words (searchable); for a broad model, what it
// handles and how to add words.
import { useEffect, useMemo, useState } from 'react';
import { Button, Input, SearchField } from 'react-aria-components';
import type { ModelDomainInfo, VocabularyEntry } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { ModalDialog } from '../components/ModalDialog';

const matching = (items: readonly string[], query: string) => {
  const q = query.trim().toLowerCase();
  return q === '' ? items : items.filter((w) => w.toLowerCase().includes(q));
};

function Words({ label, words, query }: { label: string; words: string[]; query: string }) {
  const shown = matching(words, query);
  return (
    <>
      <p className="quiet" role="status">
        {shown.length === words.length
          ? `${words.length} ${words.length === 1 ? 'entry' : 'entries'}`
          : `${shown.length} of ${words.length} match “${query.trim()}”`}
      </p>
      <ul aria-label={label} className="word-grid">
        {shown.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </>
  );
}

function Answer({
  modelId,
  vocabulary,
  close,
}: {
  modelId: string | null;
  vocabulary: VocabularyEntry[] | null;
  close(): void;
}) {
  const api = useApi();
  const [domain, setDomain] = useState<ModelDomainInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    api.getModelDomain({ modelId }).then(setDomain, (e: Error) => setError(e.message));
  }, [api, modelId]);
  const listed = useMemo(() => vocabulary?.map((e) => e.phrase) ?? null, [vocabulary]);
  const searchable = listed !== null || Boolean(domain?.words);

  return (
    <>
      {searchable && (
        <SearchField aria-label="Search words" value={query} onChange={setQuery} autoFocus>
          <Input placeholder="Search words" />
        </SearchField>
      )}
      {listed && (
        <section aria-label="Your vocabulary">
          <p>
            Your <strong>Vocabulary</strong> is set: only these words and phrases can be recognized,
            in any order.
          </p>
          <Words label="Words and phrases of your vocabulary" words={listed} query={query} />
        </section>
      )}
      <InlineError message={error} />
      {domain && (
        <section aria-label="The model">
          <p>
            <strong>{domain.model.name}</strong>
            {domain.description ? `: ${domain.description}` : ''}
          </p>
          {domain.words ? (
            <>
              <p>
                {listed ? 'Without a vocabulary it writes' : 'It writes'} only the words of its
                list:
              </p>
              <Words label="Words the model knows" words={domain.words} query={query} />
            </>
          ) : (
            <p>
              It spells what it hears, so it has no word list. To add words: put names and terms in
              <strong> Hotwords</strong> to prefer them, list the only words you need in
              <strong> Vocabulary</strong>, or record them in Studio and fine-tune the model in
              Train.
            </p>
          )}
          {domain.words && (
            <p className="quiet">
              A word that is not listed comes out as the nearest listed ones. To teach it new words,
              record them in Studio and fine-tune the model in Train.
            </p>
          )}
          <p className="quiet">Words the recognizer is unsure of are underlined: check those.</p>
        </section>
      )}
      <div className="toolbar dialog-actions">
        <Button onPress={close}>Close</Button>
      </div>
    </>
  );
}

export function WhatCanISay(props: {
  /** The model dictation uses (null: the active speech model). */
  modelId: string | null;
  /** The Vocabulary setting's entries, or null. */
  vocabulary: VocabularyEntry[] | null;
}) {
  return (
    <ModalDialog trigger="What can I say?" title="What can I say?">
      {(close) => <Answer {...props} close={close} />}
    </ModalDialog>
  );
}
