/**
 * The seam between the console and where it runs. The renderer is the same
 * bundle in Electron and in a browser (served by the sync server); what
 * differs — the default server, which servers it may reach, where the
 * session and preferences live — is answered here, once per platform.
 */

/** The subset of the Web Storage API the console uses; fakes implement it in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Platform {
  readonly kind: 'web' | 'electron';
  /** What the sign-in form offers until the person types another server. */
  readonly defaultServerUrl: string;
  /**
   * Why the console cannot talk to `serverUrl`, or null when it can. The web
   * console's CSP allows only its own origin (connect-src 'self').
   */
  unreachableReason(serverUrl: string): string | null;
  /** Holds the session token: per tab in the web console, gone when the tab closes. */
  readonly sessionStorage: KeyValueStore;
  /** Outlives sessions: the last email and server, nothing secret. */
  readonly preferences: KeyValueStore;
}

/** A server URL normalised to its origin (the API lives at `${origin}/trpc`), or null when it is not http(s). */
export function normaliseServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.origin;
}
