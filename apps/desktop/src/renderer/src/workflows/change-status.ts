/**
 * What became of a local write, as the person who made it sees it:
 * "saved locally" until replication has pushed it and the server answered,
 * "synced" once it did, "rejected (reason)" when the server refused it,
 * "conflict" when it was changed on the server too (the Sync center
 * resolves both). Read from the sync status store (pending `collection/id`
 * keys, refusals, the reconcile queue's open items); a watch started before the write remembers that the push began,
 * so a push that settles quickly still reads as synced, not as never sent.
 */
import type { CollectionName } from '../api/types.ts';
import type { RejectedWrite, SyncStatusState, SyncStatusStore } from '../replica/sync-status.ts';

export type ChangeStatus = { readonly kind: 'local' } | { readonly kind: 'synced' } | { readonly kind: 'rejected'; readonly reason: string } | { readonly kind: 'conflict' };

/** What the status reads from the sync status store. */
export type SyncView = Pick<SyncStatusState, 'pending' | 'rejections' | 'openItems'>;

export interface TrackedChange {
  readonly collection: CollectionName;
  readonly id: string;
  /** Date.now() just before the write: refusals older than this belong to an earlier write. */
  readonly sinceMs: number;
  /** The push of this write has been seen to start. */
  readonly pushSeen: boolean;
}

export const changeKey = (collection: CollectionName, id: string): string => `${collection}/${id}`;

/** The tracked change after the sync status moved on. */
export function observe(change: TrackedChange, state: Pick<SyncStatusState, 'pending'>): TrackedChange {
  return !change.pushSeen && state.pending.has(changeKey(change.collection, change.id)) ? { ...change, pushSeen: true } : change;
}

function refusalOf(state: Pick<SyncStatusState, 'rejections'>, collection: CollectionName, id: string, sinceMs: number): RejectedWrite | undefined {
  return state.rejections.findLast((r) => r.collection === collection && r.id === id && r.at >= sinceMs);
}

/** An open reconcile item for the document: a conflict, or a refusal kept from before this session. */
function openItemStatus(state: SyncView, collection: CollectionName, id: string): ChangeStatus | null {
  const open = state.openItems.get(changeKey(collection, id));
  if (open === 'conflict') return { kind: 'conflict' };
  if (open === 'rejection') return { kind: 'rejected', reason: refusalOf(state, collection, id, 0)?.reason ?? 'the server refused it; the Sync center has the details' };
  return null;
}

export function statusOfTracked(change: TrackedChange, state: SyncView): ChangeStatus {
  const refusal = refusalOf(state, change.collection, change.id, change.sinceMs);
  if (refusal !== undefined) return { kind: 'rejected', reason: refusal.reason };
  const open = openItemStatus(state, change.collection, change.id);
  if (open !== null) return open;
  if (!change.pushSeen || state.pending.has(changeKey(change.collection, change.id))) return { kind: 'local' };
  return { kind: 'synced' };
}

/** For a document this screen did not write itself: only what the sync status knows (null: nothing outstanding). */
export function statusOfUntracked(collection: CollectionName, id: string, state: SyncView): ChangeStatus | null {
  const open = openItemStatus(state, collection, id);
  if (open !== null) return open;
  return state.pending.has(changeKey(collection, id)) ? { kind: 'local' } : null;
}

export function describeStatus(status: ChangeStatus): string {
  switch (status.kind) {
    case 'local':
      return 'Saved locally';
    case 'synced':
      return 'Synced';
    case 'rejected':
      return `Rejected (${status.reason})`;
    case 'conflict':
      return 'Conflict (changed on the server too)';
  }
}

/**
 * Starts watching the sync status for one write; call it before writing.
 * `onChange` gets every update; the returned function stops the watch.
 */
export function watchChange(store: SyncStatusStore, collection: CollectionName, id: string, sinceMs: number, onChange: (change: TrackedChange) => void): () => void {
  let change: TrackedChange = observe({ collection, id, sinceMs, pushSeen: false }, store.getState());
  onChange(change);
  return store.subscribe((state) => {
    const next = observe(change, state);
    if (next !== change) {
      change = next;
      onChange(change);
    }
  });
}
