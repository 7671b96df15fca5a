/**
 * Officers' reviews of audit events, as the audit log shows them. Reviews
 * are append-only: each is its own document, and the newest for an event
 * (by createdAt, then id — UUIDv7 ids are time-ordered) is its current
 * state. Each review written on this device also has a change status
 * (replica/change-status.ts) — so nothing done offline is lost silently.
 */
import type { AuditReview } from '@steward/domain';
import { changeStatusOf, type ChangeFacts, type ChangeStatus } from '../replica/change-status.ts';

export type ReviewState = AuditReview['state'];

/** What the table says about an event: nothing yet, reviewed, or a finding (flagged / follow-up). */
export type ReviewMark = 'reviewed' | 'finding';

export const REVIEW_STATE_LABEL: Readonly<Record<ReviewState, string>> = { reviewed: 'Reviewed', flagged: 'Finding', 'follow-up': 'Follow-up' };

export function markOf(state: ReviewState): ReviewMark {
  return state === 'reviewed' ? 'reviewed' : 'finding';
}

/**
 * A review's change status. The server gives every document it accepts a
 * revision ≥ 1 and the replica receives it back on pull; until then the
 * review exists only on this device (saved locally, also after a restart).
 * A review this device wrote that is no longer in the replica is looked up
 * as `{ id, revision: 0 }`: rejected if refused, else still saved locally.
 */
export function reviewChangeStatus(review: Pick<AuditReview, 'id' | 'revision'>, facts: ChangeFacts): ChangeStatus {
  return changeStatusOf(facts, 'auditReviews', review.id, { localOnly: review.revision === 0 });
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
