import { normaliseServerUrl, type KeyValueStore, type Platform } from './platform.ts';

/** Where `steward-server` listens unless told otherwise. */
export const DEFAULT_LOCAL_SERVER = 'http://127.0.0.1:4848';

export interface ElectronEnvironment {
  /**
   * The session lives in the renderer's sessionStorage for now; keeping the
   * token with safeStorage through the preload is a later slice.
   */
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
  };
}
