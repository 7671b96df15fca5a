import { describe, expect, it } from 'vitest';
import type { ReconcileItem } from '../reconcile/reconcile-item.ts';
import { createSyncStatusStore, initialProgress, isInitialSyncRunning, pendingCount } from './sync-status.ts';

const item = (documentId: string, kind: ReconcileItem['kind']): ReconcileItem => ({
  id: `item-${documentId}-${kind}`,
  kind,
  collection: 'roleAssignments',
  documentId,
  tenantId: null,
  attempted: { id: documentId },
  base: null,
  server: null,
  code: kind === 'conflict' ? 'CONFLICT' : 'FORBIDDEN',
  reason: 'x',
  fields: [],
  at: '2026-03-01T10:00:00.000Z',
  status: 'open',
  decision: null,
});

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

  it('counts open refusals and conflicts, and keeps them across a replication restart', () => {
    const store = createSyncStatusStore();
    store.getState().reconcileChanged([item('a', 'rejection'), item('b', 'conflict'), item('c', 'rejection')]);
    expect(store.getState().reconcile).toEqual({ rejected: 2, conflicts: 1 });
    store.getState().started(['roleAssignments'], 5);
    expect(store.getState().reconcile).toEqual({ rejected: 2, conflicts: 1 });
    store.getState().reset();
    expect(store.getState().reconcile).toEqual({ rejected: 0, conflicts: 0 });
  });

  it('counts a local write as pending from the moment it is made, through push, until the server answers', () => {
    const store = createSyncStatusStore();
    const s = () => store.getState();
    s().localWritten('auditReviews', ['r1', 'r2', 'r3']);
    expect(pendingCount(s())).toBe(3);
    // Offline, push holds its first batch (r1) and retries; r2 and r3 wait behind it.
    s().pushStarted('auditReviews', ['r1']);
    expect(pendingCount(s())).toBe(3);
    s().pushSettled('auditReviews', ['r1'], 10);
    s().pushStarted('auditReviews', ['r2', 'r3']);
    s().pushSettled('auditReviews', ['r2', 'r3'], 11);
    expect(pendingCount(s())).toBe(0);
  });
});
