/**
 * Where one local change stands, as the screen it was made on shows it —
 * the one rule every screen uses:
 *
 * - "conflict": changed here and on the server; the Sync center resolves it.
 * - "rejected": the server refused it (this session, with its code and
 *   reason), or the reconcile store keeps a refusal from before.
 * - "saved locally": in the replica, not yet answered by the server —
 *   written and not picked up by push (`unsent`), sent and unanswered
 *   (`pending`, "sending"), or known to exist only here (a document the
 *   server never gave a revision).
 * - "synced": none of the above; the server holds it.
 *
 * Read from the sync status store; `since` (epoch ms of the write) keeps a
 * refusal of an earlier write of the same document from being shown as this
 * one's.
 */
import type { CollectionName } from '../api/types.ts';
import { itemKey } from '../reconcile/reconcile-item.ts';
import type { SyncStatusState } from './sync-status.ts';

export type ChangeStatus =
  | { readonly kind: 'saved-locally'; readonly sending: boolean }
  | { readonly kind: 'synced' }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string }
  | { readonly kind: 'conflict' };

export type ChangeStatusKind = ChangeStatus['kind'];

/** What the status is computed from: the sync status store's state. */
export type ChangeFacts = Pick<SyncStatusState, 'pending' | 'unsent' | 'rejections' | 'openItems'>;

export interface ChangeQuery {
  /** Epoch ms of the write: refusals older than this belong to an earlier write. */
  readonly since?: number;
  /** The document is known to exist only on this device (e.g. it has no server revision yet). */
  readonly localOnly?: boolean;
}

const KEPT_REFUSAL = 'the server refused it; the Sync center has the details';

export function changeStatusOf(facts: ChangeFacts, collection: CollectionName, id: string, query: ChangeQuery = {}): ChangeStatus {
  const key = itemKey(collection, id);
  const open = facts.openItems.get(key);
  if (open === 'conflict') return { kind: 'conflict' };
  const since = query.since ?? 0;
  const refusal = facts.rejections.findLast((r) => r.collection === collection && r.id === id && r.at >= since);
  if (refusal !== undefined) return { kind: 'rejected', code: refusal.code, reason: refusal.reason };
  if (open === 'rejection') {
    const earlier = facts.rejections.findLast((r) => r.collection === collection && r.id === id);
    return { kind: 'rejected', code: earlier?.code ?? 'REFUSED', reason: earlier?.reason ?? KEPT_REFUSAL };
  }
  if (facts.pending.has(key)) return { kind: 'saved-locally', sending: true };
  if (facts.unsent.has(key) || query.localOnly === true) return { kind: 'saved-locally', sending: false };
  return { kind: 'synced' };
}

/** For a document this screen did not write: its status only while something is outstanding (null once synced). */
export function outstandingStatusOf(facts: ChangeFacts, collection: CollectionName, id: string): ChangeStatus | null {
  const status = changeStatusOf(facts, collection, id);
  return status.kind === 'synced' ? null : status;
}

export const CHANGE_STATUS_LABELS: Readonly<Record<ChangeStatusKind, string>> = {
  'saved-locally': 'Saved locally',
  synced: 'Synced',
  rejected: 'Rejected',
  conflict: 'Conflict',
};

/** A sentence-length explanation, for a tooltip. */
export function changeStatusTitle(status: ChangeStatus): string {
  switch (status.kind) {
    case 'saved-locally':
      return status.sending ? 'In the local replica; sent, waiting for the server’s answer' : 'In the local replica; it goes to the server when the console is online';
    case 'synced':
      return 'The server holds this change';
    case 'rejected':
      return `The server refused this change: ${status.reason} (open the Sync center to re-apply, edit or discard)`;
    case 'conflict':
      return 'Changed here and on the server: choose in the Sync center';
  }
}

/** The label with the server's reason for a rejection: "Rejected (requester approves own request)". */
export function describeChangeStatus(status: ChangeStatus): string {
  switch (status.kind) {
    case 'rejected':
      return `Rejected (${status.reason})`;
    case 'conflict':
      return 'Conflict (changed on the server too)';
    default:
      return CHANGE_STATUS_LABELS[status.kind];
  }
}
