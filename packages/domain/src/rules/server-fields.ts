/**
 * Fields whose value the authority decides, whatever a client sent: the
 * server revision and time on every document, and who did what when on the
 * records that say so. A client's own clock survives only as `observedAt`.
 *
 * `withAuthoritativeFields` is applied to every incoming write before it is
 * checked or stored, and again when a retried push is compared with what is
 * stored, so a retry of a write that landed is recognised as the same write.
 */
import type { CollectionName, DocumentOf } from '../schema/collections.ts';
import type { AuditEvent } from '../schema/audit.ts';

export interface Authority {
  /** The authenticated actor. */
  readonly actorId: string;
  readonly actorType: AuditEvent['actorType'];
  /** The authority's clock, ISO-8601 with milliseconds. */
  readonly now: string;
}

/** Fields a client never sets: compared by nobody, overwritten by the server. */
export const SERVER_SET_FIELDS = ['revision', 'updatedAt'] as const;

export function withAuthoritativeFields<C extends CollectionName>(
  collection: C,
  incoming: DocumentOf<C>,
  stored: DocumentOf<C> | null,
  authority: Authority,
): DocumentOf<C> {
  const doc = { ...incoming, updatedAt: authority.now } as DocumentOf<C>;
  // Once stored, these fields are what the store says — even null (a server-written event has no
  // client observation): a client sending the stored document back changes nothing.
  switch (collection) {
    case 'auditEvents': {
      const event = doc as AuditEvent;
      const storedEvent = stored as AuditEvent | null;
      return {
        ...event,
        actorId: storedEvent === null ? authority.actorId : storedEvent.actorId,
        actorType: storedEvent === null ? authority.actorType : storedEvent.actorType,
        occurredAt: storedEvent === null ? authority.now : storedEvent.occurredAt,
        // What the client said the time was is kept, but only as an observation.
        observedAt: storedEvent === null ? (incoming as AuditEvent).occurredAt : storedEvent.observedAt,
        ledgerIndex: storedEvent === null ? null : storedEvent.ledgerIndex,
      } as DocumentOf<C>;
    }
    case 'auditReviews': {
      const review = doc as DocumentOf<'auditReviews'>;
      const storedReview = stored as DocumentOf<'auditReviews'> | null;
      return { ...review, reviewerId: storedReview === null ? authority.actorId : storedReview.reviewerId } as DocumentOf<C>;
    }
    case 'workflowRuns': {
      const run = doc as DocumentOf<'workflowRuns'>;
      const storedRun = stored as DocumentOf<'workflowRuns'> | null;
      return { ...run, requesterId: storedRun === null ? authority.actorId : storedRun.requesterId } as DocumentOf<C>;
    }
    case 'roleAssignments': {
      const assignment = doc as DocumentOf<'roleAssignments'>;
      const storedAssignment = stored as DocumentOf<'roleAssignments'> | null;
      return { ...assignment, grantedBy: storedAssignment === null ? authority.actorId : storedAssignment.grantedBy } as DocumentOf<C>;
    }
    default:
      return doc;
  }
}

/** True when two states of a document agree on every field a client controls. */
export function sameClientState(a: Record<string, unknown>, b: Record<string, unknown>, equal: (x: unknown, y: unknown) => boolean): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if ((SERVER_SET_FIELDS as readonly string[]).includes(key)) continue;
    if (!equal(a[key], b[key])) return false;
  }
  return true;
}
