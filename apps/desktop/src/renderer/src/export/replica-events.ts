/**
 * The replica's audit events in an export's scope: the tenant's live
 * events, kept when the evidence package's `outOfScope` (the verifier's own
 * rule) finds nothing against them, in occurrence order.
 */
import { fromRxDocument, type AuditEvent } from '@steward/domain';
import { outOfScope, type ExportScope } from '@steward/evidence';
import type { ReplicaDatabase } from '../replica/database.ts';

export function eventsInScope(events: readonly AuditEvent[], scope: ExportScope): AuditEvent[] {
  return events.filter((e) => !e._deleted && outOfScope(e, scope) === undefined).sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1));
}

export async function readReplicaEvents(db: ReplicaDatabase, scope: ExportScope): Promise<AuditEvent[]> {
  const found = await db.collections.auditEvents.find({ selector: { tenantId: scope.tenantId } }).exec();
  const events: AuditEvent[] = [];
  for (const doc of found) {
    const parsed = fromRxDocument('auditEvents', doc.toJSON() as Readonly<Record<string, unknown>>);
    if (parsed.ok) events.push(parsed.value);
  }
  return eventsInScope(events, scope);
}
