/**
 * What every data screen starts with: the open replica (or its opening /
 * failed state, shown the same way everywhere), live documents of a
 * collection in domain form, and the local writer acting as the signed-in
 * person.
 */
import { fromRxDocument, type CollectionName, type DocumentOf } from '@steward/domain';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ReplicaDatabase } from '../replica/database.ts';
import { liveCollection, replicaSource } from '../replica/live-collection.ts';
import { createLocalWriter, type LocalWriter } from '../replica/local-writes.ts';
import { useAppServices, useSlice } from './app-services.ts';
import { StateMessage } from './StateMessage.tsx';

/** Renders `children(db)` once the replica is open; otherwise its opening or failed state. */
export function WithReplica({ children }: { readonly children: (db: ReplicaDatabase) => ReactNode }) {
  const { replicaManager } = useAppServices();
  const replica = useSlice(replicaManager.store, (s) => s);
  if (replica.status === 'open') return <>{children(replica.db)}</>;
  if (replica.status === 'failed')
    return (
      <StateMessage title="The local replica could not be opened" tone="error">
        <p>{replica.error}</p>
        <button type="button" onClick={() => void replicaManager.retry()}>
          Try again
        </button>
      </StateMessage>
    );
  return <StateMessage title="Opening your local replica…" tone="loading" />;
}

export interface LiveDocuments<C extends CollectionName> {
  /** null until the replica has been read once. */
  readonly docs: readonly DocumentOf<C>[] | null;
  readonly error: string | null;
}

/**
 * The live (not deleted) documents of a collection, in domain form, kept
 * current as the replica changes. For the small collections; the audit log
 * reads its 50,000+ events through its own row model.
 */
export function useDocuments<C extends CollectionName>(db: ReplicaDatabase, collection: C, throttleMs = 250): LiveDocuments<C> {
  const [raw, setRaw] = useState<readonly Readonly<Record<string, unknown>>[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const sub = liveCollection(replicaSource(db.collections[collection]), (d) => d.id, throttleMs).subscribe({
      next: setRaw,
      error: (e: unknown) => setError(`The local replica could not be read: ${e instanceof Error ? e.message : String(e)}`),
    });
    return () => sub.unsubscribe();
  }, [db, collection, throttleMs]);
  const docs = useMemo(() => {
    if (raw === null) return null;
    const out: DocumentOf<C>[] = [];
    for (const data of raw) {
      const parsed = fromRxDocument(collection, data);
      if (parsed.ok && !parsed.value._deleted) out.push(parsed.value);
    }
    return out;
  }, [raw, collection]);
  return { docs, error };
}

/** The local writer for the signed-in person on this replica. */
export function useWriter(db: ReplicaDatabase): LocalWriter {
  const { sessionStore } = useAppServices();
  const actorId = useSlice(sessionStore, (s) => s.session?.user.id ?? '');
  return useMemo(() => createLocalWriter({ db, actorId, now: () => new Date().toISOString() }), [db, actorId]);
}
