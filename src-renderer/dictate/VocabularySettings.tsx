// The Vocabulary setting: a list the user types or loads that restricts
// dictation to its words and phrases (hotwords only prefer words). The text
// is the CLI's --vocabulary format, parsed by the engine's parseVocabulary:
// one entry a line, # comments, word:weight.
import { useEffect, useMemo, useState } from 'react';
import { Button, FileTrigger, Label, Text, TextArea, TextField } from 'react-aria-components';
import type { VocabularyEntry } from '../../src-common/api';
import {
  parseVocabulary,
  vocabularyFileText,
  VocabularyError,
  vocabularySizeProblem,
} from '../../engine/index';
import { InlineError } from '../components/InlineError';
import { useRememberedText } from '../components/use-remembered-text';
import { SPOKEN_COMMANDS } from './spoken-commands';

/** The entries of the text; none for an empty text; the problem of a bad one. */
function readVocabulary(text: string): {
  entries: VocabularyEntry[] | null;
  problem: string | null;
} {
  if (text.replace(/#.*/g, '').trim() === '') return { entries: null, problem: null };
  try {
    return { entries: parseVocabulary(text).entries, problem: null };
  } catch (e) {
    if (!(e instanceof VocabularyError)) throw e;
    return { entries: null, problem: `Vocabulary line ${e.line}: ${e.reason}.` };
  }
}

/** The hint for a list without any spoken command: only listed words can be heard, commands too. */
function commandsHint(entries: readonly VocabularyEntry[]): string {
  const listed = new Set(entries.map((e) => e.phrase.toLowerCase()));
  if (SPOKEN_COMMANDS.some((c) => listed.has(c.phrase))) return '';
  return ` Spoken commands are heard only when listed too: add those you use (${SPOKEN_COMMANDS.map((c) => c.phrase).join(', ')}).`;
}

export function VocabularySettings({
  onChange,
  modelProblem,
  commands,
}: {
  /** The entries that restrict dictation, or null for any words (also while the list has a problem). */
  onChange(entries: VocabularyEntry[] | null): void;
  /** Why the model that would recognize cannot take the entries (e.g. a character it cannot write). */
  modelProblem: string | null;
  /** Spoken commands are on. */
  commands: boolean;
}) {
  const [text, setText] = useRememberedText('verbatim.dictate.vocabulary');
  const [loadError, setLoadError] = useState<string | null>(null);
  const { entries, problem } = useMemo(() => readVocabulary(text), [text]);
  useEffect(() => onChange(entries), [entries, onChange]);

  const load = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    // A file too big or not UTF-8 text is named with what to do, never loaded as garbage.
    const tooBig = vocabularySizeProblem(file.size);
    if (tooBig) return setLoadError(`${file.name} ${tooBig}.`);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      return setLoadError(`${file.name} could not be read: ${(e as Error).message}`);
    }
    try {
      setText(vocabularyFileText(bytes));
      setLoadError(null);
    } catch (e) {
      setLoadError(`${file.name} ${(e as Error).message}.`);
    }
  };

  return (
    <div className="vocabulary-setting">
      <TextField
        value={text}
        onChange={setText}
        isInvalid={problem !== null || (entries !== null && modelProblem !== null)}
      >
        <Label>Vocabulary</Label>
        <TextArea rows={4} placeholder={'yes\nno\nnew york\nstop:2'} />
        <Text slot="description">
          {entries
            ? `Only these ${entries.length} ${entries.length === 1 ? 'entry' : 'words and phrases'} can be recognized.${commands ? commandsHint(entries) : ''}`
            : 'Leave empty to allow any words.'}{' '}
          One word or phrase per line (# starts a comment, word:2 favours a word, John = jon writes
          John for what sounds like jon).
        </Text>
      </TextField>
      <InlineError message={problem ?? (entries && modelProblem) ?? loadError} />
      <div className="toolbar">
        <FileTrigger acceptedFileTypes={['.txt', 'text/plain']} onSelect={(f) => void load(f)}>
          <Button>Load word list…</Button>
        </FileTrigger>
        {text !== '' && <Button onPress={() => setText('')}>Clear vocabulary</Button>}
      </div>
    </div>
  );
}
