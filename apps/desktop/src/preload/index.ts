import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type StewardBridge } from '../shared/bridge.ts';

const bridge = {
  platform: 'electron',
  versions: { app: '0.1.0', electron: process.versions.electron, chrome: process.versions.chrome },
  openExternal: (url: string) => ipcRenderer.invoke(IPC_CHANNELS.openExternal, url) as Promise<boolean>,
} satisfies StewardBridge;

contextBridge.exposeInMainWorld('steward', bridge);
