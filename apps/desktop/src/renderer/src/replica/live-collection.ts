/**
 * A collection's documents, kept current incrementally: one query when the
 * screen opens, then RxDB's change events applied to an in-memory map,
 * emitted at most every `throttleMs`. Why not `find().$`: during the initial
 * sync each 1,000-document batch would make RxDB re-run the whole query
 * over up to 50,000 audit events; applying the batch's changes costs only
 * the batch.
 */
import { Observable, Subject, auditTime } from 'rxjs';
import type { ReplicaCollection } from './database.ts';

export type Change<T> = { readonly op: 'upsert'; readonly id: string; readonly doc: T } | { readonly op: 'delete'; readonly id: string };

export interface LiveSource<T> {
  load(): Promise<readonly T[]>;
  readonly changes$: Observable<readonly Change<T>[]>;
}

export function liveCollection<T>(source: LiveSource<T>, idOf: (doc: T) => string, throttleMs: number): Observable<readonly T[]> {
  return new Observable<readonly T[]>((subscriber) => {
    const docs = new Map<string, T>();
    let buffered: (readonly Change<T>[])[] | null = [];
    const apply = (changes: readonly Change<T>[]): void => {
      for (const change of changes) {
        if (change.op === 'upsert') docs.set(change.id, change.doc);
        else docs.delete(change.id);
      }
    };
    const dirty = new Subject<void>();
    const emitting = dirty.pipe(auditTime(throttleMs)).subscribe(() => subscriber.next([...docs.values()]));
    // Subscribe before loading, so nothing written while the query runs is missed; applying twice is harmless.
    const changes = source.changes$.subscribe((batch) => {
      if (buffered !== null) buffered.push(batch);
      else {
        apply(batch);
        dirty.next();
      }
    });
    source.load().then(
      (initial) => {
        for (const doc of initial) docs.set(idOf(doc), doc);
        for (const batch of buffered ?? []) apply(batch);
        buffered = null;
        subscriber.next([...docs.values()]);
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => {
      changes.unsubscribe();
      emitting.unsubscribe();
    };
  });
}

type ReplicaDoc = Readonly<Record<string, unknown>> & { readonly id: string };

/** The LiveSource of a replica collection: live (non-deleted) documents as plain data. */
export function replicaSource(collection: ReplicaCollection): LiveSource<ReplicaDoc> {
  return {
    load: async () => (await collection.find().exec()).map((doc) => doc.toJSON() as ReplicaDoc),
    changes$: new Observable<readonly Change<ReplicaDoc>[]>((subscriber) =>
      collection.eventBulks$.subscribe((bulk) =>
        subscriber.next(
          bulk.events.map((event): Change<ReplicaDoc> => {
            const doc = event.documentData as ReplicaDoc & { readonly _deleted?: boolean };
            return event.operation === 'DELETE' || doc._deleted === true ? { op: 'delete', id: event.documentId } : { op: 'upsert', id: event.documentId, doc };
          }),
        ),
      ),
    ),
  };
}
