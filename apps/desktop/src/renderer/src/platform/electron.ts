import type { StewardBridge } from '../../../shared/bridge.ts';
import { assertDeviceKeyId, normaliseServerUrl, type DeviceKey, type DeviceKeyStore, type KeyValueStore, type Platform } from './platform.ts';

/** Where `steward-server` listens unless told otherwise. */
export const DEFAULT_LOCAL_SERVER = 'http://127.0.0.1:4848';

export interface ElectronEnvironment {
  /** The preload's API (window.steward). */
  readonly bridge: StewardBridge;
  /** The session token's home: kept by main with safeStorage (see keychain-storage.ts). */
  readonly sessionStorage: KeyValueStore;
  readonly localStorage: KeyValueStore;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** The desktop app: any https server, or plain http on this machine (matching the app's CSP). */
export function electronPlatform(env: ElectronEnvironment): Platform {
  return {
    kind: 'electron',
    defaultServerUrl: DEFAULT_LOCAL_SERVER,
    unreachableReason: (serverUrl) => {
      const origin = normaliseServerUrl(serverUrl);
      if (origin === null) return 'Enter the server as an http:// or https:// address.';
      const url = new URL(origin);
      if (url.protocol === 'http:' && !isLoopback(url.hostname)) return 'Plain http is only allowed for a server on this machine; use https:// for a remote server.';
      return null;
    },
    sessionStorage: env.sessionStorage,
    preferences: env.localStorage,
    saveFile: (suggestedName, bytes, mime) => env.bridge.saveFile({ suggestedName, bytes, mime }),
    deviceKeys: mainProcessDeviceKeys(env.bridge.deviceKeys),
  };
}

/** Device keys held by main: the renderer gets the public key and asks main to sign. */
function mainProcessDeviceKeys(keys: StewardBridge['deviceKeys']): DeviceKeyStore {
  const handle = ({ id, publicKey }: { id: string; publicKey: Uint8Array }): DeviceKey => ({ id, publicKey, sign: (bytes) => keys.sign(id, bytes) });
  return {
    load: async (id) => {
      assertDeviceKeyId(id);
      const key = await keys.load(id);
      return key === null ? null : handle(key);
    },
    create: async (id) => {
      assertDeviceKeyId(id);
      return handle(await keys.create(id));
    },
    remove: (id) => {
      assertDeviceKeyId(id);
      return keys.remove(id);
    },
  };
}
