/**
 * The desktop's session storage: a synchronous KeyValueStore (what the
 * session store reads at start-up) over secrets that main keeps encrypted
 * with the OS keychain. The values are loaded once before the console
 * starts; each change is applied here at once and sent to main in order.
 */
import type { StewardBridge } from '../../../shared/bridge.ts';
import type { SecretsSnapshot } from '../../../shared/ipc-contract.ts';
import type { KeyValueStore } from './platform.ts';

export interface KeychainStorage extends KeyValueStore {
  /** Resolves once every change so far has reached main (or failed there). */
  flushed(): Promise<void>;
  /** False when the OS has no keychain: secrets then last until the app quits. */
  readonly persistent: boolean;
}

export function keychainStorage(secrets: StewardBridge['secrets'], snapshot: SecretsSnapshot, onError: (error: unknown) => void): KeychainStorage {
  const values = new Map(Object.entries(snapshot.values));
  let pending: Promise<void> = Promise.resolve();
  const send = (change: () => Promise<void>): void => {
    pending = pending.then(change).catch(onError);
  };
  return {
    persistent: snapshot.persistent,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
      send(() => secrets.set(key, value));
    },
    removeItem: (key) => {
      if (!values.delete(key)) return;
      send(() => secrets.remove(key));
    },
    flushed: () => pending,
  };
}

/** The snapshot main holds, or an empty, non-persistent one when main cannot give it. */
export async function loadKeychainSnapshot(secrets: StewardBridge['secrets'], onError: (error: unknown) => void): Promise<SecretsSnapshot> {
  try {
    return await secrets.load();
  } catch (error) {
    onError(error);
    return { persistent: false, values: {} };
  }
}
