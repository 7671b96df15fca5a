import { describe, expect, it } from 'vitest';
import { OFFLINE_MESSAGE, watchNetworkPresence, type NetworkEventSource } from './network-presence.ts';
import { createSyncStatusStore } from './sync-status.ts';

/** A window stand-in: an EventTarget with a settable navigator.onLine, firing events as the browser does. */
function fakeWindow(onLine: boolean) {
  const target = new EventTarget();
  const navigator = { onLine };
  const source: NetworkEventSource = {
    addEventListener: (type, listener) => target.addEventListener(type, listener),
    removeEventListener: (type, listener) => target.removeEventListener(type, listener),
    navigator,
  };
  const go = (online: boolean): void => {
    navigator.onLine = online;
    target.dispatchEvent(new Event(online ? 'online' : 'offline'));
  };
  return { source, go };
}

describe('network presence', () => {
  it('says offline the moment the browser does, reconnecting (and syncs now) when the network is back, and online once the server answers', () => {
    const status = createSyncStatusStore();
    const { source, go } = fakeWindow(true);
    let retries = 0;
    watchNetworkPresence(source, status, () => retries++);
    status.getState().connected(1_000);
    expect(status.getState().connection).toBe('online');

    go(false);
    expect(status.getState()).toMatchObject({ connection: 'offline', lastError: OFFLINE_MESSAGE });

    expect(retries).toBe(0);
    go(true);
    expect(status.getState()).toMatchObject({ connection: 'connecting', lastError: null });
    expect(retries).toBe(1);
    status.getState().pushSettled('users', [], 2_000);
    expect(status.getState()).toMatchObject({ connection: 'online', lastSyncAt: 2_000 });
  });

  it('starts offline when the console opens without a network', () => {
    const status = createSyncStatusStore();
    watchNetworkPresence(fakeWindow(false).source, status, () => undefined);
    expect(status.getState()).toMatchObject({ connection: 'offline', lastError: OFFLINE_MESSAGE });
  });

  it('stops following once told to', () => {
    const status = createSyncStatusStore();
    const { source, go } = fakeWindow(true);
    const stop = watchNetworkPresence(source, status, () => undefined);
    stop();
    go(false);
    expect(status.getState().connection).toBe('connecting');
  });

  it('keeps what is waiting to be pushed when the network goes and comes back', () => {
    const status = createSyncStatusStore();
    const { source, go } = fakeWindow(true);
    watchNetworkPresence(source, status, () => undefined);
    status.getState().localWritten('roleAssignments', ['a']);
    go(false);
    go(true);
    expect([...status.getState().unsent]).toEqual(['roleAssignments/a']);
  });
});
