import { describe, expect, it } from 'vitest';
import { createSyncStatusStore, initialProgress, isInitialSyncRunning } from './sync-status.ts';

describe('sync status store', () => {
  it('tracks initial-sync progress and measures how long it took', () => {
    const store = createSyncStatusStore();
    const s = () => store.getState();
    s().started(['users', 'auditEvents'], 1_000);
    expect(isInitialSyncRunning(s())).toBe(true);
    s().received('auditEvents', 1_000, 1_500);
    s().received('auditEvents', 500, 1_800);
    s().initialDone('users', 1_900);
    expect(initialProgress(s())).toEqual({ done: 1, total: 2, received: 1_500 });
    expect(s().initialSyncMs).toBeNull();
    s().initialDone('auditEvents', 4_000);
    expect(isInitialSyncRunning(s())).toBe(false);
    expect(s().initialSyncMs).toBe(3_000);
    expect(s().lastSyncAt).toBe(4_000);
  });

  it('goes offline with a reason and back online on the next answer', () => {
    const store = createSyncStatusStore();
    store.getState().started(['users'], 0);
    expect(store.getState().connection).toBe('connecting');
    store.getState().disconnected('Could not reach the server');
    expect(store.getState()).toMatchObject({ connection: 'offline', lastError: 'Could not reach the server' });
    store.getState().received('users', 0, 10);
    expect(store.getState()).toMatchObject({ connection: 'online', lastError: null, lastSyncAt: 10 });
  });

  it('counts pending writes until the server answers, and keeps what it refused', () => {
    const store = createSyncStatusStore();
    store.getState().pushStarted('users', ['a', 'b']);
    store.getState().pushStarted('roles', ['a']);
    expect(store.getState().pending.size).toBe(3);
    store.getState().pushSettled('users', ['a', 'b'], 50);
    expect([...store.getState().pending]).toEqual(['roles/a']);
    store.getState().rejected('users', [{ id: 'a', code: 'FORBIDDEN', reason: 'You may not edit users in Globex.' }], 50);
    store.getState().rejected('users', [], 60);
    expect(store.getState().rejections).toEqual([{ collection: 'users', id: 'a', code: 'FORBIDDEN', reason: 'You may not edit users in Globex.', at: 50 }]);
  });

  it('starts afresh for a new session', () => {
    const store = createSyncStatusStore();
    store.getState().started(['users'], 0);
    store.getState().rejected('users', [{ id: 'a', code: 'INVALID', reason: 'x' }], 1);
    store.getState().reset();
    expect(store.getState()).toMatchObject({ collections: {}, rejections: [], connection: 'connecting', startedAt: null });
  });
});
