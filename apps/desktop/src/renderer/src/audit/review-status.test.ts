import type { AuditReview } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { changeStatusLabel, changeStatusOf, markOf, reviewsByEvent } from './review-status.ts';

const review = (id: string, fields: Partial<AuditReview> = {}): AuditReview => ({
  id,
  tenantId: '01900000-0000-7000-8000-00000000000a',
  revision: 1,
  updatedAt: '2026-02-02T10:00:00.000Z',
  _deleted: false,
  eventId: '01900000-0000-7000-8000-000000001001',
  reviewerId: '01900000-0000-7000-8000-0000000000a2',
  state: 'reviewed',
  note: '',
  createdAt: '2026-02-02T10:00:00.000Z',
  ...fields,
});
const R1 = '01900000-0000-7000-8000-000000000c01';
const R2 = '01900000-0000-7000-8000-000000000c02';
const none = { pending: new Set<string>(), rejections: [], openItems: new Map<string, string>() };

describe('review change status', () => {
  it('is saved locally until the server has given it a revision, and while its push is unanswered', () => {
    expect(changeStatusOf(review(R1, { revision: 0 }), none)).toEqual({ kind: 'saved-locally' });
    expect(changeStatusOf(review(R1), { ...none, pending: new Set([`auditReviews/${R1}`]) })).toEqual({ kind: 'saved-locally' });
    expect(changeStatusOf(review(R1), { ...none, pending: new Set([`auditEvents/${R1}`, `auditReviews/${R2}`]) })).toEqual({ kind: 'synced' });
  });

  it('is rejected, with the reason, when the server refused it — whatever else is true', () => {
    const sync = { ...none, pending: new Set([`auditReviews/${R1}`]), rejections: [{ collection: 'auditReviews' as const, id: R1, code: 'FORBIDDEN', reason: 'You lack audit:review.', at: 1 }, { collection: 'auditEvents' as const, id: R2, code: 'INVALID', reason: 'x', at: 2 }] };
    const status = changeStatusOf(review(R1, { revision: 0 }), sync);
    expect(status).toEqual({ kind: 'rejected', code: 'FORBIDDEN', reason: 'You lack audit:review.' });
    expect(changeStatusLabel(status)).toBe('rejected (You lack audit:review.)');
    expect(changeStatusOf(review(R2, { revision: 0 }), sync)).toEqual({ kind: 'saved-locally' });
    expect(changeStatusLabel({ kind: 'synced' })).toBe('synced');
    // Refused in an earlier session: the reconcile store still holds it open.
    expect(changeStatusOf(review(R2), { ...none, openItems: new Map([[`auditReviews/${R2}`, 'rejection']]) })).toMatchObject({ kind: 'rejected', reason: 'kept in the Sync center for you to decide' });
    expect(changeStatusOf(review(R2), { ...none, openItems: new Map([[`auditEvents/${R2}`, 'rejection']]) })).toEqual({ kind: 'synced' });
    expect(changeStatusLabel({ kind: 'saved-locally' })).toBe('saved locally');
  });

  it('orders each event\'s reviews newest first: a newer review supersedes', () => {
    const other = '01900000-0000-7000-8000-000000001002';
    const byEvent = reviewsByEvent([
      review(R1, { createdAt: '2026-02-02T10:00:00.000Z' }),
      review(R2, { createdAt: '2026-02-03T10:00:00.000Z', state: 'flagged', note: 'payroll role granted without ticket' }),
      review('01900000-0000-7000-8000-000000000c03', { eventId: other }),
      review('01900000-0000-7000-8000-000000000c00', { createdAt: '2026-02-03T10:00:00.000Z' }),
    ]);
    expect(byEvent.get('01900000-0000-7000-8000-000000001001')?.map((r) => r.id)).toEqual([R2, '01900000-0000-7000-8000-000000000c00', R1]);
    expect(byEvent.get(other)).toHaveLength(1);
    expect(markOf('reviewed')).toBe('reviewed');
    expect(markOf('flagged')).toBe('finding');
    expect(markOf('follow-up')).toBe('finding');
  });
});
