/** Hand-made domain documents for the replica's tests (valid under the domain's schemas; the tests check that). */
import type { AuditEvent, User } from '@steward/domain';

export const TENANT = '01900000-0000-7000-8000-00000000000a';
export const OFFICER = '01900000-0000-7000-8000-0000000000a2';

export const eventId = (n: number): string => `01900000-0000-7000-8000-${(0x1000 + n).toString(16).padStart(12, '0')}`;

export function auditEvent(n: number, fields: Partial<AuditEvent> = {}): AuditEvent {
  const at = new Date(Date.parse('2026-02-01T00:00:00.000Z') + n * 60_000).toISOString();
  return {
    id: eventId(n),
    tenantId: TENANT,
    revision: 1,
    updatedAt: at,
    _deleted: false,
    actorId: OFFICER,
    actorType: 'user',
    action: 'role.assign',
    resourceType: 'roleAssignment',
    resourceId: `ra-${n}`,
    outcome: 'success',
    occurredAt: at,
    observedAt: null,
    context: { reason: 'quarterly review' },
    pii: false,
    complianceFlags: ['SOX'],
    ledgerIndex: n,
    ...fields,
  };
}

export function officer(fields: Partial<User> = {}): User {
  return {
    id: OFFICER,
    tenantId: TENANT,
    revision: 3,
    updatedAt: '2026-01-15T09:00:00.000Z',
    _deleted: false,
    email: 'officer@acme.example',
    displayName: 'Olivia Officer',
    status: 'active',
    mfaEnabled: true,
    ...fields,
  };
}
