/**
 * What the header says about syncing — initial-sync progress, online or
 * not, when the replica last heard from the server, what is waiting to be
 * pushed, what the server refused — as UI state (zustand). The data itself
 * is in RxDB; this only counts and remembers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CollectionName } from '../api/types.ts';
import { itemKey, type ReconcileItem, type ReconcileKind } from '../reconcile/reconcile-item.ts';
import type { PushRefusal } from './documents.ts';

export type Connection = 'connecting' | 'online' | 'offline';

export interface CollectionProgress {
  /** Documents pulled (or streamed) since the replica opened. */
  readonly received: number;
  /** RxDB's first full pull (and push) cycle finished. */
  readonly initialDone: boolean;
}

/** What push was refused this session (the reconcile store keeps every refusal across restarts, with what to do about it). */
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
  /** `collection/id` of local writes push has not picked up yet (offline, push stays busy with its first batch). */
  readonly unsent: ReadonlySet<string>;
  readonly rejections: readonly RejectedWrite[];
  /** Open items of the reconcile store: refused changes and conflicts waiting for a decision. */
  readonly reconcile: ReconcileCounts;
  /** `collection/id` → the kind of its open reconcile item(s) (a conflict outranks a rejection). */
  readonly openItems: ReadonlyMap<string, ReconcileKind>;
}

export interface ReconcileCounts {
  readonly rejected: number;
  readonly conflicts: number;
}

export interface SyncStatusActions {
  started(collections: readonly CollectionName[], now: number): void;
  received(collection: CollectionName, count: number, now: number): void;
  initialDone(collection: CollectionName, now: number): void;
  connected(now: number): void;
  disconnected(message: string): void;
  /** The network is back: connecting until the server next answers (or a request fails again). */
  reconnecting(): void;
  /** Documents written on this device (not by replication): waiting to be pushed. */
  localWritten(collection: CollectionName, ids: readonly string[]): void;
  pushStarted(collection: CollectionName, ids: readonly string[]): void;
  pushSettled(collection: CollectionName, ids: readonly string[], now: number): void;
  rejected(collection: CollectionName, refusals: readonly PushRefusal[], now: number): void;
  /** The reconcile store's open items changed. */
  reconcileChanged(items: readonly ReconcileItem[]): void;
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
  unsent: new Set(),
  rejections: [],
  reconcile: { rejected: 0, conflicts: 0 },
  openItems: new Map(),
};

export function createSyncStatusStore(): SyncStatusStore {
  return createStore<SyncStatusState & SyncStatusActions>()((set, get) => {
    const progressOf = (collection: CollectionName): CollectionProgress => get().collections[collection] ?? { received: 0, initialDone: false };
    const withProgress = (collection: CollectionName, progress: CollectionProgress) => ({ ...get().collections, [collection]: progress });
    return {
      ...INITIAL,
      started: (collections, now) =>
        set({
          ...INITIAL,
          // The reconcile store is watched from before replication starts; its counts carry over.
          reconcile: get().reconcile,
          openItems: get().openItems,
          unsent: get().unsent,
          startedAt: now,
          collections: Object.fromEntries(collections.map((c) => [c, { received: 0, initialDone: false }])),
        }),
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
      reconnecting: () => set({ connection: 'connecting', lastError: null }),
      localWritten: (collection, ids) => set({ unsent: new Set([...get().unsent, ...ids.map((id) => itemKey(collection, id))]) }),
      pushStarted: (collection, ids) => {
        const keys = ids.map((id) => itemKey(collection, id));
        const unsent = new Set(get().unsent);
        for (const key of keys) unsent.delete(key);
        set({ pending: new Set([...get().pending, ...keys]), unsent });
      },
      pushSettled: (collection, ids, now) => {
        const pending = new Set(get().pending);
        for (const id of ids) pending.delete(`${collection}/${id}`);
        set({ pending, lastSyncAt: now, connection: 'online', lastError: null });
      },
      rejected: (collection, refusals, now) => {
        if (refusals.length === 0) return;
        set({ rejections: [...get().rejections, ...refusals.map((r) => ({ ...r, collection, at: now }))] });
      },
      reconcileChanged: (items) => {
        const openItems = new Map<string, ReconcileKind>();
        for (const item of items) {
          const key = itemKey(item.collection, item.documentId);
          if (openItems.get(key) !== 'conflict') openItems.set(key, item.kind);
        }
        const conflicts = items.filter((item) => item.kind === 'conflict').length;
        set({ openItems, reconcile: { rejected: items.length - conflicts, conflicts } });
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

/** Local changes the server has not answered yet: written and not picked up, or sent and not answered. */
export function pendingCount(state: Pick<SyncStatusState, 'pending' | 'unsent'>): number {
  return state.pending.size + state.unsent.size;
}
