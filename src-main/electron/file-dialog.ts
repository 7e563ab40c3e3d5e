// The desktop app's `chooseFile`: the system's own open/save dialog over the
// focused window. Its request was validated like every call (dispatch.ts).
import { BrowserWindow, dialog, type FileFilter } from 'electron';
import type { ApiArgs, FileResponses } from '../../src-common/api';

export async function nativeChooseFile({
  mode,
  title,
  defaultName,
  extensions,
}: ApiArgs<'chooseFile'>): Promise<FileResponses['chooseFile']> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const filters: FileFilter[] = extensions.length
    ? [{ name: extensions.map((e) => `.${e}`).join(', '), extensions }]
    : [];
  if (mode === 'save') {
    const r = await (win
      ? dialog.showSaveDialog(win, { title, defaultPath: defaultName ?? undefined, filters })
      : dialog.showSaveDialog({ title, defaultPath: defaultName ?? undefined, filters }));
    return { path: r.canceled || !r.filePath ? null : r.filePath };
  }
  const options = {
    title,
    filters,
    properties: [mode === 'open-folder' ? 'openDirectory' : 'openFile'] as (
      'openDirectory' | 'openFile'
    )[],
  };
  const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
  return { path: r.canceled ? null : (r.filePaths[0] ?? null) };
}
