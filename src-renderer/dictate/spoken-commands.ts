// Spoken commands: recognized words → edits of the transcript. Pure, so the
// rules in the view's help are the rules that run (and are unit-tested).
// Every typed word keeps its timing (transcript.ts); a mark joins the word before it.
import type { Timing, TranscriptState, TranscriptToken } from './transcript';

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

/** A recognized word with its timing on the recording's clock. */
export interface SpokenWord extends Timing {
  word: string;
}

const normalise = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

function matchCommand(
  words: readonly string[],
  i: number,
): { phrase: string; length: number } | null {
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
  words: readonly SpokenWord[],
  commands: boolean,
): TranscriptState {
  let text = state.text;
  let tokens: TranscriptToken[] = [...state.tokens];
  const phraseStarts = [...state.phraseStarts];
  let phraseOpen = false;
  const list = words.map((w) => ({ ...w, word: w.word.trim() })).filter((w) => w.word !== '');
  const said = list.map((w) => w.word);
  const timing = ({ start, end, confidence, spelled }: Timing): Timing =>
    spelled ? { start, end, confidence, spelled } : { start, end, confidence };
  // ".", ",", "?": joined to the word before it, else a word of its own timed as the command.
  const mark = (m: string, command: Timing) => {
    text = trimEndSpaces(text);
    const last = tokens.at(-1);
    if (last && last.to === text.length) {
      // "world." was said as "world period": it spans both
      const t = last.timing && { ...last.timing, end: Math.max(last.timing.end, command.end) };
      tokens[tokens.length - 1] = { ...last, to: last.to + 1, timing: t };
    } else tokens.push({ from: text.length, to: text.length + 1, timing: timing(command) });
    text += m;
  };

  for (let i = 0; i < list.length;) {
    const command = commands ? matchCommand(said, i) : null;
    if (!command) {
      let word = list[i]!.word;
      if (!phraseOpen) {
        phraseStarts.push(text.length);
        phraseOpen = true;
      }
      if (commands && startsSentence(text)) word = word.charAt(0).toUpperCase() + word.slice(1);
      if (text !== '' && !/\s$/.test(text)) text += ' ';
      tokens.push({ from: text.length, to: text.length + word.length, timing: timing(list[i]!) });
      text += word;
      i += 1;
      continue;
    }
    const first = list[i]!;
    const last = list[i + command.length - 1]!;
    const spoken = { start: first.start, end: last.end, confidence: first.confidence };
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
        mark('.', spoken);
        break;
      case 'comma':
        mark(',', spoken);
        break;
      case 'question mark':
        mark('?', spoken);
        break;
      case 'scratch that': {
        const start = phraseStarts.pop();
        if (start !== undefined) {
          text = text.slice(0, start);
          tokens = tokens.filter((t) => t.to <= start);
        }
        phraseOpen = false;
        break;
      }
    }
  }
  return { text, tokens, phraseStarts };
}
