/** Hand-made documents for the workflow tests (valid under the domain's schemas; the tests check that). */
import { BUILT_IN_ROLE_IDS, type RoleAssignment, type Tenant, type User, type Workflow, type WorkflowRun } from '@steward/domain';

export const TENANT = '01900000-0000-7000-8000-00000000000a';
export const OTHER_TENANT = '01900000-0000-7000-8000-00000000000b';
export const OFFICER = '01900000-0000-7000-8000-0000000000a2';
export const OFFICER_2 = '01900000-0000-7000-8000-0000000000a3';
export const ADMIN = '01900000-0000-7000-8000-0000000000a4';
export const MEMBER = '01900000-0000-7000-8000-0000000000a5';
export const WORKFLOW = '01900000-0000-7000-8000-0000000000c1';
export const NOW = '2026-03-01T12:00:00.000Z';

const base = (id: string, tenantId: string | null) => ({ id, tenantId, revision: 1, updatedAt: '2026-01-01T00:00:00.000Z', _deleted: false });

export function tenant(id = TENANT, name = 'Acme Corporation', slug = 'acme'): Tenant {
  return { ...base(id, id), tenantId: id, name, slug, plan: 'business', status: 'active', branding: { primaryColor: '#c2410c' }, featureFlags: {}, retentionDays: 365, quotaOverrides: {} };
}

export function user(id: string, displayName: string, email: string, tenantId: string = TENANT): User {
  return { ...base(id, tenantId), email, displayName, status: 'active', mfaEnabled: true };
}

let assignmentSeq = 0;
export function grant(userId: string, roleId: string, tenantId: string = TENANT, fields: Partial<RoleAssignment> = {}): RoleAssignment {
  assignmentSeq += 1;
  const id = `01900000-0000-7000-8000-${(0xd000 + assignmentSeq).toString(16).padStart(12, '0')}`;
  return { ...base(id, tenantId), userId, roleId, grantedBy: ADMIN, validFrom: '2025-01-01T00:00:00.000Z', expiresAt: null, reason: 'test', ...fields };
}

export const PEOPLE: readonly User[] = [
  user(OFFICER, 'Olivia Officer', 'officer@acme.example'),
  user(OFFICER_2, 'Oscar Officer', 'oscar@acme.example'),
  user(ADMIN, 'Ada Admin', 'admin@acme.example'),
  user(MEMBER, 'Max Member', 'member@acme.example'),
];

export const GRANTS: readonly RoleAssignment[] = [
  grant(OFFICER, BUILT_IN_ROLE_IDS.complianceOfficer),
  grant(OFFICER_2, BUILT_IN_ROLE_IDS.complianceOfficer),
  grant(ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin),
  grant(MEMBER, BUILT_IN_ROLE_IDS.member),
];

export function workflow(fields: Partial<Workflow> = {}): Workflow {
  return {
    ...base(WORKFLOW, TENANT),
    name: 'Privileged access request',
    description: 'Temporary admin access.',
    trigger: { type: 'manual' },
    steps: [
      { id: 'officer-approval', name: 'Compliance officer approval', kind: 'approval', approverRoleIds: [BUILT_IN_ROLE_IDS.complianceOfficer], minApprovals: 1 },
      { id: 'grant', name: 'Grant time-boxed access', kind: 'action', approverRoleIds: [], minApprovals: 1 },
    ],
    enabled: true,
    ...fields,
  };
}

export const runId = (n: number): string => `01900000-0000-7000-8000-${(0xe000 + n).toString(16).padStart(12, '0')}`;

export function run(n: number, requesterId: string, fields: Partial<WorkflowRun> = {}): WorkflowRun {
  const at = new Date(Date.parse('2026-02-01T00:00:00.000Z') + n * 3_600_000).toISOString();
  return {
    ...base(runId(n), TENANT),
    updatedAt: at,
    workflowId: WORKFLOW,
    requesterId,
    state: 'pending',
    subject: { type: 'role', id: BUILT_IN_ROLE_IDS.tenantAdmin, summary: `Request ${n}` },
    currentStep: 0,
    history: [{ at, actorId: requesterId, event: 'requested', note: 'ticket linked' }],
    approvals: [],
    ...fields,
  };
}
