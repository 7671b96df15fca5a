import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(
  'steward',
  createBridge((channel, payload) => ipcRenderer.invoke(channel, payload), {
    app: '0.1.0',
    electron: process.versions.electron,
    chrome: process.versions.chrome,
  }),
);
