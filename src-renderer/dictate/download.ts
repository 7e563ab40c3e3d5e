import { downloadBytes } from '../components/files';

/** Saves text as a file through the browser's (or Electron's) download. */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBytes(filename, text, type);
}
