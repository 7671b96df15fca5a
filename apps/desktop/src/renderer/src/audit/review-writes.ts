/**
 * Recording reviews: each is a new auditReviews document (reviews are
 * append-only; a new one supersedes), written through the local writer, so
 * the domain's checkWrite judges it against the replica first (audit:review
 * in the event's tenant) and it works offline. Replication pushes it.
 */
import type { AuditReview } from '@steward/domain';
import type { LocalWriter } from '../replica/local-writes.ts';
import type { AuditRow } from './audit-row.ts';
import type { ReviewState } from './review-status.ts';

export interface ReviewDraft {
  readonly state: ReviewState;
  readonly note: string;
}

/** A new review of `row`'s event. The server sets the reviewer (the signed-in actor) and the revision. */
export function newReview(row: Pick<AuditRow, 'id' | 'doc'>, draft: ReviewDraft, ids: { readonly id: string; readonly reviewerId: string; readonly now: string }): AuditReview {
  const tenantId = row.doc['tenantId'];
  return {
    id: ids.id,
    tenantId: typeof tenantId === 'string' && tenantId !== '' ? tenantId : null,
    revision: 0,
    updatedAt: ids.now,
    _deleted: false,
    eventId: row.id,
    reviewerId: ids.reviewerId,
    state: draft.state,
    note: draft.note.trim(),
    createdAt: ids.now,
  };
}

export interface ReviewOutcome {
  /** The reviews stored in the replica: which event, which review document. */
  readonly saved: readonly { readonly eventId: string; readonly reviewId: string; readonly review: AuditReview }[];
  /** Event id → why the review was refused on this device. */
  readonly refused: ReadonlyMap<string, string>;
}

/** Writes one review per row, one after another; a refusal of one does not stop the rest. */
export async function recordReviews(
  writer: LocalWriter,
  rows: readonly Pick<AuditRow, 'id' | 'doc'>[],
  draft: ReviewDraft,
  ids: { readonly newId: () => string; readonly reviewerId: string; readonly now: () => string },
): Promise<ReviewOutcome> {
  const saved: { eventId: string; reviewId: string; review: AuditReview }[] = [];
  const refused = new Map<string, string>();
  for (const row of rows) {
    const review = newReview(row, draft, { id: ids.newId(), reviewerId: ids.reviewerId, now: ids.now() });
    try {
      const result = await writer.write('auditReviews', review);
      if (result.ok) saved.push({ eventId: row.id, reviewId: review.id, review: result.doc });
      else refused.set(row.id, result.issues.map((issue) => issue.message).join(' '));
    } catch (error) {
      refused.set(row.id, `The review could not be stored on this device: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { saved, refused };
}
