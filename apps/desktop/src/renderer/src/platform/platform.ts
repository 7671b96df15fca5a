/**
 * The seam between the console and where it runs. The renderer is the same
 * bundle in Electron and in a browser (served by the sync server); what
 * differs — the default server, which servers it may reach, where the
 * session and preferences live — is answered here, once per platform.
 */
import { DEVICE_KEY_ID } from '../../../shared/ipc-contract.ts';

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
  /**
   * Hands a finished export to the person: the web console downloads it
   * (the browser decides where, so `location` is null); the desktop asks
   * with the system's save dialog and returns the chosen path. `saved` is
   * false when the person cancelled.
   */
  saveFile(suggestedName: string, bytes: Uint8Array, mime: string): Promise<SaveFileResult>;
  /** The device's Ed25519 signing keys (signed exports), which never leave their store. */
  readonly deviceKeys: DeviceKeyStore;
}

export interface SaveFileResult {
  readonly saved: boolean;
  /** Where the file went, when the platform knows (the desktop's chosen path). */
  readonly location: string | null;
}

/**
 * A signing key of this device. The private half stays where it was made —
 * a non-extractable CryptoKey in IndexedDB (web console) or encrypted with
 * the OS keychain in the main process (desktop) — so only signing is offered.
 */
export interface DeviceKey {
  readonly id: string;
  /** The 32-byte RFC 8032 public key (what `auth.login`'s devicePublicKey carries, base64). */
  readonly publicKey: Uint8Array;
  /** A 64-byte Ed25519 signature of `bytes`. */
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

export interface DeviceKeyStore {
  /** The key stored under `id`, or null when there is none. */
  load(id: string): Promise<DeviceKey | null>;
  /** A fresh key stored under `id`, replacing any key stored there before. */
  create(id: string): Promise<DeviceKey>;
  /** Forgets the key under `id` (nothing happens when there is none). */
  remove(id: string): Promise<void>;
}

export function assertDeviceKeyId(id: string): void {
  if (!DEVICE_KEY_ID.test(id)) throw new Error(`A device key id is 1–128 letters, digits or ._:@- (got ${JSON.stringify(id.slice(0, 40))}).`);
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
