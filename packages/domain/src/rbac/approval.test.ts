import { describe, expect, it } from 'vitest';
import { checkApproval, checkRequesterNotApprover, type ApprovalCheck } from './approval.ts';
import { BUILT_IN_ROLE_IDS } from './built-in-roles.ts';
import { DAY, NOW, OTHER_TENANT, TENANT, grant, iso, reasons, role, user, withBuiltIns } from './fixtures.test-support.ts';
import { compileTenantPolicy } from './policy.ts';

const { complianceOfficer, member } = BUILT_IN_ROLE_IDS;
const roles = withBuiltIns(role('legal', { name: 'Legal', permissions: ['workflow:approve'] }), role('senior-legal', { name: 'Senior legal', inherits: ['legal'] }));
const policy = compileTenantPolicy(
  roles,
  [
    grant('g1', 'olga', complianceOfficer),
    grant('g2', 'rita', complianceOfficer),
    grant('g3', 'mark', member),
    grant('g4', 'lena', 'senior-legal'),
    grant('g5', 'old', complianceOfficer, { expiresAt: iso(NOW - DAY) }),
    grant('g6', 'dora', complianceOfficer),
  ],
  TENANT,
  { users: [user('dora', 'disabled')] },
);
const run = { id: 'run-1', tenantId: TENANT, requesterId: 'rita', approvals: [{ stepId: 'legal', approverId: 'lena' }] };
const anyStep = { id: 'review', name: 'Review', approverRoleIds: [] };
const legalStep = { id: 'legal', name: 'Legal sign-off', approverRoleIds: ['legal'] };
const check = (fields: Partial<ApprovalCheck>): ApprovalCheck => ({ approverId: 'olga', run, step: anyStep, now: NOW, ...fields });

describe('checkRequesterNotApprover', () => {
  it('refuses the requester and allows anyone else', () => {
    expect(checkRequesterNotApprover(run, 'rita')).toEqual([{
      code: 'FORBIDDEN',
      message: 'User rita requested workflow run run-1 and so cannot approve it; another approver must.',
      details: { reason: 'requester-approves-own-request', runId: 'run-1', userId: 'rita' },
    }]);
    expect(checkRequesterNotApprover(run, 'olga')).toEqual([]);
  });
});

describe('checkApproval', () => {
  it('allows a holder of workflow:approve who did not request the run', () => {
    expect(checkApproval(policy, check({}))).toEqual([]);
  });

  it('refuses the requester even when they hold workflow:approve', () => {
    expect(reasons(checkApproval(policy, check({ approverId: 'rita' })))).toEqual(['requester-approves-own-request']);
  });

  it('refuses without workflow:approve, with an expired grant, or as an inactive user, explaining why', () => {
    for (const approverId of ['mark', 'old', 'dora', 'stranger']) {
      const [issue, ...rest] = checkApproval(policy, check({ approverId }));
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not-permitted', permission: 'workflow:approve' } });
    }
    expect(checkApproval(policy, check({ approverId: 'old' }))[0]?.message).toContain('expired at');
  });

  it('refuses a run of another tenant', () => {
    const [issue] = checkApproval(policy, check({ run: { ...run, tenantId: OTHER_TENANT } }));
    expect(issue?.details).toMatchObject({ causes: ['wrong-tenant'] });
  });

  it('asks for one of the step’s approver roles when it names any (inherited roles count)', () => {
    expect(checkApproval(policy, check({ step: legalStep, run: { ...run, approvals: [] }, approverId: 'lena' }))).toEqual([]);
    const [issue] = checkApproval(policy, check({ step: legalStep }));
    expect(issue).toEqual({
      code: 'FORBIDDEN',
      message: 'User olga cannot decide step "Legal sign-off" of workflow run run-1: it needs one of the roles "Legal", and they hold none of them.',
      details: { reason: 'not-a-step-approver', runId: 'run-1', stepId: 'legal', userId: 'olga', approverRoleIds: ['legal'] },
    });
  });

  it('refuses a second decision by the same approver on the same step', () => {
    expect(reasons(checkApproval(policy, check({ step: legalStep, approverId: 'lena' })))).toEqual(['already-decided']);
  });

  it('reports every broken rule at once', () => {
    expect(reasons(checkApproval(policy, check({ approverId: 'rita', step: legalStep, run: { ...run, approvals: [{ stepId: 'legal', approverId: 'rita' }] } })))).toEqual([
      'requester-approves-own-request',
      'not-a-step-approver',
      'already-decided',
    ]);
  });
});
