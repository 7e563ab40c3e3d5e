// A text setting the app remembers across restarts (localStorage: the
// Vocabulary and Hotwords a user typed once). Where storage is missing or
// refused (a private window) the text is simply not remembered.
import { useEffect, useState } from 'react';

function read(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** The text under `key` (empty at first) and its setter, which remembers it. */
export function useRememberedText(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => read(key));
  useEffect(() => {
    try {
      if (text === '') window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, text);
    } catch {
      // not remembered
    }
  }, [key, text]);
  return [text, setText];
}
