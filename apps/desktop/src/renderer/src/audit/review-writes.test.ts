import { parseDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import type { LocalWriter } from '../replica/local-writes.ts';
import { auditEvent, OFFICER, TENANT } from '../replica/fixtures.ts';
import { toReplicaDocument } from '../replica/documents.ts';
import { newReview, recordReviews } from './review-writes.ts';

const rowOf = (n: number, fields: Parameters<typeof auditEvent>[1] = {}) => {
  const doc = toReplicaDocument('auditEvents', auditEvent(n, fields));
  if (doc === null) throw new Error('no id');
  return { id: doc.id, doc };
};
const ids = { id: '01900000-0000-7000-8000-000000000d01', reviewerId: OFFICER, now: '2026-02-03T09:00:00.000Z' };

describe('newReview', () => {
  it('is a valid new review of the event, in its tenant (platform-wide events have none)', () => {
    const review = newReview(rowOf(1), { state: 'flagged', note: '  no ticket  ' }, ids);
    expect(parseDocument('auditReviews', review).ok).toBe(true);
    expect(review).toMatchObject({ eventId: rowOf(1).id, tenantId: TENANT, state: 'flagged', note: 'no ticket', revision: 0, createdAt: ids.now });
    expect(newReview(rowOf(2, { tenantId: null }), { state: 'reviewed', note: '' }, ids).tenantId).toBeNull();
  });
});

describe('recordReviews', () => {
  it('writes one review per event and reports each refusal without stopping', async () => {
    const written: string[] = [];
    const writer: LocalWriter = {
      check: () => Promise.resolve([]),
      write: (_collection, next) => {
        const review = next as { eventId: string };
        if (review.eventId === rowOf(2).id) return Promise.resolve({ ok: false, issues: [{ code: 'FORBIDDEN', message: 'You lack audit:review in Globex.' }] });
        if (review.eventId === rowOf(3).id) return Promise.reject(new Error('disk full'));
        written.push(review.eventId);
        return Promise.resolve({ ok: true, doc: next });
      },
    };
    let n = 0;
    const outcome = await recordReviews(writer, [rowOf(1), rowOf(2), rowOf(3), rowOf(4)], { state: 'reviewed', note: '' }, { newId: () => `01900000-0000-7000-8000-00000000d${String(++n).padStart(3, '0')}`, reviewerId: OFFICER, now: () => ids.now });
    expect(outcome.saved.map((s) => s.eventId)).toEqual([rowOf(1).id, rowOf(4).id]);
    expect(outcome.saved.map((s) => s.reviewId)).toEqual(['01900000-0000-7000-8000-00000000d001', '01900000-0000-7000-8000-00000000d004']);
    expect(written).toEqual(outcome.saved.map((s) => s.eventId));
    expect(outcome.refused.get(rowOf(2).id)).toBe('You lack audit:review in Globex.');
    expect(outcome.refused.get(rowOf(3).id)).toMatch(/disk full/);
  });
});
