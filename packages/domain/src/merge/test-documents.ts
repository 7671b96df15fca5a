/**
 * Test support (imported only by *.test.ts): one valid document of each
 * collection the merge tests edit, at revision 3 as "the server state the
 * client last saw".
 */
import type { AuditEvent, AuditReview } from '../schema/audit.ts';
import type { Role, RoleAssignment, Tenant } from '../schema/identity.ts';
import type { Approval, RunHistoryEntry, WorkflowRun } from '../schema/workflows.ts';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const ALICE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SEEN = '2024-05-01T09:00:00.000Z';

const base = { tenantId: TENANT, revision: 3, updatedAt: SEEN, _deleted: false };

export const tenantDoc: Tenant = {
  ...base,
  id: '01900000-0000-7000-8000-000000000001',
  tenantId: '01900000-0000-7000-8000-000000000001',
  name: 'Acme',
  slug: 'acme',
  plan: 'team',
  status: 'active',
  branding: { primaryColor: '#112233' },
  featureFlags: {},
  retentionDays: 30,
  quotaOverrides: {},
};

export const roleDoc: Role = {
  ...base,
  id: '01900000-0000-7000-8000-000000000002',
  name: 'Reviewer',
  description: 'Reads the audit trail',
  scope: 'tenant',
  permissions: ['audit:read'],
  inherits: [],
  exclusiveWith: [],
  builtIn: false,
};

export const assignmentDoc: RoleAssignment = {
  ...base,
  id: '01900000-0000-7000-8000-000000000003',
  userId: ALICE,
  roleId: roleDoc.id,
  grantedBy: BOB,
  validFrom: '2024-05-01T00:00:00.000Z',
  expiresAt: '2024-06-01T00:00:00.000Z',
  reason: 'Quarterly access review',
};

export const eventDoc: AuditEvent = {
  ...base,
  id: '01900000-0000-7000-8000-000000000004',
  actorId: ALICE,
  actorType: 'user',
  action: 'role.assign',
  resourceType: 'roleAssignment',
  resourceId: assignmentDoc.id,
  outcome: 'success',
  occurredAt: SEEN,
  observedAt: null,
  context: { reason: 'Quarterly access review' },
  pii: false,
  complianceFlags: ['SOX'],
  ledgerIndex: 41,
};

export const reviewDoc: AuditReview = {
  ...base,
  id: '01900000-0000-7000-8000-000000000005',
  eventId: eventDoc.id,
  reviewerId: BOB,
  state: 'reviewed',
  note: 'Expected.',
  createdAt: SEEN,
};

export const requested: RunHistoryEntry = { at: '2024-05-01T08:00:00.000Z', actorId: ALICE, event: 'requested', note: '' };

export const runDoc: WorkflowRun = {
  ...base,
  id: '01900000-0000-7000-8000-000000000006',
  workflowId: '01900000-0000-7000-8000-000000000007',
  requesterId: ALICE,
  state: 'pending',
  subject: { type: 'roleAssignment', id: assignmentDoc.id, summary: 'Reviewer for Alice' },
  currentStep: 0,
  history: [requested],
  approvals: [],
};

export const historyEntry = (at: string, event: string, actorId = BOB): RunHistoryEntry => ({ at, actorId, event, note: '' });
export const approval = (at: string, decision: Approval['decision'], approverId = BOB, stepId = 'manager'): Approval => ({ stepId, approverId, decision, comment: '', at });

/** The server's next revision of `doc`, with whatever else changed on the server. */
export function onServer<T extends { revision: number; updatedAt: string }>(doc: T, changes: Partial<T> = {}): T {
  return { ...doc, revision: doc.revision + 1, updatedAt: '2024-05-02T10:00:00.000Z', ...changes };
}
