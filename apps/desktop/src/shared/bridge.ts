/**
 * The one API the renderer may call. The preload implements it (Electron);
 * the web console implements it with browser APIs. Keep it narrow.
 */
export interface StewardBridge {
  readonly platform: 'electron' | 'web';
  readonly versions: Readonly<{ app: string; electron?: string; chrome?: string }>;
  /** Opens an http(s) link in the system browser after the main process checks it. */
  openExternal(url: string): Promise<boolean>;
}

/** IPC channels are namespaced; main accepts nothing outside this list. */
export const IPC_CHANNELS = {
  openExternal: 'steward:open-external',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
