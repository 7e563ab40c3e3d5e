// The Vocabulary setting: a list the user types or loads that restricts
// recognition to its words and phrases (Dictate's speech, Write's handwriting;
// hotwords only prefer words). The text is the CLI's --vocabulary format,
// parsed by the engine's parseVocabulary: one entry a line, # comments,
// word:weight. Each view remembers its own list.
import { useEffect, useMemo, useState } from 'react';
import { Button, FileTrigger, Label, Text, TextArea, TextField } from 'react-aria-components';
import type { VocabularyEntry } from '../../src-common/api';
import {
  parseVocabulary,
  vocabularyFileText,
  VocabularyError,
  vocabularySizeProblem,
} from '../../engine/index';
import { InlineError } from './InlineError';
import { useRememberedText } from './use-remembered-text';
import { useSettled } from './use-settled';

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

/** How many entries a list holds, as the views say it ("3 words and phrases", "1 entry"). */
export const entryCount = (entries: readonly VocabularyEntry[]) =>
  `${entries.length} ${entries.length === 1 ? 'entry' : 'words and phrases'}`;

/** What a view's Vocabulary setting says, besides what every one says. */
export interface VocabularyWording {
  /** Said while the list is empty ("Leave empty to allow any words."). */
  empty: string;
  /** How to write the list, after what it allows. */
  help: string;
  placeholder: string;
}

export function VocabularySettings({
  storageKey,
  wording,
  onChange,
  modelProblem,
  hint,
  settleTyping = 0,
}: {
  /** Where the text is remembered across restarts (localStorage). */
  storageKey: string;
  wording: VocabularyWording;
  /** The entries that restrict recognition, or null for any words (also while the list has a problem). */
  onChange(entries: VocabularyEntry[] | null): void;
  /** Why the model that would recognize cannot take the entries (e.g. a character it cannot write). */
  modelProblem: string | null;
  /** What to add about a list (Dictate: the spoken commands it leaves out), '' for nothing. */
  hint?: (entries: readonly VocabularyEntry[]) => string;
  /**
   * How long typing pauses (ms) before a typed list reaches onChange (Write:
   * each list opens a recognizer session); a loaded file or Clear at once.
   * 0: every edit at once.
   */
  settleTyping?: number;
}) {
  const [text, setText] = useRememberedText(storageKey);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The text read once per edit (the views re-render often, e.g. Dictate's level meter)…
  const { problem, listKey } = useMemo(() => {
    const read = readVocabulary(text);
    return { problem: read.problem, listKey: JSON.stringify(read.entries) };
  }, [text]);
  // …and the same list while only a comment or spacing changes, so what a
  // list starts (a session, a check, a model choice) is not started again.
  const entries = useMemo(() => JSON.parse(listKey) as VocabularyEntry[] | null, [listKey]);
  // How long the last edit waits: typed ones settle, loaded or cleared ones do not.
  const [delay, setDelay] = useState(0);
  const edit = (next: string, wait: number) => {
    setDelay(wait);
    setText(next);
  };
  const settled = useSettled(entries, delay);
  useEffect(() => onChange(settled), [settled, onChange]);

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
      edit(vocabularyFileText(bytes), 0);
      setLoadError(null);
    } catch (e) {
      setLoadError(`${file.name} ${(e as Error).message}.`);
    }
  };

  return (
    <div className="vocabulary-setting">
      <TextField
        value={text}
        onChange={(typed) => edit(typed, settleTyping)}
        isInvalid={problem !== null || (entries !== null && modelProblem !== null)}
      >
        <Label>Vocabulary</Label>
        <TextArea rows={4} placeholder={wording.placeholder} />
        <Text slot="description">
          {entries
            ? `Only these ${entryCount(entries)} can be recognized.${hint?.(entries) ?? ''}`
            : wording.empty}{' '}
          {wording.help}
        </Text>
      </TextField>
      <InlineError message={problem ?? (entries && modelProblem) ?? loadError} />
      <div className="toolbar">
        <FileTrigger acceptedFileTypes={['.txt', 'text/plain']} onSelect={(f) => void load(f)}>
          <Button>Load word list…</Button>
        </FileTrigger>
        {text !== '' && <Button onPress={() => edit('', 0)}>Clear vocabulary</Button>}
      </div>
    </div>
  );
}
