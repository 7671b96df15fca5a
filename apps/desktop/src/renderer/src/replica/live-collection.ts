/**
 * A collection's documents, kept current incrementally: one read when the
 * screen opens, then RxDB's change events applied to an in-memory map,
 * emitted at most every `throttleMs`. Why not `find().$`: during the initial
 * sync each 1,000-document batch would make RxDB re-run the whole query
 * over up to 50,000 audit events; applying the batch's changes costs only
 * the batch.
 *
 * A source may also offer a small first read (the newest page of the audit
 * log): `progressiveCollection` emits it, marked incomplete, as soon as it
 * is read, then reads everything in the background and emits the complete
 * set — changes arriving meanwhile applied to both.
 */
import { Observable, Subject, auditTime, filter, map } from 'rxjs';
import { readLive, readNewest, type ReplicaDoc } from './bulk-read.ts';
import type { ReplicaCollection } from './database.ts';

export type Change<T> = { readonly op: 'upsert'; readonly id: string; readonly doc: T } | { readonly op: 'delete'; readonly id: string };

export interface LiveSource<T> {
  /** Every document. */
  load(): Promise<readonly T[]>;
  /** A few documents to show while `load` runs (e.g. the newest page); progressiveCollection reads them first. */
  loadFirst?(): Promise<readonly T[]>;
  readonly changes$: Observable<readonly Change<T>[]>;
}

export interface Loaded<T> {
  readonly docs: readonly T[];
  /** false while only the first read (plus changes since) is in: `docs` is a part of the collection. */
  readonly complete: boolean;
}

export interface ProgressiveOptions {
  /** Waited for between emitting the first read and starting the full one (the first page's paint); default: a macrotask. */
  readonly beforeRest?: () => Promise<void>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function progressiveCollection<T>(source: LiveSource<T>, idOf: (doc: T) => string, throttleMs: number, options: ProgressiveOptions = {}): Observable<Loaded<T>> {
  return new Observable<Loaded<T>>((subscriber) => {
    let docs = new Map<string, T>();
    // Every change since subscribing, until the full read is in: the full read may predate any of them, so they are applied again on top of it.
    let sinceSubscribed: (readonly Change<T>[])[] | null = [];
    let shown: 'nothing' | 'part' | 'all' = 'nothing';
    let closed = false;
    const apply = (changes: readonly Change<T>[]): void => {
      for (const change of changes) {
        if (change.op === 'upsert') docs.set(change.id, change.doc);
        else docs.delete(change.id);
      }
    };
    const emit = (): void => subscriber.next({ docs: [...docs.values()], complete: shown === 'all' });
    const dirty = new Subject<void>();
    const emitting = dirty.pipe(auditTime(throttleMs)).subscribe(emit);
    // Subscribe before reading, so nothing written while a read runs is missed; applying a change twice is harmless.
    const changes = source.changes$.subscribe((batch) => {
      sinceSubscribed?.push(batch);
      if (shown === 'nothing') return;
      apply(batch);
      dirty.next();
    });
    const fail = (error: unknown): void => subscriber.error(error);

    const readAll = (): void => {
      if (closed) return;
      source.load().then((all) => {
        docs = new Map(all.map((doc) => [idOf(doc), doc]));
        for (const batch of sinceSubscribed ?? []) apply(batch);
        sinceSubscribed = null;
        shown = 'all';
        emit();
      }, fail);
    };
    if (source.loadFirst === undefined) readAll();
    else
      source.loadFirst().then((first) => {
        if (closed) return;
        for (const doc of first) docs.set(idOf(doc), doc);
        for (const batch of sinceSubscribed ?? []) apply(batch);
        shown = 'part';
        emit();
        (options.beforeRest ?? nextTask)().then(readAll, fail);
      }, fail);

    return () => {
      closed = true;
      changes.unsubscribe();
      emitting.unsubscribe();
    };
  });
}

/** Every document, kept current: emits only once the whole collection is read. */
export function liveCollection<T>(source: LiveSource<T>, idOf: (doc: T) => string, throttleMs: number): Observable<readonly T[]> {
  const whole: LiveSource<T> = { load: () => source.load(), changes$: source.changes$ };
  return progressiveCollection(whole, idOf, throttleMs).pipe(
    filter((loaded) => loaded.complete),
    map((loaded) => loaded.docs),
  );
}

export interface ReplicaSourceOptions {
  /** Read the `limit` documents greatest in this indexed field first (progressiveCollection). */
  readonly first?: { readonly newestBy: string; readonly limit: number };
}

/** The LiveSource of a replica collection: live (non-deleted) documents as plain data. */
export function replicaSource(collection: ReplicaCollection, options: ReplicaSourceOptions = {}): LiveSource<ReplicaDoc> {
  const first = options.first;
  return {
    load: () => readLive(collection),
    ...(first === undefined ? {} : { loadFirst: () => readNewest(collection, first.newestBy, first.limit) }),
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
