// Spoken commands: recognized words → edits of the transcript. Pure, so the
// rules in the view's help are the rules that run (and are unit-tested).

export interface SpokenCommand {
  /** What to say (lower case, as recognized words). */
  phrase: string;
  /** What it does, for the help text. */
  effect: string;
}

export const SPOKEN_COMMANDS: readonly SpokenCommand[] = [
  { phrase: 'new line', effect: 'starts a new line' },
  { phrase: 'new paragraph', effect: 'starts a new paragraph (an empty line between)' },
  { phrase: 'period', effect: 'types “.” and capitalises the next word' },
  { phrase: 'comma', effect: 'types “,”' },
  { phrase: 'question mark', effect: 'types “?” and capitalises the next word' },
  {
    phrase: 'scratch that',
    effect: 'deletes the last phrase (the words since the last pause or line break)',
  },
];

export interface TranscriptState {
  text: string;
  /** Where each dictated phrase began in `text`, newest last, for "scratch that". */
  phraseStarts: number[];
}

export const emptyTranscript: TranscriptState = { text: '', phraseStarts: [] };

/** The transcript after the user typed in it: earlier phrases can no longer be located. */
export function editedTranscript(text: string): TranscriptState {
  return { text, phraseStarts: [] };
}

const normalise = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

function matchCommand(words: string[], i: number): { phrase: string; length: number } | null {
  for (const { phrase } of SPOKEN_COMMANDS) {
    const parts = phrase.split(' ');
    if (parts.every((part, k) => normalise(words[i + k] ?? '') === part)) {
      return { phrase, length: parts.length };
    }
  }
  return null;
}

const trimEndSpaces = (text: string) => text.replace(/[ \t]+$/, '');
const startsSentence = (text: string) => text.trim() === '' || /[.?!]\s*$|\n\s*$/.test(text);

/**
 * Appends one utterance's words to the transcript. With `commands` on, the
 * phrases of SPOKEN_COMMANDS act instead of being typed.
 */
export function applyUtterance(
  state: TranscriptState,
  words: readonly string[],
  commands: boolean,
): TranscriptState {
  let text = state.text;
  const phraseStarts = [...state.phraseStarts];
  let phraseOpen = false;
  const list = words.filter((w) => w.trim() !== '');

  for (let i = 0; i < list.length;) {
    const command = commands ? matchCommand(list, i) : null;
    if (!command) {
      let word = list[i]!.trim();
      if (!phraseOpen) {
        phraseStarts.push(text.length);
        phraseOpen = true;
      }
      if (commands && startsSentence(text)) word = word.charAt(0).toUpperCase() + word.slice(1);
      text += text === '' || /\s$/.test(text) ? word : ` ${word}`;
      i += 1;
      continue;
    }
    i += command.length;
    switch (command.phrase) {
      case 'new line':
        text = `${trimEndSpaces(text)}\n`;
        phraseOpen = false;
        break;
      case 'new paragraph':
        text = `${text.replace(/\s+$/, '')}\n\n`;
        phraseOpen = false;
        break;
      case 'period':
        text = `${trimEndSpaces(text)}.`;
        break;
      case 'comma':
        text = `${trimEndSpaces(text)},`;
        break;
      case 'question mark':
        text = `${trimEndSpaces(text)}?`;
        break;
      case 'scratch that': {
        const start = phraseStarts.pop();
        if (start !== undefined) text = text.slice(0, start);
        phraseOpen = false;
        break;
      }
    }
  }
  return { text, phraseStarts };
}
