/**
 * An audit event this device records (a reconcile decision, the reason for
 * a revoke). The server keeps it append-only in the ledger and stamps the
 * actor and the time itself; what is set here is this device's view of them
 * (kept by the server as `observedAt`).
 */
import type { AuditEvent } from '@steward/domain';

export type LocalEventFields = Pick<AuditEvent, 'id' | 'tenantId' | 'actorId' | 'action' | 'resourceType' | 'resourceId' | 'context' | 'pii'> & {
  /** ISO-8601 time of the act on this device. */
  readonly at: string;
};

export function localAuditEvent({ at, resourceId, ...fields }: LocalEventFields): AuditEvent {
  return {
    ...fields,
    revision: 0,
    updatedAt: at,
    _deleted: false,
    actorType: 'user',
    resourceId: resourceId.slice(0, 256),
    outcome: 'success',
    occurredAt: at,
    observedAt: null,
    complianceFlags: [],
    ledgerIndex: null,
  };
}
