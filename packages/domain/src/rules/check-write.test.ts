import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_IDS } from '../rbac/built-in-roles.ts';
import type { AuditEvent, AuditReview } from '../schema/audit.ts';
import type { RoleAssignment, Tenant, User } from '../schema/identity.ts';
import type { Workflow, WorkflowRun } from '../schema/workflows.ts';
import { checkWrite } from './check-write.ts';
import { applyToState, tenantStateOf, type TenantState } from './tenant-state.ts';

const NOW = '2026-06-01T12:00:00.000Z';
const T = '01900000-0000-7000-8000-00000000000a';
const id = (n: number): string => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const ADMIN = id(1);
const OFFICER = id(2);
const MEMBER = id(3);
const base = { revision: 1, updatedAt: NOW, _deleted: false };

const tenant: Tenant = {
  ...base, id: T, tenantId: T, name: 'Acme', slug: 'acme', plan: 'free', status: 'active',
  branding: { primaryColor: '#123456' }, featureFlags: {}, retentionDays: 30, quotaOverrides: {},
};
const user = (n: string, status: User['status'] = 'active'): User => ({ ...base, id: n, tenantId: T, email: `${n.slice(-2)}@acme.example`, displayName: n, status, mfaEnabled: true });
const grant = (n: number, userId: string, roleId: string): RoleAssignment => ({
  ...base, id: id(100 + n), tenantId: T, userId, roleId, grantedBy: ADMIN, validFrom: '2026-01-01T00:00:00.000Z', expiresAt: null, reason: 'seed',
});

/** Step s1 needs a compliance officer; s2 anyone holding workflow:approve. */
const workflow: Workflow = {
  ...base, id: id(401), tenantId: T, name: 'Access request', description: '', trigger: { type: 'manual' }, enabled: true,
  steps: [
    { id: 's1', name: 'Compliance review', kind: 'approval', approverRoleIds: [BUILT_IN_ROLE_IDS.complianceOfficer], minApprovals: 1 },
    { id: 's2', name: 'Admin sign-off', kind: 'approval', approverRoleIds: [], minApprovals: 1 },
  ],
};

function state(): TenantState {
  return tenantStateOf(T, {
    tenant,
    roles: [],
    users: [user(ADMIN), user(OFFICER), user(MEMBER)],
    assignments: [grant(1, ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin), grant(2, OFFICER, BUILT_IN_ROLE_IDS.complianceOfficer), grant(3, MEMBER, BUILT_IN_ROLE_IDS.member)],
    workflows: [workflow],
    reportRuns: [],
  }, NOW);
}

const codes = (issues: readonly { code: string }[]): string[] => issues.map((i) => i.code);

describe('checkWrite', () => {
  it('lets an admin grant a role and refuses an officer without role:assign', () => {
    const after = grant(9, OFFICER, BUILT_IN_ROLE_IDS.member);
    expect(checkWrite({ collection: 'roleAssignments', actorId: ADMIN, before: null, after, state: state(), now: NOW })).toEqual([]);
    // A tenant admin lacks audit:export, so granting Auditor would be escalation.
    const escalation = checkWrite({ collection: 'roleAssignments', actorId: ADMIN, before: null, after: grant(10, MEMBER, BUILT_IN_ROLE_IDS.auditor), state: state(), now: NOW });
    expect(escalation[0]?.message).toMatch(/audit:export/);
    const refused = checkWrite({ collection: 'roleAssignments', actorId: OFFICER, before: null, after, state: state(), now: NOW });
    expect(codes(refused)).toContain('FORBIDDEN');
    expect(refused[0]?.message).toMatch(/role:assign/);
  });

  it('keeps the last tenant admin', () => {
    const revoke = { ...grant(1, ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin), _deleted: true };
    expect(codes(checkWrite({ collection: 'roleAssignments', actorId: ADMIN, before: grant(1, ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin), after: revoke, state: state(), now: NOW }))).toContain('FORBIDDEN');
  });

  it('refuses a seat past the plan limit with the numbers, and allows it once a seat is freed', () => {
    const newcomer = user(id(50), 'invited');
    const refused = checkWrite({ collection: 'users', actorId: ADMIN, before: null, after: newcomer, state: state(), now: NOW });
    expect(codes(refused)).toEqual(['QUOTA_EXCEEDED']);
    expect(refused[0]?.message).toMatch(/3/);
    const freed = applyToState(state(), 'users', user(MEMBER, 'disabled'), NOW);
    expect(checkWrite({ collection: 'users', actorId: ADMIN, before: null, after: newcomer, state: freed, now: NOW })).toEqual([]);
  });

  it('keeps audit events and reviews append-only', () => {
    const event: AuditEvent = {
      ...base, id: id(200), tenantId: T, actorId: OFFICER, actorType: 'user', action: 'report.run', resourceType: 'report', resourceId: 'r1',
      outcome: 'success', occurredAt: NOW, observedAt: null, context: {}, pii: false, complianceFlags: [], ledgerIndex: null,
    };
    expect(checkWrite({ collection: 'auditEvents', actorId: OFFICER, before: null, after: event, state: state(), now: NOW })).toEqual([]);
    expect(codes(checkWrite({ collection: 'auditEvents', actorId: ADMIN, before: event, after: { ...event, outcome: 'failure' }, state: state(), now: NOW }))).toEqual(['IMMUTABLE']);
    const review: AuditReview = { ...base, id: id(300), tenantId: T, eventId: event.id, reviewerId: OFFICER, state: 'reviewed', note: '', createdAt: NOW };
    expect(checkWrite({ collection: 'auditReviews', actorId: OFFICER, before: null, after: review, state: state(), now: NOW })).toEqual([]);
    expect(codes(checkWrite({ collection: 'auditReviews', actorId: MEMBER, before: null, after: review, state: state(), now: NOW }))).toEqual(['FORBIDDEN']);
    expect(codes(checkWrite({ collection: 'auditReviews', actorId: OFFICER, before: review, after: { ...review, note: 'changed' }, state: state(), now: NOW }))).toEqual(['IMMUTABLE']);
  });

  it('never lets a requester approve their own run, and only records the actor\'s own decision', () => {
    const run: WorkflowRun = {
      ...base, id: id(400), tenantId: T, workflowId: id(401), requesterId: OFFICER, state: 'pending',
      subject: { type: 'access.request', id: 'x', summary: 'access' }, currentStep: 0, history: [], approvals: [],
    };
    const approval = (approverId: string) => ({ ...run, approvals: [{ stepId: 's1', approverId, decision: 'approve' as const, comment: '', at: NOW }] });
    expect(codes(checkWrite({ collection: 'workflowRuns', actorId: OFFICER, before: run, after: approval(OFFICER), state: state(), now: NOW }))).toContain('FORBIDDEN');
    expect(codes(checkWrite({ collection: 'workflowRuns', actorId: ADMIN, before: run, after: approval(OFFICER), state: state(), now: NOW }))).toContain('FORBIDDEN');
    const adminRun = { ...run, requesterId: ADMIN };
    expect(checkWrite({ collection: 'workflowRuns', actorId: OFFICER, before: adminRun, after: { ...approval(OFFICER), requesterId: ADMIN }, state: state(), now: NOW })).toEqual([]);
    expect(codes(checkWrite({ collection: 'workflowRuns', actorId: OFFICER, before: approval(OFFICER), after: run, state: state(), now: NOW }))).toEqual(['IMMUTABLE']);
  });

  it('takes a decision only on the pending run\'s current step, from someone the step accepts', () => {
    const run: WorkflowRun = {
      ...base, id: id(410), tenantId: T, workflowId: id(401), requesterId: MEMBER, state: 'pending',
      subject: { type: 'access.request', id: 'x', summary: 'access' }, currentStep: 0, history: [], approvals: [],
    };
    const decide = (before: WorkflowRun, actorId: string, stepId: string) =>
      checkWrite({ collection: 'workflowRuns', actorId, before, after: { ...before, approvals: [{ stepId, approverId: actorId, decision: 'approve', comment: '', at: NOW }] }, state: state(), now: NOW });
    expect(decide(run, OFFICER, 's1')).toEqual([]);
    // The admin holds workflow:approve (through workflow:*) but not the step's compliance officer role.
    expect(decide(run, ADMIN, 's1')).toMatchObject([{ code: 'FORBIDDEN', details: { reason: 'not-a-step-approver' } }]);
    expect(decide(run, OFFICER, 's2')).toMatchObject([{ code: 'INVALID', details: { reason: 'not-the-current-step' } }]);
    expect(decide({ ...run, currentStep: 1 }, ADMIN, 's2')).toEqual([]);
    expect(decide({ ...run, state: 'approved' }, OFFICER, 's1')).toMatchObject([{ code: 'INVALID', details: { reason: 'run-not-pending' } }]);
    expect(decide({ ...run, workflowId: id(499) }, OFFICER, 's1')).toMatchObject([{ code: 'INVALID', details: { reason: 'unknown-workflow' } }]);
  });

  it('lets a tenant admin edit the tenant\'s own settings but not its plan, status or quota overrides', () => {
    const edit = (fields: Partial<Tenant>) => checkWrite({ collection: 'tenants', actorId: ADMIN, before: tenant, after: { ...tenant, ...fields }, state: state(), now: NOW });
    expect(edit({ name: 'Acme Corp', branding: { primaryColor: '#654321' } })).toEqual([]);
    for (const fields of [{ plan: 'enterprise' as const }, { status: 'suspended' as const }, { quotaOverrides: { seats: 1_000 } }]) {
      expect(edit(fields)).toMatchObject([{ code: 'FORBIDDEN', message: expect.stringMatching(/tenant:manage/) as unknown }]);
    }
    expect(codes(checkWrite({ collection: 'tenants', actorId: OFFICER, before: tenant, after: { ...tenant, name: 'x' }, state: state(), now: NOW }))).toEqual(['FORBIDDEN']);
  });

  it('refuses moving a document to another tenant', () => {
    const moved = { ...user(MEMBER), tenantId: id(999) };
    expect(codes(checkWrite({ collection: 'users', actorId: ADMIN, before: user(MEMBER), after: moved, state: state(), now: NOW }))).toEqual(['IMMUTABLE']);
  });
});
