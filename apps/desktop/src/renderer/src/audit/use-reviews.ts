/**
 * The replica's audit reviews by event, with what the sync status says
 * about each (pending push, refusals), for the table, the details panel and
 * the bulk bar. One subscription for the whole screen.
 */
import type { AuditReview } from '@steward/domain';
import { createContext, useContext, useMemo } from 'react';
import type { ReplicaDatabase } from '../replica/database.ts';
import { useAppServices, useSlice } from '../ui/app-services.ts';
import { useDocuments } from '../ui/use-replica.tsx';
import { reviewsByEvent, type SyncFacts } from './review-status.ts';

export interface AuditReviews {
  /** Each event's reviews, newest first. */
  readonly byEvent: ReadonlyMap<string, readonly AuditReview[]>;
  readonly byId: ReadonlyMap<string, AuditReview>;
  readonly sync: SyncFacts;
  readonly error: string | null;
}

const EMPTY: AuditReviews = { byEvent: new Map(), byId: new Map(), sync: { pending: new Set(), rejections: [], openItems: new Map() }, error: null };

export function useAuditReviews(db: ReplicaDatabase): AuditReviews {
  const { syncStatus } = useAppServices();
  const { docs, error } = useDocuments(db, 'auditReviews');
  const pending = useSlice(syncStatus, (s) => s.pending);
  const rejections = useSlice(syncStatus, (s) => s.rejections);
  const openItems = useSlice(syncStatus, (s) => s.openItems);
  const byEvent = useMemo(() => reviewsByEvent(docs ?? []), [docs]);
  const byId = useMemo(() => new Map((docs ?? []).map((review) => [review.id, review])), [docs]);
  return useMemo(() => ({ byEvent, byId, sync: { pending, rejections, openItems }, error }), [byEvent, byId, pending, rejections, openItems, error]);
}

export const AuditReviewsContext = createContext<AuditReviews>(EMPTY);

export function useReviewsContext(): AuditReviews {
  return useContext(AuditReviewsContext);
}
