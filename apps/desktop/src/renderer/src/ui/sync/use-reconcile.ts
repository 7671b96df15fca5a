/**
 * The Sync center's hooks: the open replica's reconcile store, its open
 * items (live), the decided ones, and the officer's decisions acting as the
 * signed-in person.
 */
import { useEffect, useMemo, useState } from 'react';
import { createDecisions, type ReconcileDecisions } from '../../reconcile/decisions.ts';
import type { ReconcileItem } from '../../reconcile/reconcile-item.ts';
import type { ReconcileStore } from '../../reconcile/reconcile-store.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { useAppServices, useSlice } from '../app-services.ts';

/** The reconcile store of the open replica; null while it is not open. */
export function useReconcileStore(): ReconcileStore | null {
  const { replicaManager } = useAppServices();
  return useSlice(replicaManager.store, (s) => (s.status === 'open' ? s.reconcile : null));
}

export interface ReconcileItems {
  /** Open items, oldest first; null until read once. */
  readonly open: readonly ReconcileItem[] | null;
  /** Decided items, newest first (re-read whenever the open list changes). */
  readonly decided: readonly ReconcileItem[];
  readonly error: string | null;
}

export function useReconcileItems(store: ReconcileStore): ReconcileItems {
  const [open, setOpen] = useState<readonly ReconcileItem[] | null>(null);
  const [decided, setDecided] = useState<readonly ReconcileItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const sub = store.items$.subscribe({
      next: (items) => {
        setOpen(items);
        store
          .all()
          .then((all) => live && setDecided(all.filter((item) => item.status === 'resolved')))
          .catch(() => undefined);
      },
      error: (e: unknown) => setError(`The reconcile list could not be read: ${e instanceof Error ? e.message : String(e)}`),
    });
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [store]);
  return { open, decided, error };
}

/** Decisions as the signed-in person, on this replica and store. */
export function useDecisions(db: ReplicaDatabase, store: ReconcileStore): ReconcileDecisions {
  const { sessionStore } = useAppServices();
  const actorId = useSlice(sessionStore, (s) => s.session?.user.id ?? '');
  return useMemo(() => createDecisions({ db, reconcile: store, actorId, now: () => new Date().toISOString() }), [db, store, actorId]);
}
