/**
 * The browser's (or Electron's) word on the network, for the header: when
 * it says this computer went offline, the console says so at once instead of
 * after its next request fails (a quiet console may make none for minutes,
 * and the live stream can stay open); when the network is back, it says it
 * is reconnecting until the server next answers, and replication syncs now.
 * The replica keeps working either way: local writes wait in it and go when
 * the server answers again.
 */
import type { SyncStatusStore } from './sync-status.ts';

export const OFFLINE_MESSAGE = 'This computer is offline. Changes are kept here and sent when the network is back.';

/** The part of `window` this needs: its `online` / `offline` events and `navigator.onLine`. */
export interface NetworkEventSource {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
  readonly navigator: { readonly onLine: boolean };
}

/**
 * Follows the network's presence into the sync status store, and calls
 * `onBackOnline` when the network returns (replication then syncs at once
 * instead of at the end of its backoff); returns the function that stops following.
 */
export function watchNetworkPresence(source: NetworkEventSource, status: SyncStatusStore, onBackOnline: () => void): () => void {
  const offline = (): void => status.getState().disconnected(OFFLINE_MESSAGE);
  const online = (): void => {
    status.getState().reconnecting();
    onBackOnline();
  };
  source.addEventListener('offline', offline);
  source.addEventListener('online', online);
  if (!source.navigator.onLine) offline();
  return () => {
    source.removeEventListener('offline', offline);
    source.removeEventListener('online', online);
  };
}
