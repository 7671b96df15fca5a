/**
 * Main process entry: wires Electron's modules into the small, tested
 * pieces beside this file. Keep logic out of here.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appMenuTemplate, DOCUMENTATION_URL } from './app-menu.ts';
import { nodeFileSystem } from './atomic-file.ts';
import { createDeviceKeyStore } from './device-key-store.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { keychainProtects } from './keychain.ts';
import { denyAllPermissions, lockDownWebContents, serveContentSecurityPolicy } from './lockdown.ts';
import { createSaveFileHandler } from './save-file.ts';
import { createSecretStore } from './secret-store.ts';
import { claimSingleInstance } from './single-instance.ts';
import { isSafeExternalUrl } from './trusted-url.ts';
import { secureWindowOptions } from './window-options.ts';
import { DEFAULT_WINDOW_STATE, parseWindowState, trackWindowState, type WindowState } from './window-state.ts';

const rendererIndex = join(import.meta.dirname, '../renderer/index.html');
const appUrlPrefix = pathToFileURL(join(import.meta.dirname, '../renderer/')).href;
const isAppUrl = (url: string): boolean => url.startsWith(appUrlPrefix);

let mainWindow: BrowserWindow | null = null;

if (claimSingleInstance(app, () => mainWindow)) {
  // Every renderer sandboxed, whatever options a window is given (window-options.ts sets it too).
  app.enableSandbox();
  lockDownWebContents(app, isAppUrl);
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

async function start(): Promise<void> {
  serveContentSecurityPolicy(session.defaultSession);
  denyAllPermissions(session.defaultSession);

  const userData = app.getPath('userData');
  const protects = () => keychainProtects(safeStorage, process.platform);
  const secrets = createSecretStore({ file: join(userData, 'secrets.json'), fs: nodeFileSystem, keychain: safeStorage, protects });
  const deviceKeys = createDeviceKeyStore({ directory: join(userData, 'device-keys'), fs: nodeFileSystem, keychain: safeStorage, protects });
  const openExternal = async (url: string): Promise<boolean> => {
    if (!isSafeExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  };

  registerIpcHandlers(ipcMain, isAppUrl, {
    openExternal: ({ url }) => openExternal(url),
    saveFile: (request, event) =>
      createSaveFileHandler({
        showSaveDialog: (options) => {
          const owner = BrowserWindow.fromWebContents(event.sender);
          return owner === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(owner, options);
        },
        defaultDirectory: () => app.getPath('downloads'),
        fs: nodeFileSystem,
      })(request),
    loadSecrets: () => secrets.load(),
    setSecret: ({ key, value }) => secrets.set(key, value),
    removeSecret: ({ key }) => secrets.remove(key),
    loadDeviceKey: ({ id }) => deviceKeys.load(id),
    createDeviceKey: ({ id }) => deviceKeys.create(id),
    removeDeviceKey: ({ id }) => deviceKeys.remove(id),
    signWithDeviceKey: ({ id, bytes }) => deviceKeys.sign(id, bytes),
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ isMac: process.platform === 'darwin', isDevelopment: !app.isPackaged, openDocumentation: () => void openExternal(DOCUMENTATION_URL) }),
    ),
  );

  const stateFile = join(userData, 'window-state.json');
  const state = parseWindowState(await nodeFileSystem.readText(stateFile).catch(() => null), screen.getAllDisplays().map((display) => display.workArea));
  mainWindow = createMainWindow(state, (next) => void nodeFileSystem.writeAtomic(stateFile, JSON.stringify(next)).catch(() => undefined));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(DEFAULT_WINDOW_STATE, () => undefined);
  });
}

function createMainWindow(state: WindowState, saveState: (state: WindowState) => void): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), state.bounds ?? {}));
  if (state.maximized) window.maximize();
  trackWindowState(window, saveState);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}
