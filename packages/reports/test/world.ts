/**
 * A small hand-made world with one of everything the reports must find:
 * a separation-of-duties violation (Carol: officer and auditor), an expired
 * grant still present (Dave's old admin grant), a grant expiring soon
 * (Erin, without MFA), a wildcard role, a platform-wide admin, a self-approved request,
 * and three days without audit events.
 */
import { BUILT_IN_ROLE_IDS, type AuditEvent, type Report, type ReportRun, type Role, type RoleAssignment, type Tenant, type User, type Workflow, type WorkflowRun } from '@steward/domain';
import type { ReportData } from '../src/index.ts';

export const NOW = '2024-05-20T12:00:00.000Z';

/** A valid UUIDv7 from a small number, readable in failures. */
export const id = (n: number): string => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

const base = <T extends string | null>(n: number, tenantId: T, updatedAt = '2024-01-01T00:00:00.000Z') => ({ id: id(n), tenantId, revision: 1, updatedAt, _deleted: false });

export const ACME = id(1);
export const GLOBEX = id(2);

export const tenants: Tenant[] = [
  { ...base(1, ACME), name: 'Acme Corp', slug: 'acme', plan: 'team', status: 'active', branding: { primaryColor: '#112233' }, featureFlags: {}, retentionDays: 30, quotaOverrides: { seats: 5 } },
  { ...base(2, GLOBEX), name: 'Globex', slug: 'globex', plan: 'free', status: 'active', branding: { primaryColor: '#445566' }, featureFlags: {}, retentionDays: 30, quotaOverrides: {} },
];

const user = (n: number, tenantId: string | null, displayName: string, email: string, mfaEnabled = true, status: User['status'] = 'active'): User => ({ ...base(n, tenantId), email, displayName, status, mfaEnabled });

export const ALICE = id(10);
export const BOB = id(11);
export const CAROL = id(12);
export const DAVE = id(13);
export const ERIN = id(14);
export const PAT = id(15);
export const GINA = id(16);

export const users: User[] = [
  user(10, ACME, 'Alice Admin', 'alice@acme.example'),
  user(11, ACME, 'Bob Officer', 'bob@acme.example', false),
  user(12, ACME, 'Carol Both', 'carol@acme.example'),
  user(13, ACME, 'Dave Member', 'dave@acme.example'),
  user(14, ACME, 'Erin Member', 'erin@acme.example', false),
  user(15, null, 'Pat Platform', 'pat@steward.example'),
  user(16, GLOBEX, 'Gina Globex', 'gina@globex.example'),
];

export const LOG_KEEPER = id(20);
export const roles: Role[] = [
  { ...base(20, ACME), name: 'Log keeper', description: 'Keeps the audit trail', scope: 'tenant', permissions: ['audit:*'], inherits: [], exclusiveWith: [], builtIn: false },
];

const grant = (n: number, tenantId: string | null, userId: string, roleId: string, grantedBy: string, validFrom: string, expiresAt: string | null, reason = 'Needed for the job'): RoleAssignment => ({
  ...base(n, tenantId),
  userId,
  roleId,
  grantedBy,
  validFrom,
  expiresAt,
  reason,
});

const R = BUILT_IN_ROLE_IDS;
export const roleAssignments: RoleAssignment[] = [
  grant(30, ACME, ALICE, R.tenantAdmin, PAT, '2024-01-02T09:00:00.000Z', null, 'Founding admin'),
  grant(31, ACME, BOB, R.complianceOfficer, ALICE, '2024-02-01T09:00:00.000Z', null),
  grant(32, ACME, CAROL, R.complianceOfficer, ALICE, '2024-02-03T09:00:00.000Z', null),
  grant(33, ACME, CAROL, R.auditor, BOB, '2024-03-01T09:00:00.000Z', null, '=HYPERLINK("http://evil")'),
  grant(34, ACME, DAVE, R.tenantAdmin, ALICE, '2024-03-01T09:00:00.000Z', '2024-04-01T09:00:00.000Z', 'Incident INC-7'),
  grant(35, ACME, DAVE, R.member, ALICE, '2024-03-01T09:00:00.000Z', null),
  grant(36, ACME, ERIN, LOG_KEEPER, ALICE, '2024-05-01T09:00:00.000Z', '2024-05-30T09:00:00.000Z', 'Audit clean-up'),
  grant(37, null, PAT, R.platformAdmin, PAT, '2023-12-01T00:00:00.000Z', null, 'Vendor on-call'),
  grant(38, GLOBEX, GINA, R.tenantAdmin, PAT, '2024-01-05T00:00:00.000Z', null),
];

let eventNo = 100;
const event = (tenantId: string, occurredAt: string, actorId: string, action: string, outcome: AuditEvent['outcome'] = 'success', complianceFlags: string[] = []): AuditEvent => ({
  ...base(eventNo++, tenantId, occurredAt),
  actorId,
  actorType: 'user',
  action,
  resourceType: action.split('.')[0] ?? 'x',
  resourceId: 'r-1',
  outcome,
  occurredAt,
  observedAt: null,
  context: {},
  pii: false,
  complianceFlags,
  ledgerIndex: eventNo,
});

export const auditEvents: AuditEvent[] = [
  event(ACME, '2024-04-30T23:59:59.999Z', ALICE, 'auth.login'), // before the period
  event(ACME, '2024-05-01T08:00:00.000Z', ALICE, 'auth.login', 'success', ['SOX']),
  event(ACME, '2024-05-01T09:30:00.000Z', ALICE, 'role.assign', 'success', ['SOX']),
  event(ACME, '2024-05-01T17:00:00.000Z', BOB, 'auth.login', 'failure'),
  event(ACME, '2024-05-02T10:00:00.000Z', BOB, 'auth.login'),
  event(ACME, '2024-05-02T11:00:00.000Z', BOB, 'workflowRun.approve', 'success', ['SOX']),
  // 05-03, 05-04, 05-05: nothing
  event(ACME, '2024-05-06T07:00:00.000Z', DAVE, 'role.assign', 'denied'),
  { ...event(ACME, '2024-05-07T12:00:00.000Z', id(99), 'system.seed'), actorType: 'system' },
  event(GLOBEX, '2024-05-03T12:00:00.000Z', GINA, 'auth.login'), // another tenant
];

export const WORKFLOW = id(40);
export const workflows: Workflow[] = [
  {
    ...base(40, ACME),
    name: 'Privileged access request',
    description: '',
    trigger: { type: 'manual' },
    steps: [{ id: 'officer-approval', name: 'Officer approval', kind: 'approval', approverRoleIds: [R.complianceOfficer], minApprovals: 1 }],
    enabled: true,
  },
];

const run = (n: number, requesterId: string, requested: string, state: WorkflowRun['state'], decisions: { by: string; decision: 'approve' | 'reject'; at: string }[], summary: string): WorkflowRun => ({
  ...base(n, ACME, decisions.at(-1)?.at ?? requested),
  workflowId: WORKFLOW,
  requesterId,
  state,
  subject: { type: 'role', id: R.tenantAdmin, summary },
  currentStep: decisions.length,
  history: [{ at: requested, actorId: requesterId, event: 'requested', note: '' }, ...decisions.map((d) => ({ at: d.at, actorId: d.by, event: `step.${d.decision === 'approve' ? 'approved' : 'rejected'}`, note: '' }))],
  approvals: decisions.map((d) => ({ stepId: 'officer-approval', approverId: d.by, decision: d.decision, comment: 'ok', at: d.at })),
});

export const RUN_DAVE = id(50);
export const RUN_BOB = id(51);
export const RUN_ERIN = id(52);
export const workflowRuns: WorkflowRun[] = [
  run(50, DAVE, '2024-05-02T10:00:00.000Z', 'approved', [{ by: CAROL, decision: 'approve', at: '2024-05-02T10:30:00.000Z' }, { by: BOB, decision: 'approve', at: '2024-05-02T11:00:00.000Z' }], 'Admin for INC-9'),
  run(51, BOB, '2024-05-04T10:00:00.000Z', 'approved', [{ by: BOB, decision: 'approve', at: '2024-05-04T10:05:00.000Z' }], 'Admin for myself'),
  run(52, ERIN, '2024-05-10T10:00:00.000Z', 'pending', [], 'Admin for the audit'),
  run(53, DAVE, '2024-03-10T10:00:00.000Z', 'rejected', [{ by: CAROL, decision: 'reject', at: '2024-03-11T10:00:00.000Z' }], 'Before the period'),
];

const reportRun = (n: number, status: ReportRun['status'], generatedAt: string, sizeBytes: number): ReportRun => ({
  ...base(n, ACME, generatedAt),
  reportId: id(60),
  requestedBy: ALICE,
  generatedAt,
  format: 'pdf',
  status,
  sha256: status === 'succeeded' ? 'a'.repeat(64) : null,
  signature: null,
  scope: { tenantIds: [ACME], from: null, to: null },
  sizeBytes,
});

export const reportRuns: ReportRun[] = [
  reportRun(70, 'succeeded', '2024-05-02T06:00:00.000Z', 1000),
  reportRun(71, 'succeeded', '2024-05-09T06:00:00.000Z', 2500),
  reportRun(72, 'failed', '2024-05-10T06:00:00.000Z', 0),
  reportRun(73, 'succeeded', '2024-04-09T06:00:00.000Z', 500), // last month: storage only
];

export const world: ReportData = { tenants, users, roles, roleAssignments, auditEvents, workflows, workflowRuns, reportRuns };

export function definition(template: Report['template'], format: Report['format'], parameters: Partial<Report['parameters']> = {}): Report {
  return {
    ...base(60, ACME),
    name: `Test ${template}`,
    template,
    parameters: { tenantIds: [ACME], from: null, to: null, filters: {}, ...parameters },
    schedule: null,
    format,
  };
}

/** Labels as the reports print them. */
export const label = {
  alice: 'Alice Admin <alice@acme.example>',
  bob: 'Bob Officer <bob@acme.example>',
  carol: 'Carol Both <carol@acme.example>',
  dave: 'Dave Member <dave@acme.example>',
  erin: 'Erin Member <erin@acme.example>',
  pat: 'Pat Platform <pat@steward.example>',
} as const;
