// The application menu as data, so it is testable without Electron.
import type { MenuItemConstructorOptions } from 'electron';

export const PUSH_TO_TALK_ACCELERATOR = 'CommandOrControl+Shift+Space';

export interface MenuActions {
  toggleDictation(): void;
}

export function menuTemplate(isMac: boolean, actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'Dictation',
      submenu: [
        {
          label: 'Start or stop dictation',
          // Registered globally too (see main.ts); shown here so people find it.
          accelerator: PUSH_TO_TALK_ACCELERATOR,
          registerAccelerator: false,
          click: () => actions.toggleDictation(),
        },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
