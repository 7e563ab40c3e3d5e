// "What can I say?": what the dictation can recognize right now. With a
// Vocabulary set, its entries; then the model's domain and, for a model that
// writes a word list, its words (searchable); for a broad model, what it
// handles, its dictionary (searched, not listed: tens of thousands of words)
// and how to add words.
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

/** At most this many dictionary words are shown for a search. */
const DICTIONARY_SHOWN = 100;

/** A broad model's dictionary, searched only: listing tens of thousands of words helps nobody. */
function Dictionary({ words, query }: { words: string[]; query: string }) {
  const q = query.trim();
  if (q === '')
    return (
      <p className="quiet" role="status">
        {words.length.toLocaleString('en')} words: type in Search words to check one.
      </p>
    );
  const shown = matching(words, q);
  return (
    <>
      <p className="quiet" role="status">
        {shown.length > DICTIONARY_SHOWN
          ? `${shown.length.toLocaleString('en')} words match “${q}”; the first ${DICTIONARY_SHOWN}:`
          : `${shown.length} ${shown.length === 1 ? 'word matches' : 'words match'} “${q}”`}
      </p>
      <ul aria-label="Dictionary words" className="word-grid">
        {shown.slice(0, DICTIONARY_SHOWN).map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </>
  );
}

const HOW_TO_ADD_WORDS = (
  <>
    To add words: put names and terms in <strong>Hotwords</strong> to prefer them, list the only
    words you need in <strong>Vocabulary</strong>, or record them in Studio and fine-tune the model
    in Train.
  </>
);

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
  const listed = useMemo(
    () =>
      vocabulary?.map((e) => (e.written ? `${e.written} (said “${e.phrase}”)` : e.phrase)) ?? null,
    [vocabulary],
  );
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
          {domain.broad || !domain.words ? (
            <>
              <p>
                {domain.words
                  ? `It is a model of general English. ${
                      listed
                        ? 'While your Vocabulary is set it writes only your words and phrases; without it, the words of its dictionary come first'
                        : 'The words of its dictionary come first'
                    }; a word outside it is spelled as it is heard, so check names and rare words.`
                  : `It spells what it hears${listed ? ' (only your words while your Vocabulary is set)' : ''}, so it has no word list.`}
              </p>
              {domain.words && <Dictionary words={domain.words} query={query} />}
              <p>{HOW_TO_ADD_WORDS}</p>
            </>
          ) : (
            <>
              <p>
                {listed ? 'Without a vocabulary it writes' : 'It writes'} only the words of its
                list:
              </p>
              <Words label="Words the model knows" words={domain.words} query={query} />
            </>
          )}
          {!domain.broad && domain.words && (
            <p className="quiet">
              A word that is not listed comes out as the nearest listed ones. To teach it new words,
              record them in Studio and fine-tune the model in Train.
            </p>
          )}
          <p className="quiet">
            Words the recognizer is unsure of, or spelled as heard outside its words, are
            underlined: check those.
          </p>
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
