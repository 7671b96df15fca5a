import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient, LoginResult } from '../api/types.ts';
import { memoryStorage } from '../platform/memory-storage.ts';
import { webPlatform } from '../platform/web.ts';
import { createSessionStore } from '../session/session-store.ts';
import { openReconcileStore } from '../reconcile/reconcile-store.ts';
import type { ReplicaDatabase } from './database.ts';
import { createReplicaManager } from './replica-manager.ts';
import { createSyncStatusStore } from './sync-status.ts';

const ORIGIN = 'http://127.0.0.1:4848';
const login = (id: string, token: string): LoginResult => ({ token, expiresAt: '2099-01-01T00:00:00.000Z', deviceId: null, user: { id, email: `${id}@acme.example` } });

function setup(openDatabase: (name: string) => Promise<ReplicaDatabase>) {
  const results = [login('u1', 't1'), login('u2', 't2')];
  const sessionStore = createSessionStore({
    platform: webPlatform({ origin: ORIGIN, sessionStorage: memoryStorage(), localStorage: memoryStorage() }),
    auth: { login: () => Promise.resolve(results.shift() ?? login('u3', 't3')), logout: () => Promise.resolve() },
    now: () => 0,
  });
  const events: string[] = [];
  let expiredBy: () => void = () => undefined;
  const manager = createReplicaManager({
    sessionStore,
    syncStatus: createSyncStatusStore(),
    preferences: memoryStorage(),
    openDatabase: async (name) => {
      events.push(`open ${name}`);
      const db = await openDatabase(name);
      return db;
    },
    openReconcile: async (name) => {
      events.push(`reconcile ${name}`);
      const store = await openReconcileStore(`${name}-${Math.random().toString(36).slice(2)}`, getRxStorageMemory());
      return { ...store, close: () => (events.push('close reconcile'), store.remove()) };
    },
    startReplication: ({ onUnauthorized, reconcile, actorId }) => {
      events.push(`start ${actorId} ${typeof reconcile.record}`);
      expiredBy = onUnauthorized;
      return { stop: () => (events.push('stop'), Promise.resolve()), retryNow: () => void events.push('retry now') };
    },
    createApi: () => ({}) as ApiClient,
    now: () => 0,
  });
  const signIn = () => sessionStore.getState().signIn({ serverUrl: ORIGIN, email: 'x@acme.example', password: 'pw' });
  return { sessionStore, manager, events, signIn, expire: () => expiredBy() };
}

const fakeDb = (events?: string[]): ReplicaDatabase => ({ close: () => (events?.push('close'), Promise.resolve(true)) }) as unknown as ReplicaDatabase;

describe('replica manager', () => {
  it("opens the signed-in person's own replica and closes it (keeping it) on sign-out", async () => {
    const closed: string[] = [];
    const { sessionStore, manager, events, signIn } = setup(() => Promise.resolve(fakeDb(closed)));
    expect(manager.store.getState().status).toBe('closed');
    await signIn();
    await manager.settled();
    expect(manager.store.getState().status).toBe('open');
    expect(events).toEqual([expect.stringMatching(/^open steward-[a-z0-9]+-u1$/) as unknown, expect.stringMatching(/^reconcile steward-[a-z0-9]+-u1$/) as unknown, 'start u1 function']);
    await sessionStore.getState().signOut();
    await manager.settled();
    expect(manager.store.getState().status).toBe('closed');
    expect(events.slice(3)).toEqual(['stop', 'close reconcile']);
    expect(closed).toEqual(['close']);
  });

  it('gives each person a different replica', async () => {
    const { sessionStore, manager, events, signIn } = setup(() => Promise.resolve(fakeDb()));
    await signIn();
    await manager.settled();
    await sessionStore.getState().signOut();
    await signIn();
    await manager.settled();
    const opened = events.filter((e) => e.startsWith('open'));
    expect(opened).toHaveLength(2);
    expect(opened[0]).not.toBe(opened[1]);
  });

  it('ends the session when replication reports the token refused', async () => {
    const { sessionStore, manager, signIn, expire } = setup(() => Promise.resolve(fakeDb()));
    await signIn();
    await manager.settled();
    expire();
    await manager.settled();
    expect(sessionStore.getState().session).toBeNull();
    expect(manager.store.getState().status).toBe('closed');
  });

  it('says why the replica could not open, and can try again', async () => {
    const open = vi.fn<(name: string) => Promise<ReplicaDatabase>>().mockRejectedValueOnce(new Error('IndexedDB is disabled')).mockResolvedValue(fakeDb());
    const { manager, signIn } = setup(open);
    await signIn();
    await manager.settled();
    expect(manager.store.getState()).toEqual({ status: 'failed', error: 'The local replica could not be opened: IndexedDB is disabled' });
    await manager.retry();
    expect(manager.store.getState().status).toBe('open');
    await manager.dispose();
    expect(manager.store.getState().status).toBe('closed');
  });
});
