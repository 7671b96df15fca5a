import type { AuditReview } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import type { ChangeFacts } from '../replica/change-status.ts';
import { markOf, reviewChangeStatus, reviewsByEvent } from './review-status.ts';

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
const none: ChangeFacts = { pending: new Set(), unsent: new Set(), rejections: [], openItems: new Map() };

describe('review change status', () => {
  it('is saved locally until the server has given it a revision, even with nothing in flight (after a restart)', () => {
    expect(reviewChangeStatus(review(R1, { revision: 0 }), none)).toEqual({ kind: 'saved-locally', sending: false });
    expect(reviewChangeStatus(review(R1), none)).toEqual({ kind: 'synced' });
    expect(reviewChangeStatus(review(R1), { ...none, pending: new Set([`auditEvents/${R1}`, `auditReviews/${R2}`]) })).toEqual({ kind: 'synced' });
  });

  it('is rejected, with the reason, when the server refused it — whatever else is true', () => {
    const facts = { ...none, pending: new Set([`auditReviews/${R1}`]), rejections: [{ collection: 'auditReviews' as const, id: R1, code: 'FORBIDDEN', reason: 'You lack audit:review.', at: 1 }] };
    expect(reviewChangeStatus(review(R1, { revision: 0 }), facts)).toEqual({ kind: 'rejected', code: 'FORBIDDEN', reason: 'You lack audit:review.' });
  });
});

describe('reviews by event', () => {
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
