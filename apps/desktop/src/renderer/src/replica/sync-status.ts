/**
 * What the header says about syncing — initial-sync progress, online or
 * not, when the replica last heard from the server, what is waiting to be
 * pushed, what the server refused — as UI state (zustand). The data itself
 * is in RxDB; this only counts and remembers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CollectionName } from '../api/types.ts';
import type { PushRefusal } from './documents.ts';

export type Connection = 'connecting' | 'online' | 'offline';

export interface CollectionProgress {
  /** Documents pulled (or streamed) since the replica opened. */
  readonly received: number;
  /** RxDB's first full pull (and push) cycle finished. */
  readonly initialDone: boolean;
}

/** Kept until the reconcile queue (a later issue) lets the officer re-apply, edit or discard. */
export interface RejectedWrite extends PushRefusal {
  readonly collection: CollectionName;
  readonly at: number;
}

export interface SyncStatusState {
  readonly collections: Readonly<Partial<Record<CollectionName, CollectionProgress>>>;
  readonly connection: Connection;
  readonly startedAt: number | null;
  /** How long the first full sync took, once it finished (shown, and read by the e2e test). */
  readonly initialSyncMs: number | null;
  readonly lastSyncAt: number | null;
  readonly lastError: string | null;
  /** `collection/id` of local writes handed to push and not yet answered. */
  readonly pending: ReadonlySet<string>;
  readonly rejections: readonly RejectedWrite[];
}

export interface SyncStatusActions {
  started(collections: readonly CollectionName[], now: number): void;
  received(collection: CollectionName, count: number, now: number): void;
  initialDone(collection: CollectionName, now: number): void;
  connected(now: number): void;
  disconnected(message: string): void;
  pushStarted(collection: CollectionName, ids: readonly string[]): void;
  pushSettled(collection: CollectionName, ids: readonly string[], now: number): void;
  rejected(collection: CollectionName, refusals: readonly PushRefusal[], now: number): void;
  reset(): void;
}

export type SyncStatusStore = StoreApi<SyncStatusState & SyncStatusActions>;

const INITIAL: SyncStatusState = {
  collections: {},
  connection: 'connecting',
  startedAt: null,
  initialSyncMs: null,
  lastSyncAt: null,
  lastError: null,
  pending: new Set(),
  rejections: [],
};

export function createSyncStatusStore(): SyncStatusStore {
  return createStore<SyncStatusState & SyncStatusActions>()((set, get) => {
    const progressOf = (collection: CollectionName): CollectionProgress => get().collections[collection] ?? { received: 0, initialDone: false };
    const withProgress = (collection: CollectionName, progress: CollectionProgress) => ({ ...get().collections, [collection]: progress });
    return {
      ...INITIAL,
      started: (collections, now) =>
        set({ ...INITIAL, startedAt: now, collections: Object.fromEntries(collections.map((c) => [c, { received: 0, initialDone: false }])) }),
      received: (collection, count, now) => {
        const progress = progressOf(collection);
        set({ collections: withProgress(collection, { ...progress, received: progress.received + count }), lastSyncAt: now, connection: 'online', lastError: null });
      },
      initialDone: (collection, now) => {
        set({ collections: withProgress(collection, { ...progressOf(collection), initialDone: true }) });
        const { startedAt, initialSyncMs } = get();
        if (initialSyncMs === null && startedAt !== null && initialProgress(get()).done === initialProgress(get()).total) set({ initialSyncMs: now - startedAt, lastSyncAt: now });
      },
      connected: (now) => set({ connection: 'online', lastError: null, lastSyncAt: get().lastSyncAt ?? now }),
      disconnected: (message) => set({ connection: 'offline', lastError: message }),
      pushStarted: (collection, ids) => set({ pending: new Set([...get().pending, ...ids.map((id) => `${collection}/${id}`)]) }),
      pushSettled: (collection, ids, now) => {
        const pending = new Set(get().pending);
        for (const id of ids) pending.delete(`${collection}/${id}`);
        set({ pending, lastSyncAt: now, connection: 'online', lastError: null });
      },
      rejected: (collection, refusals, now) => {
        if (refusals.length === 0) return;
        set({ rejections: [...get().rejections, ...refusals.map((r) => ({ ...r, collection, at: now }))] });
      },
      reset: () => set(INITIAL),
    };
  });
}

/** Initial-sync progress across collections, for the progress bar. */
export function initialProgress(state: SyncStatusState): { done: number; total: number; received: number } {
  const all = Object.values(state.collections);
  return { done: all.filter((c) => c.initialDone).length, total: all.length, received: all.reduce((sum, c) => sum + c.received, 0) };
}

export function isInitialSyncRunning(state: SyncStatusState): boolean {
  const { done, total } = initialProgress(state);
  return total > 0 && done < total;
}
