/**
 * Officers' reviews of audit events, as the audit log shows them. Reviews
 * are append-only: each is its own document, and the newest for an event
 * (by createdAt, then id — UUIDv7 ids are time-ordered) is its current
 * state. Each review written on this device also has a change status:
 * saved locally (not yet on the server), synced, or rejected (with the
 * server's reason) — so nothing done offline is lost silently.
 */
import type { AuditReview } from '@steward/domain';
import type { RejectedWrite } from '../replica/sync-status.ts';

export type ReviewState = AuditReview['state'];

/** What the table says about an event: nothing yet, reviewed, or a finding (flagged / follow-up). */
export type ReviewMark = 'reviewed' | 'finding';

export const REVIEW_STATE_LABEL: Readonly<Record<ReviewState, string>> = { reviewed: 'Reviewed', flagged: 'Finding', 'follow-up': 'Follow-up' };

export function markOf(state: ReviewState): ReviewMark {
  return state === 'reviewed' ? 'reviewed' : 'finding';
}

export type ChangeStatus = { readonly kind: 'saved-locally' } | { readonly kind: 'synced' } | { readonly kind: 'rejected'; readonly code: string; readonly reason: string };

export interface SyncFacts {
  /** `collection/id` of writes handed to push and not yet answered. */
  readonly pending: ReadonlySet<string>;
  /** What the server refused this session, with its reasons. */
  readonly rejections: readonly RejectedWrite[];
  /** `collection/id` → open reconcile item ('rejection' | 'conflict'), kept across restarts by the reconcile store. */
  readonly openItems: ReadonlyMap<string, string>;
}

/**
 * A review's change status. The server gives every document it accepts a
 * revision ≥ 1 and the replica receives it back on pull; until then the
 * review exists only on this device. A refusal wins over both: the server
 * said no, and the officer must see why — with the server's reason when it
 * came this session, else from the reconcile store's open items. A review
 * this device wrote that is no longer in the replica is looked up as
 * `{ id, revision: 0 }`: rejected if refused, else still saved locally.
 */
export function changeStatusOf(review: Pick<AuditReview, 'id' | 'revision'>, sync: SyncFacts): ChangeStatus {
  for (let i = sync.rejections.length - 1; i >= 0; i--) {
    const rejection = sync.rejections[i];
    if (rejection !== undefined && rejection.collection === 'auditReviews' && rejection.id === review.id) return { kind: 'rejected', code: rejection.code, reason: rejection.reason };
  }
  const open = sync.openItems.get(`auditReviews/${review.id}`);
  if (open !== undefined) return { kind: 'rejected', code: open === 'conflict' ? 'CONFLICT' : 'REFUSED', reason: 'kept in the Sync center for you to decide' };
  if (sync.pending.has(`auditReviews/${review.id}`) || review.revision === 0) return { kind: 'saved-locally' };
  return { kind: 'synced' };
}

export function changeStatusLabel(status: ChangeStatus): string {
  switch (status.kind) {
    case 'saved-locally':
      return 'saved locally';
    case 'synced':
      return 'synced';
    case 'rejected':
      return `rejected (${status.reason})`;
  }
}

const newerFirst = (a: AuditReview, b: AuditReview): number => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1);

/** Every event's reviews, newest first. */
export function reviewsByEvent(reviews: readonly AuditReview[]): ReadonlyMap<string, readonly AuditReview[]> {
  const byEvent = new Map<string, AuditReview[]>();
  for (const review of reviews) {
    const list = byEvent.get(review.eventId);
    if (list === undefined) byEvent.set(review.eventId, [review]);
    else list.push(review);
  }
  for (const list of byEvent.values()) list.sort(newerFirst);
  return byEvent;
}
