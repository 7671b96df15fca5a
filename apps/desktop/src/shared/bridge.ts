/**
 * The one API the renderer may call, exposed by the preload as
 * `window.steward` (Electron only; the web console has no bridge and uses
 * browser APIs instead). Keep it narrow: every method is one IPC channel of
 * `ipc-contract.ts`, and nothing here can reach the file system, a private
 * key or a URL that main has not checked.
 */
import type { PublicDeviceKey, SaveFileRequest, SaveFileResponse, SecretsSnapshot } from './ipc-contract.ts';

export interface StewardBridge {
  readonly platform: 'electron';
  readonly versions: Readonly<{ app: string; electron?: string; chrome?: string }>;
  /** Opens an http(s) link in the system browser after the main process checks it. */
  openExternal(url: string): Promise<boolean>;
  /** Asks with the system's save dialog and writes the file there (main writes it). */
  saveFile(request: SaveFileRequest): Promise<SaveFileResponse>;
  /** Secrets kept encrypted with the OS keychain (safeStorage) by main. */
  readonly secrets: {
    load(): Promise<SecretsSnapshot>;
    set(key: string, value: string): Promise<void>;
    remove(key: string): Promise<void>;
  };
  /** Ed25519 device keys held by main; the renderer sees public keys and signatures only. */
  readonly deviceKeys: {
    load(id: string): Promise<PublicDeviceKey | null>;
    create(id: string): Promise<PublicDeviceKey>;
    remove(id: string): Promise<void>;
    sign(id: string, bytes: Uint8Array): Promise<Uint8Array>;
  };
}
