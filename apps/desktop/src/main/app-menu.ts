/**
 * The application menu: the usual roles (so copy, paste, undo, zoom,
 * full screen and window management behave as on every other app), plus a
 * Help item that opens the documentation through the same URL check as any
 * other external link. Developer tools only in development builds.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly isMac: boolean;
  readonly isDevelopment: boolean;
  readonly openDocumentation: () => void;
}

export const DOCUMENTATION_URL = 'https://steward.example/docs';

export function appMenuTemplate({ isMac, isDevelopment, openDocumentation }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(isDevelopment ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Steward documentation', click: openDocumentation }] },
  ];
}
