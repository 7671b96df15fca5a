import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC } from '../shared/ipc-contract.ts';
import { lockDownWebContents } from './lockdown.ts';
import { isSafeExternalUrl } from './trusted-url.ts';
import { CONTENT_SECURITY_POLICY, secureWindowOptions } from './window-options.ts';

const rendererIndex = join(import.meta.dirname, '../renderer/index.html');
const appUrlPrefix = pathToFileURL(join(import.meta.dirname, '../renderer/')).href;
const isAppUrl = (url: string): boolean => url.startsWith(appUrlPrefix);

if (!app.requestSingleInstanceLock()) app.quit();

lockDownWebContents(app, isAppUrl);

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  ipcMain.handle(IPC.openExternal.name, async (event, payload: unknown) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) return false;
    const { url } = IPC.openExternal.request.parse(payload);
    if (!isSafeExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  });

  const main = createMainWindow();
  app.on('second-instance', () => {
    if (main.isMinimized()) main.restore();
    main.focus();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
