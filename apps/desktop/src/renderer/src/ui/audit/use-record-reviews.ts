/** Records reviews as the signed-in officer, through the local writer (works offline). */
import { useCallback } from 'react';
import type { AuditRow } from '../../audit/audit-row.ts';
import { recordReviews, type ReviewDraft, type ReviewOutcome } from '../../audit/review-writes.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { newDocumentId } from '../../replica/ids.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { useWriter } from '../use-replica.tsx';

export function useRecordReviews(db: ReplicaDatabase): (rows: readonly AuditRow[], draft: ReviewDraft) => Promise<ReviewOutcome> {
  const writer = useWriter(db);
  const { sessionStore } = useAppServices();
  const reviewerId = useSlice(sessionStore, (s) => s.session?.user.id ?? '');
  return useCallback((rows, draft) => recordReviews(writer, rows, draft, { newId: newDocumentId, reviewerId, now: () => new Date().toISOString() }), [writer, reviewerId]);
}
