import { indexedDbKeyVault } from './indexeddb-key-vault.ts';
import { normaliseServerUrl, type DeviceKeyStore, type KeyValueStore, type Platform, type SaveFileResult } from './platform.ts';
import { downloadFile } from './web-download.ts';
import { memoryKeyVault, webCryptoDeviceKeys } from './webcrypto-device-keys.ts';

export interface WebEnvironment {
  /** The page's origin: the sync server that served the console. */
  readonly origin: string;
  readonly sessionStorage: KeyValueStore;
  readonly localStorage: KeyValueStore;
  /** Saves by download; defaults to a Blob link in `globalThis.document`. */
  readonly saveFile?: Platform['saveFile'];
  /** Defaults to non-extractable WebCrypto keys in IndexedDB, or in memory where there is no IndexedDB. */
  readonly deviceKeys?: DeviceKeyStore;
}

/** The web console: served by a sync server and allowed (by its CSP) to talk to that server only. */
export function webPlatform(env: WebEnvironment): Platform {
  return {
    kind: 'web',
    defaultServerUrl: env.origin,
    unreachableReason: (serverUrl) => {
      const origin = normaliseServerUrl(serverUrl);
      if (origin === null) return 'Enter the server as an http:// or https:// address.';
      if (origin !== env.origin) return `The web console can only talk to the server that served it (${env.origin}). Open ${origin} in the browser instead.`;
      return null;
    },
    sessionStorage: env.sessionStorage,
    preferences: env.localStorage,
    saveFile: env.saveFile ?? saveWithPageDocument,
    deviceKeys: env.deviceKeys ?? defaultDeviceKeys(),
  };
}

function saveWithPageDocument(suggestedName: string, bytes: Uint8Array, mime: string): Promise<SaveFileResult> {
  if (typeof document === 'undefined') return Promise.reject(new Error('There is no page to download from.'));
  return downloadFile(document)(suggestedName, bytes, mime);
}

function defaultDeviceKeys(): DeviceKeyStore {
  const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB;
  return webCryptoDeviceKeys(factory === undefined ? memoryKeyVault() : indexedDbKeyVault(factory));
}
