/**
 * Records audit events that are not part of a document write (sign-ins,
 * API-key use, exports) in their own transaction, appended to the ledger
 * like every other event.
 */
import type { AuditEvent } from '@steward/domain';
import type { Services } from '../services.ts';
import { rowOf, writeDocuments } from '../store/documents.ts';
import { appendToLedger } from './append.ts';

/** The actor recorded when nobody is authenticated (e.g. a sign-in with an unknown email). */
export const ANONYMOUS_ACTOR_ID = '00000000-0000-7000-8000-000000000000';

export type NewAuditEvent = Pick<AuditEvent, 'tenantId' | 'actorId' | 'actorType' | 'action' | 'resourceType' | 'resourceId' | 'outcome' | 'context' | 'pii'>;

export function auditEventOf(services: Services, event: NewAuditEvent, now: string): AuditEvent {
  return { ...event, id: services.newId(), revision: 1, updatedAt: now, _deleted: false, occurredAt: now, observedAt: null, complianceFlags: [], ledgerIndex: null };
}

export async function recordAuditEvents(services: Services, events: readonly NewAuditEvent[]): Promise<void> {
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const indexed = await appendToLedger(trx, services.dialect, events.map((e) => auditEventOf(services, e, now)));
    await writeDocuments(trx, services.dialect, indexed.map((event) => rowOf('auditEvents', event)));
  });
  services.feed.publish({ collections: ['auditEvents'], accessChanged: false });
}
