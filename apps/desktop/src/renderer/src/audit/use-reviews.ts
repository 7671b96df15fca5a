/**
 * The replica's audit reviews by event, with what the sync status says
 * about each (pending push, refusals), for the table, the details panel and
 * the bulk bar. One subscription for the whole screen.
 */
import type { AuditReview } from '@steward/domain';
import { createContext, useContext, useMemo } from 'react';
import type { ReplicaDatabase } from '../replica/database.ts';
import type { ChangeFacts } from '../replica/change-status.ts';
import { useChangeFacts } from '../ui/sync/use-change-tracker.ts';
import { useDocuments } from '../ui/use-replica.tsx';
import { reviewsByEvent } from './review-status.ts';

export interface AuditReviews {
  /** Each event's reviews, newest first. */
  readonly byEvent: ReadonlyMap<string, readonly AuditReview[]>;
  readonly byId: ReadonlyMap<string, AuditReview>;
  readonly sync: ChangeFacts;
  readonly error: string | null;
}

const EMPTY: AuditReviews = { byEvent: new Map(), byId: new Map(), sync: { pending: new Set(), unsent: new Set(), rejections: [], openItems: new Map() }, error: null };

export function useAuditReviews(db: ReplicaDatabase): AuditReviews {
  const { docs, error } = useDocuments(db, 'auditReviews');
  const { pending, unsent, rejections, openItems } = useChangeFacts();
  const byEvent = useMemo(() => reviewsByEvent(docs ?? []), [docs]);
  const byId = useMemo(() => new Map((docs ?? []).map((review) => [review.id, review])), [docs]);
  return useMemo(() => ({ byEvent, byId, sync: { pending, unsent, rejections, openItems }, error }), [byEvent, byId, pending, unsent, rejections, openItems, error]);
}

export const AuditReviewsContext = createContext<AuditReviews>(EMPTY);

export function useReviewsContext(): AuditReviews {
  return useContext(AuditReviewsContext);
}
