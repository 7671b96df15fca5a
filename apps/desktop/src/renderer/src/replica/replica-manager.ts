/**
 * Opens the signed-in person's replica and starts syncing it; on sign-out
 * (or an expired session) stops syncing and closes it — keeping the data on
 * disk for next time. Driven by the session store, not by React effects, so
 * opening and closing are serialised (RxDB refuses two open databases of
 * one name) whatever the UI does.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/types.ts';
import type { KeyValueStore } from '../platform/platform.ts';
import type { Session } from '../session/session.ts';
import type { SessionStore } from '../session/session-store.ts';
import { openReconcileStore, type ReconcileStore } from '../reconcile/reconcile-store.ts';
import { markOnce } from '../perf/marks.ts';
import type { ReplicaDatabase } from './database.ts';
import { replicaNameFor } from './replica-name.ts';
import type { ReplicationDeps, RunningReplication } from './replication.ts';
import type { SyncStatusStore } from './sync-status.ts';

export type ReplicaState =
  | { readonly status: 'closed' }
  | { readonly status: 'opening' }
  | { readonly status: 'open'; readonly db: ReplicaDatabase; readonly reconcile: ReconcileStore }
  | { readonly status: 'failed'; readonly error: string };

export interface ReplicaManagerDeps {
  readonly sessionStore: SessionStore;
  readonly syncStatus: SyncStatusStore;
  readonly openDatabase: (name: string) => Promise<ReplicaDatabase>;
  /** The replica's reconcile store, opened and closed with it (default: IndexedDB, named after the replica). */
  readonly openReconcile?: (replicaName: string) => Promise<ReconcileStore>;
  readonly startReplication: (deps: ReplicationDeps) => RunningReplication;
  /** Outlives sessions: replication's pull starting points (see ReplicationDeps.pullStarts). */
  readonly preferences: KeyValueStore;
  readonly createApi: (session: Session) => ApiClient;
  readonly now: () => number;
}

export interface ReplicaManager {
  readonly store: StoreApi<ReplicaState>;
  /** Tries again after a failed open. */
  retry(): Promise<void>;
  /** The network is back: the open replica's replication stops waiting out its backoff and syncs now. */
  retryNow(): void;
  /** Resolves when every open/close asked for so far has happened (tests, shutdown). */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

export function createReplicaManager(deps: ReplicaManagerDeps): ReplicaManager {
  const store = createStore<ReplicaState>()(() => ({ status: 'closed' }));
  let queue: Promise<void> = Promise.resolve();
  let current: { session: Session; db: ReplicaDatabase; reconcile: ReconcileStore; replication: RunningReplication; unwatch: () => void } | null = null;
  const openReconcile = deps.openReconcile ?? ((replicaName: string) => openReconcileStore(`${replicaName}-reconcile`));

  const close = async (): Promise<void> => {
    const open = current;
    current = null;
    if (open === null) return;
    await open.replication.stop().catch(() => undefined);
    open.unwatch();
    await open.reconcile.close().catch(() => undefined);
    await open.db.close().catch(() => undefined);
    deps.syncStatus.getState().reset();
  };

  const open = async (session: Session): Promise<void> => {
    store.setState({ status: 'opening' }, true);
    try {
      const name = replicaNameFor(session.serverUrl, session.user.id);
      markOnce('replica-opening');
      const db = await deps.openDatabase(name);
      markOnce('replica-db-open');
      let reconcile: ReconcileStore;
      try {
        reconcile = await openReconcile(name);
      } catch (error) {
        await db.close().catch(() => undefined);
        throw error;
      }
      markOnce('replica-reconcile-open');
      // The header's rejected / conflicted counts follow the store, from the moment it opens.
      const watching = reconcile.items$.subscribe((items) => deps.syncStatus.getState().reconcileChanged(items));
      const replication = deps.startReplication({
        db,
        api: deps.createApi(session),
        serverUrl: session.serverUrl,
        status: deps.syncStatus,
        reconcile,
        actorId: session.user.id,
        onUnauthorized: () => deps.sessionStore.getState().expire(),
        now: deps.now,
        pullStarts: deps.preferences,
      });
      markOnce('replication-started');
      current = { session, db, reconcile, replication, unwatch: () => watching.unsubscribe() };
      store.setState({ status: 'open', db, reconcile }, true);
    } catch (error) {
      store.setState({ status: 'failed', error: `The local replica could not be opened: ${error instanceof Error ? error.message : String(error)}` }, true);
    }
  };

  /** Brings the replica in line with the session, one transition at a time. */
  const follow = (session: Session | null): Promise<void> => {
    queue = queue.then(async () => {
      if (current !== null && current.session.token === session?.token) return;
      await close();
      if (session === null) store.setState({ status: 'closed' }, true);
      else await open(session);
    });
    return queue;
  };

  const unsubscribe = deps.sessionStore.subscribe((state, previous) => {
    if (state.session !== previous.session) void follow(state.session);
  });
  void follow(deps.sessionStore.getState().session);

  return {
    store,
    retry: () => follow(deps.sessionStore.getState().session),
    retryNow: () => current?.replication.retryNow(),
    settled: () => queue,
    dispose: async () => {
      unsubscribe();
      await follow(null);
    },
  };
}
