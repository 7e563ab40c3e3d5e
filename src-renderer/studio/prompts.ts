// Prompt sets for recording and drawing: built-in ones matched to what the
// shipped models know (AN4-style digits, spelled letters, numbers and dates,
// commands), or one prompt per line of a text file.

export interface PromptSet {
  id: string;
  name: string;
  prompts: string[];
}

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export const BUILT_IN_PROMPT_SETS: readonly PromptSet[] = [
  { id: 'digits', name: 'Digits', prompts: DIGITS },
  {
    id: 'letters',
    name: 'Spelled letters',
    prompts: ['a b c', 'd e f', 'g h i', 'j k l', 'm n o', 'p q r', 's t u', 'v w x', 'y z'],
  },
  {
    id: 'numbers-dates',
    name: 'Numbers and dates',
    prompts: [
      'twenty one',
      'one hundred',
      'four thousand five hundred',
      'seventy seven',
      'january first',
      'march twenty second',
      'june nineteen ninety',
      'december thirty first two thousand',
    ],
  },
  {
    id: 'commands',
    name: 'Command words',
    prompts: [
      'yes',
      'no',
      'stop',
      'go',
      'up',
      'down',
      'left',
      'right',
      'on',
      'off',
      'enter',
      'erase',
    ],
  },
];

/** One prompt per non-empty line; '#' starts a comment line. */
export function parsePromptFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Digit prompts for handwriting are the digits themselves. */
export function inkPrompts(set: PromptSet): string[] {
  return set.id === 'digits' ? DIGITS.map((_, i) => String(i)) : set.prompts;
}
