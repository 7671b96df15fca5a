import { normaliseServerUrl, type KeyValueStore, type Platform } from './platform.ts';

export interface WebEnvironment {
  /** The page's origin: the sync server that served the console. */
  readonly origin: string;
  readonly sessionStorage: KeyValueStore;
  readonly localStorage: KeyValueStore;
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
  };
}
