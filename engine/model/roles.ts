// Platform-free and free of imports: the renderer↔back-end contract (src-common/api.ts) uses it too.

/** What a model is used for: the four modes of the app. */
export type ModelRole = 'speech' | 'digits' | 'letters' | 'words';
export const MODEL_ROLES = [
  'speech',
  'digits',
  'letters',
  'words',
] as const satisfies readonly ModelRole[];

/**
 * The characters a role's output may use when its model names none (a
 * charset spec, see expandCharset), or null for all of the model's.
 */
export const ROLE_CHARSET = {
  speech: null,
  digits: '0-9',
  letters: null,
  words: null,
} as const satisfies Readonly<Record<ModelRole, string | null>>;

export function isModelRole(value: unknown): value is ModelRole {
  return (MODEL_ROLES as readonly unknown[]).includes(value);
}

/** The role a model fits by its alphabet: digits, letters, words (ink) or speech. */
export function inferRole(header: { kind: string; alphabet: readonly string[] }): ModelRole {
  if (header.kind === 'speech') return 'speech';
  const symbols = header.alphabet.filter((s) => s !== '');
  if (symbols.every((s) => /^[0-9]$/.test(s))) return 'digits';
  if (symbols.every((s) => /^[A-Za-z]$/.test(s))) return 'letters';
  return 'words';
}
