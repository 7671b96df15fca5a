/**
 * Where a change made on this screen stands: "saved locally" (in the
 * replica, not yet answered by the server), "synced" (the server took it),
 * "rejected" (refused, with the server's reason) or "conflict" (changed on
 * the server too; the Sync center resolves it). Read from the sync status
 * store: `pending` holds what push has handed over and not had answered,
 * `rejections` what the server refused this session, `openItems` what
 * waits in the reconcile queue. Unlike `changeSyncStatus` there, a change
 * push has not picked up yet counts as saved locally, not synced: the log
 * remembers whether push has had it.
 */
import type { CollectionName } from '@steward/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CHANGE_STATUS_LABELS, type SyncStatusState, type SyncStatusStore } from '../replica/sync-status.ts';

export type ChangeKind = 'grant' | 'revoke';

export interface LocalChange {
  readonly collection: CollectionName;
  readonly id: string;
  readonly kind: ChangeKind;
  /** What the person did, in words ("Granted Auditor to Maya Chen"). */
  readonly summary: string;
  /** The reason the person gave. */
  readonly reason: string;
  readonly userId: string;
  readonly tenantId: string;
  /** Epoch ms of the local write. */
  readonly at: number;
  /** Push has picked it up at least once since it was written. */
  readonly handed: boolean;
}

export type ChangeStatus =
  | { readonly kind: 'saved-locally'; readonly sending: boolean }
  | { readonly kind: 'synced' }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string }
  | { readonly kind: 'conflict' };

export const changeKey = (collection: CollectionName, id: string): string => `${collection}/${id}`;

export function changeStatusOf(change: LocalChange, sync: Pick<SyncStatusState, 'pending' | 'rejections' | 'openItems'>): ChangeStatus {
  const key = changeKey(change.collection, change.id);
  const open = sync.openItems.get(key);
  if (open === 'conflict') return { kind: 'conflict' };
  const refusal = [...sync.rejections].reverse().find((r) => r.collection === change.collection && r.id === change.id && r.at >= change.at);
  if (refusal !== undefined) return { kind: 'rejected', code: refusal.code, reason: refusal.reason };
  if (open === 'rejection') return { kind: 'rejected', code: 'REJECTED', reason: 'The server refused this change; the Sync center has the details.' };
  const inFlight = sync.pending.has(key);
  if (inFlight || !change.handed) return { kind: 'saved-locally', sending: inFlight };
  return { kind: 'synced' };
}

export function changeStatusLabel(status: ChangeStatus): string {
  return CHANGE_STATUS_LABELS[status.kind];
}

export interface ChangeLogState {
  /** Newest first. */
  readonly changes: readonly LocalChange[];
  record(change: Omit<LocalChange, 'handed'>): void;
}

export type ChangeLogStore = StoreApi<ChangeLogState>;

/**
 * The changes made here this session, kept while the person moves between
 * screens. It watches the sync store so a change counts as handed over even
 * when push picks it up and is answered between two renders.
 */
export function createChangeLog(sync: SyncStatusStore): ChangeLogStore & { stop(): void } {
  const store = createStore<ChangeLogState>()((set, get) => ({
    changes: [],
    record: (change) => {
      const handed = sync.getState().pending.has(changeKey(change.collection, change.id));
      set({ changes: [{ ...change, handed }, ...get().changes.filter((c) => !(c.collection === change.collection && c.id === change.id && c.at === change.at))] });
    },
  }));
  const stop = sync.subscribe((state) => {
    const { changes } = store.getState();
    if (!changes.some((c) => !c.handed && state.pending.has(changeKey(c.collection, c.id)))) return;
    store.setState({ changes: changes.map((c) => (!c.handed && state.pending.has(changeKey(c.collection, c.id)) ? { ...c, handed: true } : c)) });
  });
  return Object.assign(store, { stop });
}

const logs = new WeakMap<object, ChangeLogStore>();

/** One change log per replica (a replica is one person on one server), made on first use. */
export function changeLogFor(replica: object, sync: SyncStatusStore): ChangeLogStore {
  let log = logs.get(replica);
  if (log === undefined) {
    log = createChangeLog(sync);
    logs.set(replica, log);
  }
  return log;
}
