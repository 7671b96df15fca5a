import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './app-menu.ts';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role === undefined ? [] : [item.role]), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

describe('appMenuTemplate', () => {
  it('has the usual menus by role, with the app menu on macOS only', () => {
    const mac = appMenuTemplate({ isMac: true, isDevelopment: false, openDocumentation: vi.fn() });
    const linux = appMenuTemplate({ isMac: false, isDevelopment: false, openDocumentation: vi.fn() });
    expect(roles(mac)).toEqual(expect.arrayContaining(['appMenu', 'fileMenu', 'editMenu', 'windowMenu', 'help', 'reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
    expect(roles(linux)).not.toContain('appMenu');
    expect(roles(linux)).toContain('editMenu');
  });

  it('offers developer tools only in development', () => {
    expect(roles(appMenuTemplate({ isMac: false, isDevelopment: false, openDocumentation: vi.fn() }))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate({ isMac: false, isDevelopment: true, openDocumentation: vi.fn() }))).toContain('toggleDevTools');
  });

  it('opens the documentation from Help', () => {
    const openDocumentation = vi.fn();
    const help = appMenuTemplate({ isMac: false, isDevelopment: false, openDocumentation }).find((item) => item.role === 'help');
    const item = (help?.submenu as MenuItemConstructorOptions[])[0];
    (item?.click as () => void)();
    expect(openDocumentation).toHaveBeenCalledOnce();
  });
});
